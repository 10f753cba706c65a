"""The loss plot's refresh benchmark: milliseconds per refresh and repaint with many steps."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication

from .loss_plot import LossPlot
from .loss_series import decaying_losses


def benchmark_refresh(points: int, frames: int = 30, chunk: int = 1000,
                      growing: bool = True) -> float:
    """Milliseconds per refresh plus repaint of a 900×350 plot holding `points` steps.

    With `growing`, each frame first appends `chunk` new steps (training is running);
    otherwise nothing changes between frames (training is paused).
    """
    app = QApplication.instance() or QApplication([])
    plot = LossPlot()
    plot.resize(900, 350)
    plot.set_steps_per_epoch(4)
    start = max(0, points - frames * chunk) if growing else points
    losses = decaying_losses(points)
    for i in range(0, start, 100_000):
        plot.append_steps(losses[i:min(i + 100_000, start)])
    for s in range(0, start, 1000):
        plot.append_test(s, losses[s])
    plot.refresh()
    plot.grab()
    elapsed = 0.0
    for frame in range(frames):
        at = start + frame * chunk
        if growing:
            plot.append_steps(losses[at:at + chunk])
        t0 = time.perf_counter()
        plot.refresh()
        plot.grab()
        app.processEvents()
        elapsed += time.perf_counter() - t0
    plot.deleteLater()
    return 1000 * elapsed / frames
