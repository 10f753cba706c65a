"""A run's loss history as CSV: one row per step, as `mlpviz train --history-out` writes it.

    step,epoch,loss              step counted from 0; epoch = step // steps per epoch
    0,0,0.298371109…             (repr: every digit of the float)

The window adds a column of the test loss where one was measured (after that step's update).
"""

from __future__ import annotations

import numpy as np


def history_csv(steps, losses, steps_per_epoch, tests=None):
    """The CSV text. `tests`: (steps, losses) of the test loss, or None for no such column."""
    steps = np.asarray(steps, dtype=np.int64)
    per_epoch = max(1, int(steps_per_epoch))
    header = "step,epoch,loss" + (",test_loss" if tests is not None else "")
    test_at = {}
    if tests is not None:
        test_at = {int(s): repr(float(v)) for s, v in zip(*tests)}
    lines = [header]
    for s, v in zip(steps.tolist(), np.asarray(losses, dtype=float).tolist()):
        row = f"{s},{s // per_epoch},{v!r}"
        lines.append(row + (f",{test_at.get(s, '')}" if tests is not None else ""))
    return "\n".join(lines) + "\n"
