"""The GUI thread's longest pauses in the first seconds after the window shows (issue 11: the
gradient-descent views stalled it 0.5–0.7 s once at startup).

    python tools/startup_stalls.py [--runs 3] [--seconds 3] [--warm-up]

Each run is a fresh process: the window with the worked example, shown, and a 20 ms QTimer that
records how late each of its ticks comes (a tick late by g ms: the event loop was busy g ms).
Prints per run the worst pause, when it began (ms after show) and every pause over 100 ms; then
the median of the worst. --warm-up also prepares the compiled loop at 300 ms, as the app does
(its thread competes for the interpreter too). Run it on the screen to measure (DISPLAY, or
QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TICK_MS = 20


def one_run(seconds, warm_up_too):
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from mlpviz.core import examples
    from mlpviz.gui.main_window import MainWindow

    folder = tempfile.mkdtemp()
    window = MainWindow(QSettings(os.path.join(folder, "s.ini"), QSettings.IniFormat))
    window.open_config(examples.config_path(examples.DEFAULT))
    window.show()
    shown = time.perf_counter()
    if warm_up_too:
        from mlpviz.gui.run import warm_up
        QTimer.singleShot(300, warm_up.prepare)
    ticks = []
    timer = QTimer(interval=TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    window.model.shutdown()
    pauses = [((b - a) * 1000 - TICK_MS, (a - shown) * 1000) for a, b in zip(ticks, ticks[1:])]
    first = ((ticks[0] - shown) * 1000, 0.0) if ticks else (seconds * 1000, 0.0)
    pauses.append(first)  # from show to the first tick
    worst = max(pauses)
    return {"worst_ms": round(worst[0]), "at_ms": round(worst[1]),
            "over_100": [(round(g), round(t)) for g, t in sorted(pauses, key=lambda p: p[1])
                         if g > 100],
            "descent_built": window.descent_dock.built()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--warm-up", action="store_true")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_run(args.seconds, args.warm_up)))
        return 0
    worst = []
    for k in range(args.runs):
        command = [sys.executable, __file__, "--one", "--seconds", str(args.seconds)]
        if args.warm_up:
            command.append("--warm-up")
        out = subprocess.run(command, capture_output=True, text=True, timeout=120)
        line = (out.stdout.strip().splitlines() or ["{}"])[-1]
        result = json.loads(line)
        if not result:
            print(out.stderr[-2000:])
            return 1
        worst.append(result["worst_ms"])
        print(f"run {k + 1}: worst pause {result['worst_ms']} ms at {result['at_ms']} ms after "
              f"show; pauses over 100 ms (ms, at ms): {result['over_100']}; descent views built: "
              f"{result['descent_built']}")
    print(f"median worst pause: {statistics.median(worst):.0f} ms over {args.runs} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
