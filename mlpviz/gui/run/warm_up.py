"""The compiled training loop, prepared in the background as soon as the window shows.

Online training runs in a numba-compiled loop (core/online.py). Compiling it takes ~1 s on a
fast idle machine and ~20 s on a busy one with a cold cache; done at the first Space it froze the
window without a sign (issue 11, #17). So, right after the window shows, a thread here:
1. if numba's cache does not hold it yet, compiles it in a process of its own (`python -m mlpviz.core.compile_cache`), which fills
   numba's cache: the compiler runs in Python, and in this process it would take the interpreter
   from the GUI thread for seconds at a time;
2. loads it from that cache into this process (well under a second).
The worker waits for `ready()` before a compiled step (run/worker.py) and the window shows a busy
indicator meanwhile (controllers/running.py). If the cache cannot be written, step 2 compiles here,
in this thread, as before.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

_ready = threading.Event()
_lock = threading.Lock()
_thread = None
_child = None
_started = None


def prepare():
    """Start preparing the compiled loop in a background thread (once; returns at once)."""
    global _thread, _started
    with _lock:
        if _thread is None and not _ready.is_set():
            _started = time.monotonic()
            _thread = threading.Thread(target=_prepare, name="mlpviz-warm-up", daemon=True)
            _thread.start()


def ready():
    """Whether the compiled loop is ready (a step needs no compiling)."""
    return _ready.is_set()


def wait(timeout=None):
    return _ready.wait(timeout)


def preparing_for():
    """Seconds since preparing started (None if it has not, or is done)."""
    if _started is None or _ready.is_set():
        return None
    return time.monotonic() - _started


def _prepare():
    try:
        from mlpviz.core.compile_cache import cached, warm

        if not cached():
            _compile_in_a_process()
        warm()  # from the cache (or compiled here if the cache could not be written)
    except Exception:  # noqa: BLE001 - a failure shows at the real step, with its own message
        pass
    finally:
        _ready.set()


def _compile_in_a_process():
    global _child
    package_parent = str(Path(__file__).resolve().parents[3])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    try:
        with _lock:
            _child = subprocess.Popen([sys.executable, "-m", "mlpviz.core.compile_cache"],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, env=env)
        atexit.register(_stop_child)
        _child.wait()
    except OSError:
        pass  # no process: compiled in this one


def _stop_child():
    """At exit: a compile still running is not needed any more."""
    child = _child
    if child is not None and child.poll() is None:
        child.kill()
        child.wait()
