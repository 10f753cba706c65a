"""Variants of online.py's compiled loop: the loop compiled for one combination of settings.

The loop reads the activation of the layers, the loss, the optimizer, whether there is a penalty
and whether biases train from its arguments, and branches on them inside its loops. A plain C loop
written for one network has none of those branches, and its compiler keeps the loop tight. A
variant number names one combination; online_steps takes it as a compile-time constant (numba's
`literally`), so the branches fold away and the loop is the one written by hand for those
settings. GENERAL is the one loop that reads them from its arguments as it runs: it compiles once
for every setting (the window prepares it at start, core/compile_cache.py), where each other
variant compiles on its first use (a few seconds, once per machine: numba caches it).

Calling a `literally` function from Python makes numba type the call again each time (~5 ms), so
`call` keeps each compiled variant's entry point and calls it directly (~0.2 µs), keyed by the
variant and the layout of the arrays the caller gives (an entry point would read an array of
another layout wrongly, so a new layout goes through numba's dispatch and gets an entry of its
own); the kernel's own buffers always have the same types.
"""

from __future__ import annotations


from .optimizers import L1, L2

try:
    from numba import njit
except ImportError:  # pragma: no cover - numba is a dependency; this keeps core importable without it
    def njit(*args, **kwargs):
        return args[0] if args and callable(args[0]) else (lambda f: f)

GENERAL = -1
HIDDEN, OUTPUT, LOSS, OPTIMIZER = 400, 80, 20, 4  # each code's place value; the two flags below


def variant_of(hidden, output, loss, optimizer, penalized, train_biases):
    """One number for a combination: activation codes (5 each), loss code (4), optimizer code
    (5), penalized and train_biases (a bit each), in mixed radix; settings_of reads it back."""
    return (int(hidden) * HIDDEN + int(output) * OUTPUT + int(loss) * LOSS
            + int(optimizer) * OPTIMIZER + 2 * bool(penalized) + bool(train_biases))


@njit(cache=True, inline="always")
def settings_of(variant, hidden, output, loss, optimizer, hyper, train_biases):
    """(hidden, output, loss, optimizer, penalized, train_biases) read from the variant, or for
    GENERAL from the other arguments (penalized: λ₂ or λ₁ is not 0)."""
    if variant == GENERAL:
        return hidden, output, loss, optimizer, hyper[L2] != 0.0 or hyper[L1] != 0.0, train_biases
    return (variant // HIDDEN, variant // OUTPUT % 5, variant // LOSS % 4,
            variant // OPTIMIZER % 5, variant // 2 % 2 == 1, variant % 2 == 1)


_ENTRIES = {}  # (function, variant, layouts) -> the compiled variant's entry point


def layouts(*arrays):
    """What numba's type of each array depends on: dtype, dimensions, contiguity, writability."""
    return tuple((a.dtype.char, a.ndim, a.flags.c_contiguous, a.flags.writeable) for a in arrays)


def call(function, arguments, variant, given):
    """function(*arguments, variant) for a numba function that makes `variant` literal; `given`:
    layouts() of the arguments whose layout may differ from call to call (the others must keep
    their types)."""
    key = (function, variant, given)
    entry = _ENTRIES.get(key)
    if entry is not None:
        return entry(*arguments, variant)
    result = function(*arguments, variant)  # numba's dispatch: compiles, or loads its cache
    _ENTRIES[key] = _entry_point(function, arguments, variant)
    return result


def _entry_point(function, arguments, variant):
    """The compiled overload for exactly these argument types, or None (then numba's dispatch
    keeps serving the call, only slower)."""
    try:
        from numba import typeof, types

        signature = tuple(typeof(a) for a in arguments) + (types.literal(variant),)
        return function.overloads[signature].entry_point
    except Exception:  # noqa: BLE001 - numba's internals changed: its dispatch still works
        return None
