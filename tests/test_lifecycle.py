"""A small share of tools/stress_window.py: random sequences of run, pause, step, back, reset,
load, edit and close, with no exception, Qt warning, hang or training thread left running."""

from tools.stress_window import run_sequences


def test_random_lifecycles_end_cleanly(qapp):
    result = run_sequences(8, seed=2026, app=qapp)
    assert result["failures"] == []
    assert result["hangs"] == 0 and result["threads left running"] == 0
    assert result["actions"] >= 8 * 5


def test_a_closed_window_leaves_nothing_behind(qapp, tmp_path):
    """The recent-files menu had no parent: its actions' connections kept the whole window's
    Python side (experiment, trainer, timeline) alive, 12 MB a window (tools/stress_window.py)."""
    import gc

    from PySide6.QtCore import QEvent, QSettings

    from mlpviz.core.examples import config_path
    from mlpviz.gui.main_window import MainWindow
    from mlpviz.gui.run.model import ExperimentModel

    def models():
        gc.collect()
        return sum(isinstance(o, ExperimentModel) for o in gc.get_objects())

    before = models()
    for n in range(3):
        window = MainWindow(QSettings(str(tmp_path / f"{n}.ini"), QSettings.IniFormat))
        window.open_config(config_path("xor"))
        window.open_config(config_path("worked-example"))  # two files: two recent entries
        window.show()
        qapp.processEvents()
        window.close()
        window.deleteLater()
        del window
        qapp.sendPostedEvents(None, QEvent.DeferredDelete)
    assert models() <= before
