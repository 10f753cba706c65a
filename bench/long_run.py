"""A long run in the window: 10⁶ steps with the graph and loss plot live, then rewinds.

For each network it opens the window offscreen, trains at full speed until 10⁶ steps, and
prints: resident memory after 1 000 warm-up steps and at 10⁶ steps (the growth: target
< 50 MB, SPEC section 6), the event loop's lateness (p99 of a 5 ms timer) over the last 10 % of
the run (the loss plot must still respond when it holds a million steps), how long the loss
plot takes to redraw everything then, and how long going back to a random earlier step takes
until the window shows it.

    QT_QPA_PLATFORM=offscreen python bench/long_run.py [--steps 1000000] [--large]

--large adds 784-100-10 (about 5 000 steps/s here: 10⁶ steps take several minutes).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gui import make_config, qt_wait, rss_mb  # noqa: E402  (bench/gui.py)

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def long_run(app, path, steps):
    from mlpviz.gui.main_window import MainWindow

    window = MainWindow(QSettings(str(Path(tempfile.mkdtemp()) / "b.ini"), QSettings.IniFormat))
    window.open_config(path)
    window.resize(1280, 820)
    window.show()
    lateness, clock, probe = [], QElapsedTimer(), QTimer()
    probe.setInterval(5)
    probe.timeout.connect(lambda: lateness.append((window.model.snapshot.step if window.model.snapshot
                                                   else 0, max(0, clock.restart() - 5))))
    window.session.worker.request_steps(1000)  # warm up: compile, first frames
    qt_wait(app, 1.0)
    before = rss_mb()
    window.session.worker.stop_at = steps
    window.speed_box.setCurrentIndex(window.speed_box.findData(0))  # full speed
    window.running.toggle_run()
    clock.start()
    probe.start()
    started = time.perf_counter()
    while window.model.snapshot is None or window.model.snapshot.step < steps:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - started
    probe.stop()
    qt_wait(app, 0.3)
    after = rss_mb()
    late = np.array([ms for step, ms in lateness if step >= 0.9 * steps] or [0])
    plot = window.loss_plot
    for series in plot._series:
        series.changed = True
    t0 = time.perf_counter()
    plot.refresh()
    plot.plot_widget.grab()
    redraw = (time.perf_counter() - t0) * 1000
    target = int(np.random.default_rng(1).integers(0, steps))
    t0 = time.perf_counter()
    window.running.go_to(target)
    while window.model.snapshot.step != target:
        app.processEvents()
        time.sleep(0.001)
    rewind = (time.perf_counter() - t0) * 1000
    window.close()
    return dict(rate=steps / elapsed, before=before, after=after, p99=np.percentile(late, 99),
                redraw=redraw, rewind=rewind, keyframes=len(window.session.worker.timeline.keyframes)
                if window.session.worker else 0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=1_000_000)
    parser.add_argument("--large", action="store_true")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    networks = [("2-3-1", None), ("64-32-10", (64, 32, 10))]
    if args.large:
        networks.append(("784-100-10", (784, 100, 10)))
    print(f"{args.steps:,} steps in the window, Qt platform {app.platformName()}")
    print(f"{'network':<12}{'steps/s':>11}{'MB before':>11}{'MB after':>10}{'growth':>8}"
          f"{'lag p99':>9}{'plot redraw':>13}{'rewind':>9}")
    for name, sizes in networks:
        with tempfile.TemporaryDirectory() as tmp:
            r = long_run(app, make_config(Path(tmp), sizes), args.steps)
        growth = r["after"] - r["before"]
        print(f"{name:<12}{r['rate']:>11,.0f}{r['before']:>11.0f}{r['after']:>10.0f}"
              f"{growth:>7.1f} {r['p99']:>6.0f}ms{r['redraw']:>11.0f}ms{r['rewind']:>7.0f}ms"
              f"   {'PASS' if growth < 50 else 'MISS'} < 50 MB")


if __name__ == "__main__":
    main()
