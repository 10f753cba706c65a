"""The window's speeds, asked against achieved, side by side in one run.

    python bench/speeds.py [--example worked-example] [--seconds 6]

For each speed of the speed box it runs the training worker (the thread the window trains in)
on a bundled example and counts the updates it makes, and the time between them, by watching
the step it publishes every millisecond. Before gui/run/pacer.py, one update per 1/60 s was the
floor: "1 step/s" made 317 updates in 5 s (~63/s); 1, 5, 20 and 100 steps/s all ran ~60/s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mlpviz  # noqa: E402,F401  (one BLAS thread, as the app)
import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402

from mlpviz.core.examples import config_path  # noqa: E402
from mlpviz.core.experiment import Experiment  # noqa: E402
from mlpviz.gui.controllers.running import SPEEDS  # noqa: E402
from mlpviz.gui.run.worker import TrainingWorker  # noqa: E402


def measure(example, rate, seconds):
    """(updates made, seconds, intervals between updates) of a run at `rate` (0: full)."""
    worker = TrainingWorker(Experiment.load(config_path(example)).trainer())
    worker.start()
    worker.request_steps(1)  # compile (or load) the training loop first: not timed
    while worker.trainer.step < 1:
        time.sleep(0.01)
    worker.steps_per_second = rate
    seen, times = worker.trainer.step, []
    started = time.perf_counter()
    worker.start_running()
    while (now := time.perf_counter()) - started < seconds:
        step = worker.trainer.step
        if step != seen:
            times.append(now)
            seen = step
        time.sleep(0.001)
    worker.pause()
    made = worker.trainer.step - 1
    worker.stop()
    worker.wait()
    return made, seconds, np.diff(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--example", default="worked-example")
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args(argv)
    QCoreApplication.instance() or QCoreApplication([])
    print(f"{args.example}, {args.seconds:g} s per speed")
    print(f"{'speed':>18} {'expected':>9} {'made':>9} {'updates/s':>10} {'ratio':>6} "
          f"{'interval ms (mean ± sd)':>24}")
    for text, rate in SPEEDS[1:] + SPEEDS[:1]:
        made, seconds, gaps = measure(args.example, rate, args.seconds)
        expected = int(seconds * rate) + 1 if rate else None
        ratio = f"{made / expected:.3f}" if expected else "—"
        gap = (f"{1000 * gaps.mean():8.1f} ± {1000 * gaps.std():6.1f}" if gaps.size > 1
               and rate and rate <= 30 else "")
        print(f"{text:>18} {expected or '—':>9} {made:>9,} {made / seconds:>10,.1f} {ratio:>6} "
              f"{gap:>24}", flush=True)


if __name__ == "__main__":
    main()
