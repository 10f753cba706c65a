"""Lifecycle stress: drive the window through random sequences of what a class does to it.

Each sequence opens a window on a random bundled example, then does 5–25 random actions — run,
pause, step, step a phase, back a phase, back, epoch, scrub, reset, load another example, edit
the settings and apply, change the learning rate or the speed, presentation mode — with random
waits (the worker thread busy or idle), and closes the window in whatever state it is in. It
counts sequences, actions, closes by state, and failures: an exception anywhere (the GUI
thread's slots included), a Qt warning, a close that leaves the training thread running, or a
hang (a sequence over its time limit).

    QT_QPA_PLATFORM=offscreen python tools/stress_window.py [--sequences 1000] [--seed 0]

The test suite runs a small share (tests/test_lifecycle.py).
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QSettings, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from mlpviz.core import examples  # noqa: E402

# The offscreen platform plugin says this whenever a top-level window is shown; it is about the
# plugin, not about mlpviz (a real screen never says it).
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)
SEQUENCE_LIMIT = 30.0  # seconds: a sequence that takes longer counts as a hang


class Failures:
    """Exceptions and Qt warnings caught while the sequences run."""

    def __init__(self):
        self.items = []

    def qt_message(self, kind, context, message):
        if kind != QtMsgType.QtDebugMsg and not any(n in message for n in PLATFORM_NOISE):
            self.items.append(f"Qt {kind.name}: {message}")

    def exception(self, kind, value, tb):
        self.items.append("".join(traceback.format_exception(kind, value, tb)))


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def pump(app, seconds):
    end = time.perf_counter() + seconds
    while True:
        app.processEvents()
        if time.perf_counter() >= end:
            return
        time.sleep(0.002)


def state_of(window):
    worker = window.session.worker
    if worker is None:
        return "no worker"
    if worker.running:
        return "running"
    if worker._pending or worker._goto is not None:
        return "busy with a step or a rewind"
    return "phase stepping" if window.model.phase is not None else "paused"


def actions(window, rng, names):
    """The actions a sequence draws from: (name, callable)."""
    def edit():
        e = window.editor
        e.seed.setValue(rng.randrange(100))
        e.learning_rate.setValue(rng.choice([0.01, 0.1, 0.5, 2.0]))
        if rng.random() < 0.3:
            e.hidden.setText(rng.choice(["3", "4, 2", "", "2"]))
        window.configuring.apply_settings()

    def scrub():
        end = window.model.snapshot.end if window.model.snapshot else 0
        window.running.go_to(rng.randint(0, max(0, end)))

    return [
        ("run/pause", window.running.toggle_run),
        ("step", window.running.step),
        ("phase", window.running.step_phase),
        ("back phase", window.running.back_phase),
        ("back", window.running.back),
        ("epoch", window.running.step_epoch),
        ("scrub", scrub),
        ("reset", window.running.reset),
        ("load", lambda: window.open_config(examples.config_path(rng.choice(names)))),
        ("edit", edit),
        ("learning rate", lambda: window.running.set_learning_rate(rng.choice([0.05, 0.5, 5.0, 80.0]))),
        ("speed", lambda: window.speed_box.setCurrentIndex(rng.randrange(window.speed_box.count()))),
        ("presentation", lambda: window.presentation.set(not window.presentation.on)),
        ("many steps", lambda: window.session.worker.request_steps(rng.randint(2, 500))),
    ]


def run_sequences(count, seed=0, app=None, report=None):
    """Run `count` sequences; returns a dict of counts (and the failures' texts)."""
    app = app or QApplication.instance() or QApplication(sys.argv[:1])
    from mlpviz.gui.main_window import MainWindow

    failures = Failures()
    previous_handler = qInstallMessageHandler(failures.qt_message)
    previous_hook, sys.excepthook = sys.excepthook, failures.exception
    saved = (QMessageBox.warning, QMessageBox.information, QMessageBox.question)
    QMessageBox.warning = staticmethod(lambda *a, **k: None)
    QMessageBox.information = staticmethod(lambda *a, **k: None)
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.No)
    rng = random.Random(seed)
    names = [name for name, _, _ in examples.describe()]
    done = collections.Counter()
    closes = collections.Counter()
    hangs = threads_left = 0
    peak_mb = start_mb = rss_mb()
    folder = tempfile.mkdtemp()
    try:
        for n in range(count):
            started = time.perf_counter()
            window = MainWindow(QSettings(os.path.join(folder, f"{n % 4}.ini"),
                                          QSettings.IniFormat))
            window.open_config(examples.config_path(rng.choice(names)))
            window.show()
            table = actions(window, rng, names)
            log = [f"sequence {n}: {window.session.config.title}"]
            for _ in range(rng.randint(5, 25)):
                name, act = rng.choice(table)
                began = time.perf_counter()
                act()
                done[name] += 1
                pump(app, rng.choice([0, 0, 0.005, 0.02, 0.08]))
                log.append(f"  {name}: {time.perf_counter() - began:.3f} s, then "
                           f"{state_of(window)} at step {window.session.worker.trainer.step}")
                if time.perf_counter() - started > SEQUENCE_LIMIT:
                    hangs += 1
                    failures.items.append("hang (over %.0f s):\n%s" % (SEQUENCE_LIMIT,
                                                                      "\n".join(log)))
                    break
            closes[state_of(window)] += 1
            worker = window.session.worker
            began = time.perf_counter()
            window.close()
            if time.perf_counter() - began > 5:
                failures.items.append("close took %.1f s:\n%s" % (time.perf_counter() - began,
                                                                  "\n".join(log)))
            if worker is not None and worker.isRunning():
                threads_left += 1
            window.deleteLater()
            del window, worker, table
            # processEvents() leaves deferred deletions for the event loop proper: do them now,
            # or every window of the run stays in memory.
            app.sendPostedEvents(None, QEvent.DeferredDelete)
            gc.collect()
            pump(app, 0)
            peak_mb = max(peak_mb, rss_mb())
            if report and (n + 1) % report == 0:
                print(f"  {n + 1} sequences, {len(failures.items)} failures, "
                      f"{rss_mb():.0f} MB resident", flush=True)
    finally:
        qInstallMessageHandler(previous_handler)
        sys.excepthook = previous_hook
        QMessageBox.warning, QMessageBox.information, QMessageBox.question = saved
    return {"sequences": count, "actions": sum(done.values()), "by action": dict(done),
            "closed while": dict(closes), "hangs": hangs, "threads left running": threads_left,
            "failures": failures.items, "memory MB": (start_mb, peak_mb)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequences", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    started = time.perf_counter()
    result = run_sequences(args.sequences, args.seed, app, report=100)
    print(f"sequences: {result['sequences']}   actions: {result['actions']}   "
          f"in {time.perf_counter() - started:.0f} s")
    print("actions:", ", ".join(f"{k} {v}" for k, v in sorted(result["by action"].items())))
    print("closed while:", ", ".join(f"{k} {v}" for k, v in result["closed while"].items()))
    print("resident memory: %.0f MB at the start, %.0f MB at most" % result["memory MB"])
    print(f"hangs: {result['hangs']}   training threads left running: "
          f"{result['threads left running']}   failures: {len(result['failures'])}")
    for text in result["failures"][:5]:
        print("---\n" + text)
    failed = result["failures"] or result["hangs"] or result["threads left running"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
