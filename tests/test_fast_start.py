"""A fast start: `mlpviz --version` and `--help` load neither numba nor Qt (bench/startup.py
times them), numba loads at the first compiled step, and the gradient-descent views are built
after the window shows."""

import json
import subprocess
import sys

from mlpviz.core import Experiment
from mlpviz.core.examples import config_path

HEAVY = ("numba", "PySide6", "pyqtgraph", "llvmlite")


def modules_after(code):
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json\n"
                          "print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_the_command_line_loads_no_heavy_module_for_version_and_help():
    loaded = modules_after("import contextlib, io\nimport mlpviz.cli as cli\n"
                           "for flag in ('--version', '--help'):\n"
                           "    with contextlib.redirect_stdout(io.StringIO()):\n"
                           "        try:\n            cli.main([flag])\n"
                           "        except SystemExit:\n            pass")
    assert "mlpviz.cli" in loaded and not loaded & set(HEAVY)


def test_opening_an_experiment_loads_numba_only_at_the_first_step():
    loaded = modules_after("from mlpviz.core import Experiment\n"
                           "from mlpviz.core.examples import config_path\n"
                           "t = Experiment.load(config_path('worked-example')).trainer()")
    assert "numba" not in loaded
    loaded = modules_after("from mlpviz.core import Experiment\n"
                           "from mlpviz.core.examples import config_path\n"
                           "t = Experiment.load(config_path('worked-example')).trainer()\n"
                           "t.run(1)")
    assert "numba" in loaded


def test_a_trainer_is_compiled_before_its_first_step():
    trainer = Experiment.load(config_path("worked-example")).trainer()
    assert trainer.compiled and trainer.last_gradient() is None
    trainer.run(1)
    assert trainer.compiled and trainer.last_gradient() is not None


def test_the_descent_views_are_built_after_the_window_shows(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from mlpviz.gui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window, before_close_func=lambda w: w.model.shutdown())
    assert window.open_config(config_path("xor"))
    assert not window.descent_dock.built()
    window.show()
    qtbot.waitUntil(window.descent_dock.built, timeout=5000)
    views = window.descent
    assert views.state is not None and views.state.names.sizes == window.session.config.sizes
    assert window.descent_dock.isAncestorOf(views)  # (inside a scroll area)


def test_a_window_closed_before_its_descent_views_are_built_is_left_in_peace(qtbot, tmp_path):
    """The views are built on a timer of the dock's own: a window closed and deleted within
    150 ms of showing builds nothing and raises nothing."""
    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from mlpviz.gui.main_window import DESCENT_AFTER_MS, MainWindow

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    window.open_config(config_path("xor"))
    window.show()
    window.close()
    window.deleteLater()
    del window
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    qtbot.wait(2 * DESCENT_AFTER_MS)  # an exception in the event loop fails the test
