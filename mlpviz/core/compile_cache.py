"""The compiled training loop (core/online.py), compiled or loaded from numba's cache by one tiny
step of a tiny network: the function every online run calls, whatever its shape, activation,
loss or optimizer (they are codes, not types).

    python -m mlpviz.core.compile_cache     # fill numba's cache in a process of its own

The window runs this in a process of its own first (gui/run/warm_up.py): compiling takes up to
~20 s on a cold cache and a busy machine, and in the window's process it would compete with the
GUI thread for the interpreter.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
STAMP = "mlpviz-online-sources.sha1"  # beside numba's cache files of online_steps


def warm():
    """Compile the online loop (or load it from the cache): one step of a 1-1 network."""
    from .network import Network
    from .trainer import Trainer

    network = Network((1, 1), "sigmoid")
    trainer = Trainer(network, np.zeros((1, 1)), np.zeros((1, 1)), batch_size=1)
    trainer.run(1)


def cached():
    """Whether numba's cache holds the compiled loop for this source: the cache index of the
    function a step calls (online_steps; it holds what it calls) has its GENERAL variant (the
    one the window runs; `mlpviz train` may have cached others only, online_variants.py).
    numba drops the entries when the source changed. Read through numba's internals: anything
    unexpected counts as not cached (then it is compiled, as on a cold cache). Imports numba
    (~0.5 s)."""
    try:
        from numba import types

        from .online import online_steps
        from .online_variants import GENERAL

        general = types.literal(GENERAL)
        return any(key[0][-1] == general
                   for key in online_steps._cache._cache_file._load_index())
    except Exception:  # noqa: BLE001 - a guess about numba's cache, never an error
        return False


def kernel_sources(start="online.py"):
    """online.py and the core modules it imports at module level, and theirs: every file whose
    functions or constants the compiled loop may hold."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("from .") and not line.startswith("from .. "):
                todo.append(line.split()[1][1:].split(".")[0] + ".py")
    return sorted(seen)


def fingerprint():
    digest = hashlib.sha1()
    for name in kernel_sources():
        digest.update(name.encode() + b"\0" + (HERE / name).read_bytes())
    return digest.hexdigest()


def forget_stale(function):
    """Empty numba's caches of the compiled loop (`function`: online_steps, and every compiled
    function of the modules it depends on) when one of their sources changed.

    numba keeps a compiled function until the file that defines it changes, and each function it
    calls has a cache of its own: online_steps in online.py also holds online_inplace.py's,
    online_variants.py's and optimizers_compiled.py's functions and optimizers.py's constants,
    and a change there alone (an upgrade, an edit) would leave the old loop in use, with the old
    numbers. The sources' fingerprint is kept beside the cache; when it differs the caches are
    emptied and the loop compiles anew. Never an error."""
    try:
        stamp = Path(function._cache.cache_path) / STAMP
        now = fingerprint()
        if stamp.is_file() and stamp.read_text(encoding="ascii").strip() == now:
            return False
        for compiled in _cached_functions():
            compiled._cache.flush()
        stamp.write_text(now + "\n", encoding="ascii")
        return True
    except Exception:  # noqa: BLE001 - numba's internals or an unwritable cache: as before
        return False


def _cached_functions():
    """Every numba function with a cache in the loop's modules (those imported so far)."""
    package = __name__.rsplit(".", 1)[0]
    for name in kernel_sources():
        module = sys.modules.get(f"{package}.{name[:-3]}")
        for value in vars(module).values() if module is not None else ():
            if getattr(value, "_cache", None) is not None and hasattr(value, "py_func"):
                yield value


if __name__ == "__main__":
    warm()
