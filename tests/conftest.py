import os
import sys
from pathlib import Path

# Qt must know it has no screen before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def open_window(qtbot, tmp_path, example="worked-example"):
    """A main window offscreen with a bundled example open; its training thread stops at
    teardown. (Imported lazily: Qt must see QT_QPA_PLATFORM first.)"""
    from PySide6.QtCore import QSettings

    from mlpviz.core.examples import config_path
    from mlpviz.gui.main_window import MainWindow

    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w, before_close_func=lambda w: w.model.shutdown())
    assert w.open_config(config_path(example))
    w.show()
    w.descent_dock.views()  # built 150 ms after the window shows: tests start after that
    return w


def pytest_configure(config):
    config.addinivalue_line("markers", "rehearsal: the demo on a real X server (Xvfb, openbox, "
                                       "xdotool); skipped where they are missing")


def pytest_sessionstart(session):
    """Fill numba's cache for the compiled training loop once, before any test, as the window does
    in a process of its own (gui/run/warm_up.py): on a fresh clone the first window test that
    steps otherwise waits 40-60 s for that compile inside its own timeout (CI: test_autoplay timed
    out at 15 s). Tests of the cold cache and the rehearsal use caches of their own."""
    import subprocess

    subprocess.run([sys.executable, "-m", "mlpviz.core.compile_cache"], cwd=ROOT, check=False,
                   timeout=600)
