"""The compiled training loop, prepared in the background as soon as the window shows.

Online training runs in a numba-compiled loop (core/online.py). Importing numba and compiling the
loop (or loading it from numba's cache) takes from half a second to ~6 s on a cold cache; done
at the first Space it froze the window without a sign (issue 11, #17). So the window starts it in
a thread right after it shows (one tiny step of a tiny network compiles the same function every
network uses), and a step asked for before it is ready says so in the status bar.
"""

from __future__ import annotations

import threading

import numpy as np

_ready = threading.Event()
_lock = threading.Lock()
_thread = None


def prepare():
    """Start preparing the compiled loop in a background thread (once; returns at once)."""
    global _thread
    with _lock:
        if _thread is None and not _ready.is_set():
            _thread = threading.Thread(target=_compile, name="mlpviz-warm-up", daemon=True)
            _thread.start()


def ready():
    """Whether the compiled loop is ready (a step needs no compiling)."""
    return _ready.is_set()


def wait(timeout=None):
    return _ready.wait(timeout)


def _compile():
    from mlpviz.core.network import Network
    from mlpviz.core.trainer import Trainer

    try:
        network = Network((1, 1), "sigmoid")
        trainer = Trainer(network, np.zeros((1, 1)), np.zeros((1, 1)), batch_size=1)
        trainer.run(1)
    finally:  # a failure shows at the real step, with its own message
        _ready.set()
