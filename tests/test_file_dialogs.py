"""File dialogs start where the last file of their kind was (issue 11, #20): not always in the
home folder. Remembered per kind, across runs (the settings)."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from mlpviz.gui.main_window import MainWindow
from conftest import open_window


class Dialogs:
    """QFileDialog's static functions, answering from a list and noting where they started."""

    def __init__(self, monkeypatch):
        self.answers, self.started = [], []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._answer)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._answer)

    def _answer(self, parent, title, start, filters, selected=""):
        self.started.append(start)
        return (str(self.answers.pop(0)) if self.answers else ""), filters

    def next_starts_in(self, call):
        """The folder the dialog `call()` opens starts in (the dialog is cancelled)."""
        call()
        start = Path(self.started[-1])
        return start if start.is_dir() else start.parent


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def test_each_kind_of_dialog_starts_where_its_last_file_was(window, dialogs, tmp_path):
    configs, data = tmp_path / "configs", tmp_path / "data"
    configs.mkdir()
    data.mkdir()
    (data / "points.csv").write_text("i1,i2,o1,o2\n0.05,0.1,0.01,0.99\n")
    # a bundled example is open and nothing was chosen yet: the home folder
    assert dialogs.next_starts_in(window.files.open_config) == Path.home()
    dialogs.answers = [configs / "lesson.json"]
    assert window.files.save_config_as()
    dialogs.answers = [data / "points.csv"]
    assert window.files.load_training_csv()
    assert dialogs.next_starts_in(window.files.open_config) == configs
    assert dialogs.next_starts_in(window.files.load_test_csv) == data
    assert dialogs.next_starts_in(window.hands_on.save_training_data) == data
    # a kind not used yet: the open experiment's own folder
    assert dialogs.next_starts_in(window.files.save_weights) == configs


def test_the_folders_are_remembered_across_runs(qtbot, window, dialogs, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    dialogs.answers = [folder / "config.json"]
    assert window.files.save_config_as()
    window.settings.sync()
    again = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(again, before_close_func=lambda w: w.model.shutdown())
    from mlpviz.core.examples import config_path

    assert again.open_config(config_path("xor"))  # a bundled example: it has no folder of ours
    assert dialogs.next_starts_in(again.files.open_config) == folder
    assert dialogs.next_starts_in(again.files.load_training_csv) == folder  # any kind's last
    shutil.rmtree(folder)  # gone since: the home folder
    assert dialogs.next_starts_in(again.files.open_config) == Path.home()
