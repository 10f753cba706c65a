"""The optimizers' update, compiled, one number at a time (online.py's kernel calls it): the same
arithmetic as Optimizer.propose in optimizers.py, in the same order, so the two agree bit for bit.
A module of its own so that numba is imported only when a compiled step needs it."""

from __future__ import annotations

import math

import numpy as np

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

    Optimizer.propose, number by number, in the same order of operations."""
    new_params[:] = params
    new_slots[:, :] = slots
    g = grad
    if hyper[L2] != 0.0 or hyper[L1] != 0.0:
        g = np.empty_like(grad)
        penalized_gradient(params, grad, is_weight, hyper, g)
    optimizer_in_place(new_params, g, new_slots, code, learning_rate, hyper, t)
    if not train_biases:  # frozen biases keep their value and their state
        for k in range(params.shape[0]):
            if not is_weight[k]:
                new_params[k] = params[k]
                for r in range(slots.shape[0]):
                    new_slots[r, k] = slots[r, k]
    return all_finite(new_params, new_slots)


@njit(cache=True, error_model="numpy", inline="always")
def all_finite(params, slots):
    """No infinite or NaN number in either (NaN ≤ x is False; no branch per number)."""
    bad = False
    for k in range(params.shape[0]):
        bad |= not abs(params[k]) <= LARGEST
    for r in range(slots.shape[0]):
        for k in range(slots.shape[1]):
            bad |= not abs(slots[r, k]) <= LARGEST
    return not bad


@njit(cache=True, error_model="numpy", inline="always")
def penalized_gradient(params, grad, is_weight, hyper, into):
    """The gradient the optimizer sees: on the weights g + λ₂ w + λ₁ sign(w), into `into`."""
    l2, l1 = hyper[L2], hyper[L1]
    for k in range(params.shape[0]):
        g = grad[k]
        if is_weight[k]:
            w = params[k]
            if l2 != 0.0:
                g = g + l2 * w
            if l1 != 0.0:
                g = g + l1 * (1.0 if w > 0.0 else (-1.0 if w < 0.0 else 0.0))
        into[k] = g


@njit(cache=True, error_model="numpy", inline="always")
def optimizer_in_place(params, grad, slots, code, learning_rate, hyper, t):
    """θ ← update t of the optimizer `code` with gradient `grad`, every parameter, in place (its
    state too). One loop per optimizer: a loop that chose its optimizer per number ran several
    times slower."""
    eta, mu, alpha, eps = learning_rate, hyper[MU], hyper[ALPHA], hyper[EPS]
    beta1, beta2 = hyper[BETA1], hyper[BETA2]
    P = params.shape[0]
    if code == 0:
        for k in range(P):
            params[k] = params[k] - eta * grad[k]
    elif code == 1:
        for k in range(P):
            v = mu * slots[0, k] + grad[k]
            slots[0, k] = v
            params[k] = params[k] - eta * v
    elif code == 2:
        for k in range(P):
            g = grad[k]
            v = mu * slots[0, k] + g
            slots[0, k] = v
            params[k] = params[k] - eta * (g + mu * v)
    elif code == 3:
        for k in range(P):
            g = grad[k]
            sq = alpha * slots[0, k] + (1.0 - alpha) * (g * g)
            slots[0, k] = sq
            params[k] = params[k] - eta * g / (math.sqrt(sq) + eps)
    else:
        c1 = 1.0 - math.pow(beta1, float(t))
        c2 = 1.0 - math.pow(beta2, float(t))
        for k in range(P):
            g = grad[k]
            m = beta1 * slots[0, k] + (1.0 - beta1) * g
            sq = beta2 * slots[1, k] + (1.0 - beta2) * (g * g)
            slots[0, k] = m
            slots[1, k] = sq
            params[k] = params[k] - eta * (m / c1) / (math.sqrt(sq / c2) + eps)


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
