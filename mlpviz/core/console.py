"""The command line's terminal manners: no numpy warnings on stderr, a reader that stops early
(`mlpviz predict … | head`) ends the output quietly, and Ctrl-C is asked for, not suffered.

Training decides itself what is not finite (core/divergence.py) and inputs are checked before use
(core/checks.py), so numpy's floating-point warnings would only repeat, in its words, what the one
line on stderr says.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import warnings

import numpy as np

SIGPIPE_STATUS = 128 + 13  # what a shell reports for a program ended by SIGPIPE


@contextlib.contextmanager
def quiet_numerics():
    """No floating-point warnings from numpy (or any RuntimeWarning) inside."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def pipe_closed():
    """The reader of stdout went away: send the rest of the output nowhere (so that flushing at
    exit raises nothing) and return the status a shell expects."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (a test's capture)
        pass
    return SIGPIPE_STATUS


class Interrupts:
    """Ctrl-C while training: the first press asks the loop to stop (`requested`), the second
    aborts at once (KeyboardInterrupt). Outside `watching()`, Ctrl-C behaves as usual."""

    def __init__(self):
        self.requested = False

    @contextlib.contextmanager
    def watching(self):
        if threading.current_thread() is not threading.main_thread():
            yield self  # signals can only be handled on the main thread
            return
        previous = signal.signal(signal.SIGINT, self._pressed)
        try:
            yield self
        finally:
            signal.signal(signal.SIGINT, previous)

    def _pressed(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
