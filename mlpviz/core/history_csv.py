"""A run's loss history as CSV: one row per step, as `mlpviz train --history-out` writes it.

    step,epoch,loss              step counted from 0; epoch = step // steps per epoch
    0,0,0.298371109…             (repr: every digit of the float)

The window adds columns for what it measured now and then, empty in the other rows: the test
loss, and a classifier's training and test accuracy (a share, 0 to 1), each at the step whose
weights it was measured with (the step after the last one trained gets a row without a loss).
"""

from __future__ import annotations

import math

import numpy as np


def history_csv(steps, losses, steps_per_epoch, columns=None):
    """The CSV text. `columns`: {name: (steps, values)} of occasional measurements."""
    steps = np.asarray(steps, dtype=np.int64)
    per_epoch = max(1, int(steps_per_epoch))
    columns = columns or {}
    at = {name: {int(s): _cell(v) for s, v in zip(*values)} for name, values in columns.items()}
    lines = [",".join(["step", "epoch", "loss", *columns])]
    rows = list(zip(steps.tolist(), (repr(v) for v in np.asarray(losses, dtype=float).tolist())))
    last = rows[-1][0] if rows else -1
    rows += [(s, "") for s in sorted({s for cells in at.values() for s in cells}) if s > last]
    for s, loss in rows:  # a measurement after the last step's loss gets a row of its own
        extra = "".join(f",{at[name].get(s, '')}" for name in columns)
        lines.append(f"{s},{s // per_epoch},{loss}{extra}")
    return "\n".join(lines) + "\n"


def _cell(value):
    value = float(value)
    return "" if math.isnan(value) else repr(value)
