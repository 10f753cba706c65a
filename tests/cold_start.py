"""Run by tests/test_cold_cache.py in a process of its own, with NUMBA_CACHE_DIR an empty folder:
the window opens the worked example, Space is pressed at once, and a 20 ms timer notes how long
the event loop took to answer until the update arrived. Prints one JSON line."""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TICK_MS = 20
LIMIT = float(sys.argv[1]) if len(sys.argv) > 1 else 180.0  # seconds


def press_space(window, seen):
    QTest.keyClick(window, Qt.Key_Space)
    seen["asked"] = window.model.worker._pending == 1  # the update waits in the worker


def main():
    app = QApplication([])
    from mlpviz.core.examples import config_path
    from mlpviz.gui.main_window import MainWindow
    from mlpviz.gui.run import warm_up

    folder = Path(tempfile.mkdtemp())
    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.IniFormat))
    window.open_config(config_path("worked-example"))
    window.show()
    window.descent_dock.views()  # built at startup, before the measurement
    QTest.qWaitForWindowActive(window)
    note = window.running.preparing
    seen = {"gaps": [], "busy": False, "message": False, "arrived": None}
    start = last = time.monotonic()

    def tick():
        nonlocal last
        now = time.monotonic()
        seen["gaps"].append(now - last)
        last = now
        window.model.refresh()
        if warm_up.ready() and "ready_at" not in seen:
            seen["ready_at"] = now - start
        if note.busy.isVisible():
            seen["busy"] = True
        if window.statusBar().currentMessage().startswith("Preparing the training loop"):
            seen["message"] = True
        snapshot = window.model.snapshot
        if seen["arrived"] is None and snapshot is not None and snapshot.step == 1:
            seen["arrived"] = now - start
        if (seen["arrived"] is not None and now - start > seen["arrived"] + 0.5) \
                or now - start > LIMIT:
            app.quit()

    timer = QTimer(interval=TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    warm_up.prepare()  # as app.py does once the window shows
    QTimer.singleShot(100, lambda: press_space(window, seen))
    app.exec()
    window.model.shutdown()
    gaps = seen.pop("gaps")
    seen.update(longest=max(gaps), ticks=len(gaps), ready=warm_up.ready())
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
