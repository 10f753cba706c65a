"""The optimizers' update, compiled, one number at a time (online.py's kernel calls it): the same
arithmetic as Optimizer.propose in optimizers.py, in the same order, so the two agree bit for bit.
A module of its own so that numba is imported only when a compiled step needs it."""

from __future__ import annotations

import math

from .optimizers import ALPHA, BETA1, BETA2, EPS, L1, L2, LARGEST, MU

try:
    from numba import njit
except ImportError:  # pragma: no cover - numba is a dependency; this keeps core importable without it
    def njit(*args, **kwargs):
        return args[0] if args and callable(args[0]) else (lambda f: f)


# -- the same, compiled, one number at a time ----------------------------------------------------


@njit(cache=True, error_model="numpy", inline="always")
def update_into(params, grad, slots, new_params, new_slots, is_weight, train_biases, code,
                learning_rate, hyper, t):
    """The update number t (from 1) into new_params and new_slots; False if any is not finite.

    Optimizer.propose, number by number, in the same order of operations (one loop per
    optimizer, so that the loop the machine runs has no choices in it)."""
    eta, mu, alpha, eps = learning_rate, hyper[MU], hyper[ALPHA], hyper[EPS]
    beta1, beta2, l2, l1 = hyper[BETA1], hyper[BETA2], hyper[L2], hyper[L1]
    P = params.shape[0]
    if l2 != 0.0 or l1 != 0.0:  # the penalties' gradient on the weights: g + λ₂ w + λ₁ sign(w)
        for k in range(P):
            g = grad[k]
            if is_weight[k]:
                w = params[k]
                if l2 != 0.0:
                    g = g + l2 * w
                if l1 != 0.0:
                    g = g + l1 * (1.0 if w > 0.0 else (-1.0 if w < 0.0 else 0.0))
            new_params[k] = g  # new_params holds the gradient until the loop below replaces it
        grad = new_params
    if code == 0:
        for k in range(P):
            new_params[k] = params[k] - eta * grad[k]
    elif code == 1:
        for k in range(P):
            v = mu * slots[0, k] + grad[k]
            new_slots[0, k] = v
            new_params[k] = params[k] - eta * v
    elif code == 2:
        for k in range(P):
            g = grad[k]
            v = mu * slots[0, k] + g
            new_slots[0, k] = v
            new_params[k] = params[k] - eta * (g + mu * v)
    elif code == 3:
        for k in range(P):
            g = grad[k]
            sq = alpha * slots[0, k] + (1.0 - alpha) * (g * g)
            new_slots[0, k] = sq
            new_params[k] = params[k] - eta * g / (math.sqrt(sq) + eps)
    else:
        c1 = 1.0 - math.pow(beta1, float(t))
        c2 = 1.0 - math.pow(beta2, float(t))
        for k in range(P):
            g = grad[k]
            m = beta1 * slots[0, k] + (1.0 - beta1) * g
            sq = beta2 * slots[1, k] + (1.0 - beta2) * (g * g)
            new_slots[0, k] = m
            new_slots[1, k] = sq
            new_params[k] = params[k] - eta * (m / c1) / (math.sqrt(sq / c2) + eps)
    if not train_biases:  # frozen biases keep their value and their state
        for k in range(P):
            if not is_weight[k]:
                new_params[k] = params[k]
                for r in range(slots.shape[0]):
                    new_slots[r, k] = slots[r, k]
    bad = False  # an infinite or NaN number anywhere (NaN ≤ x is False); no branch per number
    for k in range(P):
        bad |= not abs(new_params[k]) <= LARGEST
    for r in range(slots.shape[0]):
        for k in range(P):
            bad |= not abs(new_slots[r, k]) <= LARGEST
    return not bad


@njit(cache=True, error_model="numpy")
def penalty_of(params, is_weight, hyper):
    """(λ₂/2) Σ w² + λ₁ Σ |w| over the weights, summed in order (Optimizer.penalty, compiled)."""
    squares = 0.0
    absolute = 0.0
    for k in range(params.shape[0]):
        if is_weight[k]:
            squares += params[k] * params[k]
            absolute += abs(params[k])
    return 0.5 * hyper[L2] * squares + hyper[L1] * absolute
