"""mlpviz: train small multi-layer perceptrons and see every number backpropagation computes."""

import os

# One BLAS thread unless the user asks for more. mlpviz's matrices are small, so more threads
# gain little; and OpenBLAS's extra threads keep spinning after each call, taking the second
# core from the training thread and the window (bench/gui.py: with one thread, the slice and
# plane views' event-loop lag p99 fell from 52–86 ms to 39–64 ms). Set before numpy loads.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

__version__ = "0.1.0"
