"""A workaround for a PySide6 reference-count bug on older Pythons (tests and benchmarks)."""

from __future__ import annotations

import sys


def guard_pyside_refcounts():
    """Work around PySide6 6.12.0 on CPython < 3.12, which drops a reference to None on every
    call of a method returning void and to True on every signal emit: after a few thousand
    calls Python aborts ("deallocating None"). Python 3.12+ makes these objects immortal;
    here they get a refcount so large that it never reaches zero. Safe to call more than once.
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
