"""The compiled training loop (core/online.py), compiled or loaded from numba's cache by one tiny
step of a tiny network: the function every online run calls, whatever its shape, activation,
loss or optimizer (they are codes, not types).

    python -m mlpviz.core.compile_cache     # fill numba's cache in a process of its own

The window runs this in a process of its own first (gui/run/warm_up.py): compiling takes up to
~20 s on a cold cache and a busy machine, and in the window's process it would compete with the
GUI thread for the interpreter.
"""

from __future__ import annotations

import numpy as np


def warm():
    """Compile the online loop (or load it from the cache): one step of a 1-1 network."""
    from .network import Network
    from .trainer import Trainer

    network = Network((1, 1), "sigmoid")
    trainer = Trainer(network, np.zeros((1, 1)), np.zeros((1, 1)), batch_size=1)
    trainer.run(1)


def cached():
    """Whether numba's cache holds the compiled loop for this source: the cache index of the
    function a step calls (online_steps; it holds what it calls) has entries (numba drops them
    when the source changed). Read through numba's internals: anything unexpected counts as not
    cached (then it is compiled, as on a cold cache). Imports numba (~0.5 s)."""
    try:
        from .online import online_steps

        return bool(online_steps._cache._cache_file._load_index())
    except Exception:  # noqa: BLE001 - a guess about numba's cache, never an error
        return False


if __name__ == "__main__":
    warm()
