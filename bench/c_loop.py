"""The plain C loop of online_loop.c, compiled here with the system's C compiler, called by ctypes.

`CLoop.build()` returns None when there is no compiler (or it fails): the rows that compare with C
are then skipped. The flags are -O2 without -march=native: GCC then contracts no a·b + c into a
fused multiply-add, so the loop does the same IEEE arithmetic as mlpviz and the two end on the
same bits (the benchmark checks it).
"""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

SOURCE = Path(__file__).with_name("online_loop.c")
FLAGS = ["-O2", "-shared", "-fPIC"]
OPTIMIZER_CODES = {"sgd": 0, "momentum": 1, "nesterov": 2, "rmsprop": 3, "adam": 4}


class CLoop:
    """online_loop() from online_loop.c on one network: run(steps) trains in place."""

    def __init__(self, library, compiler):
        self.compiler = compiler
        self.function = library.online_loop
        self.function.restype = ctypes.c_long
        doubles = np.ctypeslib.ndpointer(np.float64, flags="C")
        longs = np.ctypeslib.ndpointer(np.int64, flags="C")
        self.function.argtypes = [doubles, doubles, ctypes.c_long, longs, ctypes.c_long, doubles,
                                  doubles, ctypes.c_long, ctypes.c_long, ctypes.c_long,
                                  ctypes.c_double, ctypes.c_int, doubles, doubles]

    @classmethod
    def build(cls):
        compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
        if compiler is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="mlpviz-bench-"))
        library = folder / "online_loop.so"
        done = subprocess.run([compiler, *FLAGS, "-o", str(library), str(SOURCE), "-lm"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(f"  (the C loop did not compile: {done.stderr.strip()[:200]})")
            return None
        return cls(ctypes.CDLL(str(library)), f"{Path(compiler).name} {' '.join(FLAGS[:1])}")

    def trainer(self, params, X, Z, sizes, learning_rate, optimizer="sgd", hyper=None):
        """A callable run(steps) that trains `params` in place, cycling through the rows."""
        state = np.zeros(2 * params.size)
        sizes = np.array(sizes, dtype=np.int64)
        X, Z = np.ascontiguousarray(X, dtype=float), np.ascontiguousarray(Z, dtype=float)
        hyper = np.array(hyper if hyper is not None else [0.9, 0.99, 0.9, 0.999, 1e-8])
        code = OPTIMIZER_CODES[optimizer]
        position = [0]
        buffers = {}

        def run(steps):
            losses = buffers.get(steps)
            if losses is None:
                losses = buffers[steps] = np.empty(steps)
            self.function(params, state, position[0], sizes, sizes.size, X, Z, len(X),
                          position[0], steps, learning_rate, code, hyper, losses)
            position[0] += steps
            return steps

        return run
