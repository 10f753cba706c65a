"""Loading off the GUI thread with a progress dialog that cancels (issue 6, item 5)."""

import time

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from mlpviz.core import csv_files, files
from mlpviz.core.errors import Cancelled, InputError
from mlpviz.core.examples import config_path
from mlpviz.gui.run import loader
from mlpviz.gui.run.loader import load_with_progress
from conftest import open_window


def progress_dialogs():
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()]


def slow(seconds, steps=50):
    """A load that takes `seconds`, reporting progress, stopping when told to."""
    def work(progress):
        for i in range(steps):
            time.sleep(seconds / steps)
            if progress((i + 1) / steps) is False:
                raise Cancelled("stopped")
        return "loaded"
    return work


def test_a_quick_load_returns_its_result_without_a_dialog(qtbot):
    shown = []
    QTimer.singleShot(0, lambda: shown.extend(progress_dialogs()))
    assert load_with_progress(None, "Loading", lambda progress: 42) == 42
    assert shown == []


def test_a_slow_load_shows_progress_and_the_window_keeps_running(qtbot, monkeypatch):
    monkeypatch.setattr(loader, "SHOW_AFTER", 0.05)
    ticks, seen = [], []
    timer = QTimer()
    timer.timeout.connect(lambda: (ticks.append(time.monotonic()),
                                   seen.extend(d.value() for d in progress_dialogs())))
    timer.start(10)
    assert load_with_progress(None, "Loading", slow(0.6)) == "loaded"
    timer.stop()
    assert len(ticks) >= 20  # the event loop kept turning while the load ran
    assert seen and max(seen) > 0  # the dialog was up and moving
    assert progress_dialogs() == []


def test_cancel_stops_the_load(qtbot, monkeypatch):
    monkeypatch.setattr(loader, "SHOW_AFTER", 0.0)

    def cancel_when_shown():
        for dialog in progress_dialogs():
            dialog.cancel()

    timer = QTimer()
    timer.timeout.connect(cancel_when_shown)
    timer.start(20)
    start = time.monotonic()
    with pytest.raises(Cancelled):
        load_with_progress(None, "Loading", slow(5.0, steps=500))
    timer.stop()
    assert time.monotonic() - start < 2


def test_the_loads_error_is_raised_in_the_gui_thread(qtbot):
    def broken(progress):
        raise InputError("data.csv", "line 3", "expected a number")
    with pytest.raises(InputError, match="data.csv, line 3"):
        load_with_progress(None, "Loading", broken)


def test_running_out_of_memory_is_a_message_naming_the_file(qtbot):
    def huge(progress):
        raise MemoryError
    with pytest.raises(InputError, match="big.csv: not enough memory"):
        load_with_progress(None, "Loading", huge, source="big.csv")


# -- the window's file actions use it ----------------------------------------------------------

@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: None)
    return open_window(qtbot, tmp_path, "cheat-sheet-4-rows")


def big_csv(path, rows, quoted=False):
    values = np.arange(rows * 3, dtype=float).reshape(-1, 3) % 97
    lines = ["a,b,c"] + [",".join(str(v) for v in row) for row in values.tolist()]
    if quoted:  # sends it to the careful reader, which is slower
        lines[1] = '"0.0",1.0,2.0'
    path.write_text("\n".join(lines) + "\n")
    return path


def test_loading_a_large_training_csv_in_the_window(qtbot, window, tmp_path):
    assert window.files.load_training_csv(big_csv(tmp_path / "big.csv", 200_000))
    assert window.session.trainer.samples == 200_000


def slow_reading(monkeypatch, where):
    """read_csv, as `where` calls it, no faster than a test can press Cancel (on a quick
    machine the real file was read before the dialog's button was clicked)."""
    monkeypatch.setattr(loader, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(csv_files, "CAREFUL_CSV_CHUNK", 1000)
    monkeypatch.setattr(csv_files, "PLAIN_CSV_CHUNK", 20_000)
    real_read_csv = files.read_csv

    def slow_read_csv(path, columns=None, progress=None, **options):
        def slowly(fraction):
            time.sleep(0.005)
            return progress(fraction)
        return real_read_csv(path, columns, progress=slowly, **options)

    monkeypatch.setattr(where, slow_read_csv)


def cancel_dialogs_soon():
    timer = QTimer()
    timer.timeout.connect(lambda: [d.findChild(QPushButton).click() for d in progress_dialogs()])
    timer.start(20)
    return timer


def test_cancelling_a_load_in_the_window_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    slow_reading(monkeypatch, "mlpviz.core.experiment.read_csv")
    before = window.session.experiment
    timer = cancel_dialogs_soon()
    assert not window.files.load_training_csv(big_csv(tmp_path / "big.csv", 100_000, quoted=True))
    timer.stop()
    assert window.session.experiment is before
    assert "cancelled" in window.statusBar().currentMessage()


def test_test_and_prediction_csvs_load_off_the_gui_thread_and_can_be_cancelled(
        qtbot, window, tmp_path, monkeypatch):
    assert window.open_config(config_path("sine"))
    # the window reads test and prediction CSVs through the experiment (classes too)
    slow_reading(monkeypatch, "mlpviz.core.experiment.read_csv")
    before = window.session.experiment.test
    path = tmp_path / "big.csv"
    lines = ["x,y"] + [f'"{i / 1e5}",{i / 1e5}' for i in range(100_000)]
    path.write_text("\n".join(lines) + "\n")
    timer = cancel_dialogs_soon()
    assert not window.files.load_test_csv(path)
    assert window.files.predict_csv(path, show=False) is None
    timer.stop()
    assert window.session.experiment.test is before
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_load_that_fails_leaves_no_progress_dialog_behind(qtbot, monkeypatch):
    """Defect 6: after a slow load failed, its progress dialog came up on top of the error
    message, both modal: nothing answered. The dialog is gone before the error is raised."""
    monkeypatch.setattr(loader, "SHOW_AFTER", 0.0)

    def fails_late(progress):
        for i in range(20):
            time.sleep(0.02)
            progress(i / 20)
        raise InputError("bad.csv", "line 9", "expected 4 columns")

    seen = []
    timer = QTimer()
    timer.timeout.connect(lambda: seen.extend(progress_dialogs()))
    timer.start(10)
    with pytest.raises(InputError):
        load_with_progress(None, "Opening bad.csv…", fails_late)
    timer.stop()
    assert seen, "the slow load showed its progress"
    assert progress_dialogs() == []
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)] == []
    qtbot.wait(100)  # nothing comes back once the event loop turns (the error box's loop)
    assert progress_dialogs() == []


def test_a_quick_failure_never_makes_a_progress_dialog(qtbot):
    def broken(progress):
        raise InputError("bad.json", "line 2", "malformed JSON")
    with pytest.raises(InputError):
        load_with_progress(None, "Opening bad.json…", broken)
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)] == []
