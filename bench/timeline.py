"""Rewind over long runs: memory stays bounded, and going back stays quick, in one run.

Trains each network for 10⁶ steps through core.Timeline (keyframes + deterministic replay) and
prints, at 10⁴, 10⁵ and 10⁶ steps: the keyframes kept, the memory they take, and how long going
back to a random earlier step takes; then checks that the rewound parameters equal a fresh run
to that step, bit for bit. Target (issue 4): memory for 10⁶ steps bounded (≤ the timeline's
32 MB budget, independent of the run's length).

    python bench/timeline.py [--steps 1000000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from mlpviz.core import Network, Trainer  # noqa: E402
from mlpviz.core.timeline import Timeline  # noqa: E402


def make(sizes, seed=0):
    rng = np.random.default_rng(seed)
    network = Network(sizes, "sigmoid")
    network.set_params(rng.uniform(-0.5, 0.5, network.params.size))
    X = rng.uniform(0, 1, (64, sizes[0]))
    Z = rng.uniform(0, 1, (64, sizes[-1]))
    return Trainer(network, X, Z, learning_rate=0.05, shuffle=True, seed=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=1_000_000)
    args = parser.parse_args()
    marks = [m for m in (10_000, 100_000, 1_000_000) if m <= args.steps] or [args.steps]
    rng = np.random.default_rng(7)
    print(f"{'network':>10} {'steps':>9} {'keyframes':>9} {'MB':>7} {'rewind ms':>10} exact")
    for sizes in ((2, 3, 1), (64, 32, 10)):
        trainer = make(sizes)
        timeline = Timeline(trainer)
        for mark in marks:
            timeline.run(mark - trainer.step)
            trainer.history.truncate(0)  # the window keeps losses itself; see gui/worker.py
            mb = sum(p.nbytes for p in timeline.keyframes.values()) / 2**20
            target = int(rng.integers(0, mark))
            started = time.perf_counter()
            timeline.go_to(target, keep_history=False)
            ms = (time.perf_counter() - started) * 1000
            fresh = make(sizes)
            fresh.run(target)
            exact = np.array_equal(fresh.network.params, trainer.network.params)
            print(f"{'-'.join(map(str, sizes)):>10} {mark:>9,} {len(timeline.keyframes):>9} "
                  f"{mb:>7.2f} {ms:>10.1f} {'yes' if exact else 'NO'}")
            timeline.go_to(mark, keep_history=False)
            trainer.history.truncate(0)


if __name__ == "__main__":
    main()
