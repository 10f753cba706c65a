"""Defect 9: Return ran or paused the network while typing in a field (the η box, Settings ▸
Hidden layers), and in a file dialog: the demo's keys were application-wide."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    w.activateWindow()
    qtbot.waitUntil(lambda: w.model.snapshot is not None)
    return w


def _settled(qtbot, window):
    qtbot.wait(150)
    return window.model.snapshot.step, window.model.worker.running


def test_return_in_the_eta_box_sets_eta_and_does_not_run(qtbot, window):
    box = window.rate_box
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box.lineEdit() or box.hasFocus())
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "0.25")
    qtbot.keyClick(box.lineEdit(), Qt.Key_Return)
    assert _settled(qtbot, window) == (0, False)
    assert window.model.worker.running is False
    assert box.value() == 0.25
    # the field is done: the focus went back to the graph, and Space steps again
    qtbot.waitUntil(lambda: not box.hasFocus())
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.model.snapshot.step == 1)


@pytest.mark.parametrize("key", [Qt.Key_Return, Qt.Key_Space, Qt.Key_Backspace, Qt.Key_Right,
                                 Qt.Key_Plus, Qt.Key_E, Qt.Key_G])
def test_demo_keys_typed_in_a_settings_field_stay_in_the_field(qtbot, window, key):
    field = window.editor.findChildren(QLineEdit)[0]
    window.side_tabs.setCurrentIndex(3)  # Settings
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    speed, edges = window.speed_box.currentIndex(), window.act.gradients.isChecked()
    qtbot.keyClick(field, key)
    assert _settled(qtbot, window) == (0, False)
    assert window.model.phase is None  # → did not step a phase
    assert window.speed_box.currentIndex() == speed
    assert window.act.gradients.isChecked() == edges


def test_ctrl_keys_stay_shortcuts_in_a_field(qtbot, window):
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.model.snapshot.step == 1)
    window.rate_box.setFocus()
    qtbot.keyClick(window.rate_box.lineEdit(), Qt.Key_R, Qt.ControlModifier)  # reset
    qtbot.waitUntil(lambda: window.model.snapshot is not None
                    and window.model.snapshot.step == 0)


def test_demo_keys_are_the_windows_not_the_applications(window):
    for action in (window.act.run, window.act.step, window.act.phase, window.act.back,
                   window.presentation.action):
        assert action.shortcutContext() == Qt.WindowShortcut
