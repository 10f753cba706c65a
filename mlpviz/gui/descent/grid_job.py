"""A grid computed off the GUI thread: one at a time, the newest result taken by the GUI's timer.

numpy releases the GIL inside its large array operations, so a batched grid in a worker thread
leaves the event loop free. Nothing is signalled across threads (STYLE.md); the view polls.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

DUTY_WAIT = 3.0  # a grid that took t seconds is followed by the next one after 3t at the soonest

# One thread for every view's grids: on a 2-core machine the training thread has the other core.
_EXECUTOR = None


def executor():
    global _EXECUTOR
    if _EXECUTOR is None:
        _EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mlpviz-grid")
    return _EXECUTOR


class GridJob:
    """At most one computation in flight; `take()` returns its result once, when it is done."""

    def __init__(self, min_interval=0.25):
        self.min_interval = min_interval  # seconds between the starts of two computations
        self._future = None
        self._generation = 0
        self._started = -1e9
        self.key = None  # what the newest submitted computation was computed from
        self.seconds = 0.0  # how long the last finished computation took
        self.error = None  # the exception of the last computation that failed
        self.finished = 0  # computations taken so far

    @property
    def busy(self):
        return self._future is not None

    def ready(self, key):
        """Whether a computation for `key` should start now: not computed yet, idle, not too soon.

        Not too soon: min_interval after the last start, and at least DUTY_WAIT times as long as
        the last computation took, so the grid thread keeps to a share of a core on a machine
        whose other core trains.
        """
        wait = max(self.min_interval, DUTY_WAIT * self.seconds)
        return (key != self.key and self._future is None
                and time.perf_counter() - self._started >= wait)

    def submit(self, key, function, *args):
        """Start function(*args, cancelled=…) in the grid thread."""
        self.key = key
        self._started = time.perf_counter()
        generation = self._generation

        def run():
            started = time.perf_counter()
            result = function(*args, cancelled=lambda: generation != self._generation)
            return result, time.perf_counter() - started

        self._future = executor().submit(run)

    def take(self):
        """The finished computation's result (None if none finished, or it was cancelled)."""
        future = self._future
        if future is None or not future.done():
            return None
        self._future = None
        try:
            result, self.seconds = future.result()
        except Exception as e:  # noqa: BLE001 - a failed grid must not stop the display timer
            self.error = e
            return None
        self.finished += result is not None
        return result

    def cancel(self):
        """Forget what is in flight (it stops at its next chunk) and what was computed."""
        self._generation += 1
        self._future = None
        self.key = None
