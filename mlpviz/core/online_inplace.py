"""The fast path of online.py's kernel: CHECK_EVERY updates done in place, checked once.

online.py's `_steps` checks every update before it keeps it (a loss that is not finite, or a
parameter or optimizer state that would become infinite or NaN, stops the run before that update)
and so computes each update into scratch buffers and swaps them. A plain C loop updates every
parameter in place, and never checks. This module does the same arithmetic, number for number,
in place, for a chunk of updates, and checks the chunk once at its end; it is exact because an infinite or NaN parameter or state never becomes finite again
(∞ − x = ∞, ∞ − ∞ = NaN, 0·∞ = NaN, NaN stays NaN): if every loss of the chunk is finite and every
parameter and state number at its end is finite, then every update of the chunk passed the check.
Otherwise the chunk is put back as it was and redone by `_steps`, which stops at the first update
that fails, as before.
"""

from __future__ import annotations

from .optimizers import LARGEST
from .optimizers_compiled import all_finite, optimizer_in_place, penalized_gradient

try:
    from numba import njit
except ImportError:  # pragma: no cover - numba is a dependency; this keeps core importable without it
    def njit(*args, **kwargs):
        return args[0] if args and callable(args[0]) else (lambda f: f)

CHECK_EVERY = 1024  # updates between two checks (a failed chunk is redone checked, step by step)


@njit(cache=True, error_model="numpy", inline="always")
def update_in_place(params, grad, scratch, out, delta, sizes, w_off, b_off, n_off,
                    learning_rate, train_biases, slots, is_weight, code, hyper, t, kept, kept_slots,
                    penalized):
    """∇w_ji = δ_j out_i and ∇b_j = δ_j into grad, then update t of every parameter, in place:
    optimizers_compiled.update_into's arithmetic, without its copies and its check.
    `scratch` holds the gradient with the penalties' terms, if `penalized`; frozen biases are
    kept in `kept` and `kept_slots` and put back after the update (a test per number in the loops
    would cost more)."""
    for l in range(1, sizes.shape[0]):
        before = n_off[l - 1]
        for j in range(sizes[l]):
            d = delta[n_off[l] + j]
            row = w_off[l] + j * sizes[l - 1]
            for i in range(sizes[l - 1]):
                grad[row + i] = d * out[before + i]
            grad[b_off[l] + j] = d
    g = grad
    if penalized:
        penalized_gradient(params, grad, is_weight, hyper, scratch)
        g = scratch
    P = params.shape[0]
    if not train_biases:
        for k in range(P):
            if not is_weight[k]:
                kept[k] = params[k]
                for r in range(slots.shape[0]):
                    kept_slots[r, k] = slots[r, k]
    optimizer_in_place(params, g, slots, code, learning_rate, hyper, t)
    if not train_biases:  # frozen biases keep their value and their state
        for k in range(P):
            if not is_weight[k]:
                params[k] = kept[k]
                for r in range(slots.shape[0]):
                    slots[r, k] = kept_slots[r, k]


@njit(cache=True, error_model="numpy")
def chunk_is_finite(losses, params, slots):
    """Every loss, parameter and state number finite (NaN ≤ x is False; no branch per number)."""
    bad = False
    for t in range(losses.shape[0]):
        bad |= not abs(losses[t]) <= LARGEST
    return not bad and all_finite(params, slots)
