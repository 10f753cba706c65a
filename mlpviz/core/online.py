"""Online training (one sample per update), compiled: network.py's and optimizers.py's equations, one number at a time.

Online training on a small network is dominated by per-call overhead in numpy (a 2-3-1 update is
~30 tiny array operations), so this module writes the forward pass, the backward pass and the
update as plain loops over the flat parameter vector and compiles them with numba. The arithmetic
is exactly network.py's; tests check the two agree. Stepping once and running many steps call the
same compiled function, so they give bit-identical results.
"""

from __future__ import annotations

import math

import numpy as np

try:
    from numba import literally, njit
except ImportError:  # pragma: no cover - numba is a dependency; this keeps core importable without it
    def njit(*args, **kwargs):
        return args[0] if args and callable(args[0]) else (lambda f: f)

    def literally(value):
        return value

from .online_inplace import CHECK_EVERY, chunk_is_finite, update_in_place
from .online_variants import GENERAL, call, layouts, settings_of, variant_of
from .optimizers import Optimizer, penalty_of

ACTIVATION_CODES = {"sigmoid": 0, "tanh": 1, "relu": 2, "linear": 3, "softmax": 4}
LOSS_CODES = {"half-sse": 0, "mse": 1, "cross-entropy": 2, "binary-cross-entropy": 3,
              "mean-squared-error": 0}


@njit(cache=True, error_model="numpy", inline="always")  # compiled into the loops that call it
def _f(code, net):
    if code == 0:
        return 1.0 / (1.0 + math.exp(-net)) if net > -709.0 else 0.0
    if code == 1:
        return math.tanh(net)
    if code == 2:
        return net if net > 0.0 else 0.0
    return net  # linear; softmax is finished by _softmax once the layer's nets are known


@njit(cache=True)
def _softmax(net, out, at, n):
    """out = e^{net − max} / Σ e^{net − max} over the n neurons from `at` (output_error.py)."""
    top = net[at]
    for k in range(1, n):
        top = max(top, net[at + k])
    total = 0.0
    for k in range(n):
        out[at + k] = math.exp(net[at + k] - top)
        total += out[at + k]
    for k in range(n):
        out[at + k] /= total


@njit(cache=True)
def _softplus(x):
    """ln(1 + e^x) = max(x, 0) + ln(1 + e^{−|x|})."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


@njit(cache=True)
def _log_out(code, net, y, log_total):
    """ln y from net where the activation allows (softmax: net − ln Σ e^net; sigmoid: −softplus(−net))."""
    if code == 4:
        return net - log_total
    if code == 0:
        return -_softplus(-net)
    return math.log(y) if y > 0.0 else (-math.inf if y == 0.0 else math.nan)


@njit(cache=True)
def _log_one_minus_out(code, net, y):
    if code == 0:
        return -_softplus(net)
    return math.log1p(-y) if y < 1.0 else (-math.inf if y == 1.0 else math.nan)


@njit(cache=True)
def _output_error(net, out, delta, at, K, Z, s, code, loss_code):
    """E of sample s (target Z[s]), and δ[L] into delta[at:at+K]: output_error.py, number by number.

    δ = y − z for softmax + cross-entropy (y Σz − z) and sigmoid + binary cross-entropy; else
    g = ∂E/∂y, then δ = y ⊙ (g − Σ g_k y_k) for softmax or g ⊙ f'(y) for the others.
    """
    log_total = 0.0
    if code == 4 and loss_code >= 2:  # ln Σ_j e^{net_j}, the largest net taken out first
        top = net[at]
        for k in range(1, K):
            top = max(top, net[at + k])
        total = 0.0
        for k in range(K):
            total += math.exp(net[at + k] - top)
        log_total = top + math.log(total)
    E = 0.0
    z_sum = 0.0
    for k in range(K):
        y, zk = out[at + k], Z[s, k]
        z_sum += zk
        diff = y - zk
        if loss_code == 0:
            E += 0.5 * diff * diff
            g = diff
        elif loss_code == 1:
            E += diff * diff / K
            g = (2.0 / K) * diff
        elif loss_code == 2:
            if zk != 0.0:
                E -= zk * _log_out(code, net[at + k], y, log_total)
            g = -zk / y if y != 0.0 else -zk * math.inf
        else:
            if zk != 0.0:
                E -= zk * _log_out(code, net[at + k], y, log_total)
            if zk != 1.0:
                E -= (1.0 - zk) * _log_one_minus_out(code, net[at + k], y)
            g = _bce_derivative(y, zk)
        delta[at + k] = g
    if code == 4 and loss_code == 2:
        for k in range(K):
            delta[at + k] = out[at + k] * z_sum - Z[s, k]
    elif code == 0 and loss_code == 3:
        for k in range(K):
            delta[at + k] = out[at + k] - Z[s, k]
    elif code == 4:
        gy = 0.0
        for k in range(K):
            gy += delta[at + k] * out[at + k]
        for k in range(K):
            delta[at + k] = out[at + k] * (delta[at + k] - gy)
    else:
        for k in range(K):
            delta[at + k] *= _f_prime(code, out[at + k])
    return E


@njit(cache=True, error_model="numpy", inline="always")
def _error(net, out, delta, at, K, Z, s, code, loss_code):
    """_output_error, with half-SSE on a layer other than softmax (the tutorials' case) done in
    one loop compiled into the caller: E = Σ ½(y − z)², δ = (y − z) f'(y), the same arithmetic.
    (A call of _output_error costs about a quarter of a 2-3-1 update.)"""
    if loss_code != 0 or code == 4:
        return _output_error(net, out, delta, at, K, Z, s, code, loss_code)
    E = 0.0
    for k in range(K):
        y = out[at + k]
        diff = y - Z[s, k]
        E += 0.5 * diff * diff
        delta[at + k] = diff * _f_prime(code, y)
    return E


@njit(cache=True)
def _bce_derivative(y, z):
    """−z/y + (1 − z)/(1 − y), with IEEE division by zero (numpy's value) rather than an error."""
    a = -z / y if y != 0.0 else (-z * math.inf if z != 0.0 else math.nan)
    b = (1.0 - z) / (1.0 - y) if y != 1.0 else ((1.0 - z) * math.inf if z != 1.0 else math.nan)
    return a + b


@njit(cache=True, error_model="numpy", inline="always")
def _f_prime(code, out):
    """f' from the activated value, as the tutorials write it."""
    if code == 0:
        return out * (1.0 - out)
    if code == 1:
        return 1.0 - out * out
    if code == 2:
        return 1.0 if out > 0.0 else 0.0
    return 1.0


@njit(cache=True, nogil=True, error_model="numpy")  # nogil: the window stays responsive while a worker trains
def online_steps(params, grad, net, out, delta, new_params, new_grad, sizes, w_off, b_off, n_off,
                 codes, loss_code, learning_rate, train_biases, X, Z, indices, losses,
                 slots, new_slots, is_weight, optimizer_code, hyper, updates, penalties,
                 saved_params, saved_grad, saved_slots, variant):
    """Run one update per entry of `indices` (a row of X and Z each); return how many were done.

    net/out/delta are flat per-neuron buffers (layer l starts at n_off[l]); after the call they
    and `grad` (the data loss's gradient) hold the last update's values. The update is the
    optimizer's (optimizers.py: its state `slots`, `updates` taken before this call); where
    `penalties` has room, each step's penalty (λ₂/2) Σ w² + λ₁ Σ |w| goes there. Stops early,
    before updating, at a step whose loss is not finite or whose update would make a parameter or
    the optimizer's state infinite or NaN, so the parameters, state and `grad` stay those of the
    last finite step (net/out/delta then hold the failed step's values).

    Chunks of CHECK_EVERY updates run in place and are checked at their end (online_inplace.py);
    a chunk that fails is put back and redone one checked update at a time, up to the one that
    fails. new_params, new_grad and new_slots are scratch buffers; saved_* keep a chunk's start.
    `variant` is a compile-time constant (numba's `literally`): each value compiles a loop of its
    own (online_variants.py; call it through online_variants.call). GENERAL reads the
    activations, loss, optimizer and flags from the other arguments as it runs; the variant of a
    combination has them as constants.
    """
    literally(variant)
    n = indices.shape[0]
    done = 0
    while done < n:
        end = min(n, done + CHECK_EVERY)
        if not _checked(params, grad, net, out, delta, new_params, new_grad, sizes, w_off, b_off,
                        n_off, codes, loss_code, learning_rate, train_biases, X, Z, indices,
                        losses, slots, new_slots, is_weight, optimizer_code, hyper, updates,
                        penalties, saved_params, saved_grad, saved_slots, done, end, variant):
            for t in range(done, end):
                if not _checked(params, grad, net, out, delta, new_params, new_grad, sizes,
                                w_off, b_off, n_off, codes, loss_code, learning_rate,
                                train_biases, X, Z, indices, losses, slots, new_slots, is_weight,
                                optimizer_code, hyper, updates, penalties, saved_params,
                                saved_grad, saved_slots, t, t + 1, variant):
                    return t
        done = end
    return done


@njit(cache=True, nogil=True, error_model="numpy")
def _checked(params, grad, net, out, delta, new_params, new_grad, sizes, w_off, b_off, n_off,
             codes, loss_code, learning_rate, train_biases, X, Z, indices, losses, slots,
             new_slots, is_weight, optimizer_code, hyper, updates, penalties, saved_params,
             saved_grad, saved_slots, first, end, variant):
    """Updates first … end − 1 in place; if any of them failed, everything is put back as it was
    before them (but net/out/delta) and the answer is False."""
    saved_params[:] = params
    saved_grad[:] = grad
    saved_slots[:, :] = slots
    _in_place(params, grad, net, out, delta, sizes, w_off, b_off, n_off, codes, loss_code,
              learning_rate, train_biases, X, Z, indices[first:end], losses[first:end], slots,
              is_weight, optimizer_code, hyper, updates + first, penalties[first:end], new_grad,
              new_params, new_slots, variant)
    if chunk_is_finite(losses[first:end], params, slots):
        return True
    params[:] = saved_params
    grad[:] = saved_grad
    slots[:, :] = saved_slots
    return False


@njit(cache=True, nogil=True, error_model="numpy")
def _in_place(params, grad, net, out, delta, sizes, w_off, b_off, n_off, codes, loss_code,
              learning_rate, train_biases, X, Z, indices, losses, slots, is_weight,
              optimizer_code, hyper, updates, penalties, scratch, kept, kept_slots, variant):
    """One update per index, unchecked, each parameter updated in place (a plain C loop's way);
    the caller checks (online_inplace.py). `scratch`, `kept` and `kept_slots` are buffers of one
    number a parameter. (The forward pass is written here, not called: as a function of its own,
    inlined or not, the loop ran a third slower.)"""
    L = sizes.shape[0] - 1
    hidden, output, loss_code, optimizer_code, penalized, train_biases = settings_of(
        variant, codes[1], codes[L], loss_code, optimizer_code, hyper, train_biases)
    for t in range(indices.shape[0]):
        s = indices[t]
        # forward: out[0] = x; net_j = Σ_i w_ji out_i + b_j; out_j = f(net_j)
        for i in range(sizes[0]):
            out[i] = X[s, i]
        for l in range(1, L + 1):
            code = output if l == L else hidden
            for j in range(sizes[l]):
                acc = params[b_off[l] + j]
                row = w_off[l] + j * sizes[l - 1]
                for i in range(sizes[l - 1]):
                    acc += params[row + i] * out[n_off[l - 1] + i]
                net[n_off[l] + j] = acc
                out[n_off[l] + j] = _f(code, acc)
            if code == 4:
                _softmax(net, out, n_off[l], sizes[l])
        # loss E and the output error signal δ[L] = J_f(net)ᵀ ∂E/∂y (output_error.py)
        losses[t] = _error(net, out, delta, n_off[L], sizes[L], Z, s, output, loss_code)
        if penalties.shape[0]:  # the penalty of the weights this step starts from
            penalties[t] = penalty_of(params, is_weight, hyper)
        _hidden_deltas(params, out, delta, sizes, w_off, n_off, hidden)
        # ∇w_ji = δ_j out_i, ∇b_j = δ_j, and the optimizer's update of every parameter
        update_in_place(params, grad, scratch, out, delta, sizes, w_off, b_off, n_off,
                        learning_rate, train_biases, slots, is_weight, optimizer_code, hyper,
                        updates + t + 1, kept, kept_slots, penalized)


@njit(cache=True, error_model="numpy", inline="always")
def _hidden_deltas(params, out, delta, sizes, w_off, n_off, code):
    """Hidden error signals δ_i = (Σ_j w_ji δ_j) · f'(out_i), with the weights before the update
    (`code`: the hidden layers' activation)."""
    for l in range(sizes.shape[0] - 2, 0, -1):
        for i in range(sizes[l]):
            acc = 0.0
            for j in range(sizes[l + 1]):
                acc += params[w_off[l + 1] + j * sizes[l] + i] * delta[n_off[l + 1] + j]
            delta[n_off[l] + i] = acc * _f_prime(code, out[n_off[l] + i])


class OnlineKernel:
    """The buffers online_steps needs for one network, allocated once."""

    NO_PENALTIES = np.zeros(0)

    def __init__(self, network, loss):
        from .network import parameter_layout

        sizes = network.sizes
        w_off, b_off, _ = parameter_layout(sizes)
        self.network = network
        self.sizes = np.array(sizes, dtype=np.int64)
        self.w_off = np.array(w_off, dtype=np.int64)
        self.b_off = np.array(b_off, dtype=np.int64)
        self.n_off = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.codes = np.array([0] + [ACTIVATION_CODES[network.activation(l)]
                                     for l in range(1, len(sizes))], dtype=np.int64)
        self.loss_code = LOSS_CODES[loss]
        self.net = np.zeros(self.n_off[-1])
        self.out = np.zeros(self.n_off[-1])
        self.delta = np.zeros(self.n_off[-1])
        self.grad = np.zeros_like(network.params)
        self.new_params = np.zeros_like(network.params)  # a step's results, kept only if finite
        self.new_grad = np.zeros_like(network.params)
        self.new_slots = None
        self.saved_params = np.zeros_like(network.params)  # a chunk's start, while it runs
        self.saved_grad = np.zeros_like(network.params)
        self.saved_slots = None

    def variant(self, settings, train_biases):
        """The number naming this network's loop for these optimizer settings (variant_of)."""
        return variant_of(self.codes[1], self.codes[-1], self.loss_code, settings.code,
                          settings.penalized, train_biases)

    def run(self, X, Z, indices, learning_rate, train_biases, losses, optimizer=None,
            penalties=None, specialized=False):
        """Update once per index; write each step's loss into `losses` (and, if given, its
        penalty into `penalties`); return the count done. `optimizer` (optimizers.Optimizer, plain
        SGD if None) is the run's: its state and count t move on with the steps done.
        `specialized`: run the loop compiled for these settings (the same numbers, faster, but
        compiled anew for each new combination of settings) rather than the general one."""
        if optimizer is None:
            optimizer = Optimizer.for_network(None, self.network.sizes)
        if self.new_slots is None or self.new_slots.shape != optimizer.slots.shape:
            self.new_slots = np.zeros_like(optimizer.slots)
            self.saved_slots = np.zeros_like(optimizer.slots)
        s = optimizer.settings
        penalties = self.NO_PENALTIES if penalties is None else penalties
        arguments = (self.network.params, self.grad, self.net, self.out, self.delta,
                     self.new_params, self.new_grad, self.sizes, self.w_off, self.b_off,
                     self.n_off, self.codes, self.loss_code, float(learning_rate),
                     bool(train_biases), X, Z, indices, losses, optimizer.slots, self.new_slots,
                     optimizer.is_weight, s.code, s.hyper, optimizer.t, penalties,
                     self.saved_params, self.saved_grad, self.saved_slots)
        done = call(online_steps, arguments,
                    self.variant(s, train_biases) if specialized else GENERAL,
                    layouts(X, Z, indices, losses, penalties, self.network.params,
                            optimizer.slots))  # the others: made by the kernel or optimizer
        optimizer.t += done
        return done


def _forget_a_stale_cache():
    from .compile_cache import forget_stale

    forget_stale(online_steps)


_forget_a_stale_cache()  # before anything loads the compiled loop from numba's cache
