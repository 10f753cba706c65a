"""The window at full training speed, side by side with the engine alone, in one run.

For each network (2-3-1, 64-32-10, 784-100-10; online SGD) it trains headless for a few seconds,
then opens the window offscreen and trains at full speed with the graph live for as long
(after a one-second warm-up that is not counted), and
prints: updates/s in the window against headless (the ratio), frames drawn/s, the event loop's
latency (how late a 5 ms GUI timer fires: p50/p99), and resident memory growth per 10⁵ steps.
Targets (SPEC section 6): ≥ 80 % of headless, ≥ 30 fps at 64-32-10, ≥ 10 fps at 784-100-10,
p99 ≤ 50 ms, memory growth < 50 MB over 10⁶ steps. The first table has the gradient-descent dock
hidden; the second shows one of its views at a time (slice, trajectory plane, output) while it
recomputes its grid in the background during full-speed training: updates/s against headless,
against the first table's window with the dock hidden ("vs hidden"), the event loop's lag, and
how many grids (or output redraws) a second the view managed.

    QT_QPA_PLATFORM=offscreen python bench/gui.py [--seconds 4]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mlpviz  # noqa: E402,F401  (first: it sets numpy's BLAS threads as the app has them)
import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mlpviz.core import Experiment  # noqa: E402
from mlpviz.core.examples import config_path  # noqa: E402

NETWORKS = [("2-3-1", None), ("64-32-10", (64, 32, 10)), ("784-100-10", (784, 100, 10))]
VIEWS = ["slice", "plane", "output"]


def label(key):
    return key if isinstance(key, str) else f"{key[0]} with the {key[1]} view"


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def qt_wait(app, seconds=0.1):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def make_config(folder, sizes):
    """A random-weights online-SGD experiment of the given sizes, with 256 random rows."""
    if sizes is None:
        return config_path("cheat-sheet-4-rows")
    rng = np.random.default_rng(0)
    n_in, n_out = sizes[0], sizes[-1]
    rows = np.hstack([rng.uniform(0, 1, (256, n_in)), rng.uniform(0, 1, (256, n_out))])
    header = ",".join([f"i{i}" for i in range(n_in)] + [f"z{k}" for k in range(n_out)])
    np.savetxt(folder / "train.csv", rows, delimiter=",", header=header, comments="", fmt="%.5f")
    config = {"inputNodes": n_in, "hiddenNodesPerLayer": list(sizes[1:-1]), "outputNodes": n_out,
              "learningRate": 0.05, "epochs": 10**9, "batchSize": 1,
              "randomInit": {"weights": "uniform", "scale": 0.1},
              "trainingDatasetCSVFile": "train.csv", "title": "-".join(map(str, sizes))}
    path = folder / "config.json"
    path.write_text(json.dumps(config))
    return path


def headless(path, seconds):
    trainer = Experiment.load(path).trainer()
    trainer.run(1000)  # compile and warm up
    start, steps = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        steps += trainer.run(max(1000, steps // 4 or 1000))
    return steps / (time.perf_counter() - start)


def windowed(app, path, seconds, view=None):
    """Train at full speed in the window for `seconds`; view: None (descent dock hidden) or the
    name of the gradient-descent view to show ("slice", "plane", "output")."""
    from mlpviz.gui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.IniFormat)
    window = MainWindow(settings)
    window.open_config(path)
    window.resize(1280, 820)
    window.show()
    descent = window.descent
    if view is None:
        descent.parentWidget().hide()
    else:
        descent.setCurrentWidget(getattr(descent, view))
    shown = getattr(descent, view) if view else None
    frames = [0]
    edges = window.graph.edges
    paint = edges.paint

    def counted(*args):  # a frame is one real paint of the graph's edges
        paint(*args)
        frames[0] += 1

    edges.paint = counted
    lateness = []
    clock = QElapsedTimer()
    probe = QTimer()
    probe.setInterval(5)

    def tick():
        if clock.isValid():
            lateness.append(max(0, clock.restart() - 5))
        else:
            clock.start()

    probe.timeout.connect(tick)
    worker = window.session.worker
    worker.stop_at = None  # train for as long as the benchmark lasts
    window.speed_box.setCurrentIndex(window.speed_box.findData(0))  # full speed
    app.processEvents()
    window.running.toggle_run()
    warm = time.perf_counter()
    while time.perf_counter() - warm < 1.0:  # first frames allocate what later ones reuse
        app.processEvents()
        time.sleep(0.001)
    window.model.refresh()
    memory_before, step_before = rss_mb(), window.model.snapshot.step
    grids_before = grids(shown)
    probe.start()
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    probe.stop()
    grid_count = grids(shown) - grids_before
    window.running.toggle_run()
    qt_wait(app)
    window.model.refresh()
    steps = window.model.snapshot.step - step_before
    memory = rss_mb() - memory_before
    window.close()
    lateness = np.array(lateness or [0])
    return dict(rate=steps / elapsed, fps=frames[0] / elapsed, p50=np.percentile(lateness, 50),
                p99=np.percentile(lateness, 99), memory_per_1e5=memory / max(steps, 1) * 1e5,
                steps=steps, grids=grid_count / elapsed,
                grid_seconds=getattr(getattr(shown, "job", None), "seconds", 0.0))


def grids(view):
    """Grids a view has drawn so far (the output view counts its redraws)."""
    if view is None:
        return 0
    return view.job.finished if hasattr(view, "job") else view.draws


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"mlpviz window benchmark, {args.seconds:g} s each, Qt platform "
          f"{app.platformName()}")
    print(f"{'network':<12}{'headless/s':>13}{'window/s':>13}{'ratio':>8}{'frames/s':>10}"
          f"{'lag p50':>9}{'lag p99':>9}{'MB/1e5 steps':>14}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, sizes in NETWORKS:
            folder = Path(tmp) / name
            folder.mkdir()
            path = make_config(folder, sizes)
            alone = headless(path, args.seconds)
            live = windowed(app, path, args.seconds)
            results[name] = (alone, live)
            print(f"{name:<12}{alone:>13,.0f}{live['rate']:>13,.0f}{live['rate'] / alone:>8.0%}"
                  f"{live['fps']:>10.1f}{live['p50']:>7.0f}ms{live['p99']:>7.0f}ms"
                  f"{live['memory_per_1e5']:>14.2f}")
    print(f"\nwith a gradient-descent view visible and recomputing ({args.seconds:g} s each)")
    print(f"{'network':<12}{'view':<8}{'window/s':>13}{'ratio':>8}{'vs hidden':>11}{'lag p50':>9}"
          f"{'lag p99':>9}{'grids/s':>9}{'last grid':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, sizes in NETWORKS:
            folder = Path(tmp) / name
            folder.mkdir()
            path = make_config(folder, sizes)
            alone, hidden = results[name]
            for view in VIEWS:
                live = windowed(app, path, args.seconds, view)
                results[(name, view)] = (alone, live)
                print(f"{name:<12}{view:<8}{live['rate']:>13,.0f}{live['rate'] / alone:>8.0%}"
                      f"{live['rate'] / hidden['rate']:>11.0%}{live['p50']:>7.0f}ms{live['p99']:>7.0f}ms{live['grids']:>9.1f}"
                      f"{live['grid_seconds'] * 1000:>9.0f}ms")
    print("\ntargets")
    checks = [(f"{n}: window ≥ 80 % of headless", r[1]["rate"] / r[0] >= 0.8) for n, r in
              results.items() if isinstance(n, str)]
    checks += [("64-32-10: ≥ 30 frames/s", results["64-32-10"][1]["fps"] >= 30),
               ("784-100-10: ≥ 10 frames/s", results["784-100-10"][1]["fps"] >= 10)]
    checks += [(f"{label(n)}: event-loop lag p99 ≤ 50 ms", r[1]["p99"] <= 50) for n, r in
               results.items()]
    checks += [(f"{n}: memory < 5 MB per 10⁵ steps (< 50 MB per 10⁶)",
                r[1]["memory_per_1e5"] < 5) for n, r in results.items() if isinstance(n, str)]
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {text}")


if __name__ == "__main__":
    main()
