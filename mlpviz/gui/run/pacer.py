"""A steady pace of updates: how many are due now, at `rate` updates a second.

The worker used to take max(1, rate/60) updates per 1/60 s, so any rate under 60 a second ran
at about 60 ("1 step/s" made 317 updates in 5 s). A pace is counted from when it began: after
t seconds, floor(t·rate) + 1 updates are due (the first at once, when Return is pressed), so
0.5 a second makes one update every 2 s, exactly, with no drift. No Qt: the worker asks it.
"""

from __future__ import annotations

import math
import time

MAX_LAG = 0.5  # seconds: further behind than this (a slow network), the pace starts again


class Pacer:
    def __init__(self, rate=0.0, clock=time.monotonic):
        self.clock = clock
        self.rate = 0.0
        self.set_rate(rate)

    def set_rate(self, rate):
        """Updates per second; 0 means as fast as possible (no pace)."""
        self.rate = max(0.0, float(rate))
        self.restart()

    def restart(self):
        """Count from now (a run starts or resumes: no burst for the time it was paused)."""
        self.origin = self.clock()
        self.done = 0

    def due(self, limit=None):
        """How many updates to make now (0: wait `wait()` seconds first)."""
        if self.rate <= 0:
            raise ValueError("no pace: every update is due")
        behind = self._owed() - self.done
        if behind > 1 + self.rate * MAX_LAG:  # cannot keep up: no catching up in a burst
            self.restart()
            behind = 1
        behind = max(0, behind)
        return behind if limit is None else min(behind, limit)

    def took(self, n):
        """`n` updates were made."""
        self.done += n

    def wait(self):
        """Seconds until the next update is due (0 if one is due now)."""
        if self.rate <= 0:
            return 0.0
        next_due = self.origin + self.done / self.rate
        return max(0.0, next_due - self.clock())

    def _owed(self):
        return math.floor((self.clock() - self.origin) * self.rate + 1e-9) + 1


def duration_text(seconds):
    """About how long, in the words a teacher would use: "about 40 s", "about 1 h 23 min"."""
    if seconds < 90:
        return f"about {max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"about {minutes} min"
    return f"about {minutes // 60} h {minutes % 60} min"


def run_plan(updates, rate, rate_text):
    """What Return will do: "Return runs 10,000 updates at 2 updates/s (about 1 h 23 min)"."""
    if updates is None or updates <= 0:
        return f"Return runs on without end at {rate_text}"
    what = f"Return runs {updates:,} update{'s' if updates != 1 else ''} at {rate_text}"
    return f"{what} ({duration_text(updates / rate)})" if rate > 0 else what
