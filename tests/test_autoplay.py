"""Autoplay (issue 11, 'What else'): the phases of each update one after another at a chosen pace,
update after update, the math panel following the computation; any other move stops it."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from mlpviz.core import Experiment
from mlpviz.core.examples import config_path
from mlpviz.gui.graph.style import Selection
from mlpviz.gui.presentation import KEYS
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    w.autoplay.set_pace(0.5)
    return w


def test_autoplay_walks_the_phases_with_the_math_panel_following(qtbot, window):
    window.graph.set_selection(Selection("neuron", 1, 0))  # h1, as a teacher clicks it
    window.model.select(Selection("neuron", 1, 0))
    seen = []
    window.model.selection_changed.connect(lambda selection: seen.append(
        (window.model.phase, selection)))
    qtbot.keyClick(window, Qt.Key_A)
    assert window.autoplay.on and window.autoplay.action.isChecked()
    assert "Autoplay: a phase every 0.5 s" in window.statusBar().currentMessage()
    # forward h1 → forward o1 → backward o1 → backward h1 → the update (w5) → the next update
    qtbot.waitUntil(lambda: window.model.snapshot.step == 1 and window.model.phase == 1,
                    timeout=15000)
    walk = [(phase, s.kind, s.layer, s.node, s.source) for phase, s in seen]
    assert walk[:6] == [(1, "neuron", 1, 0, None), (2, "neuron", 2, 0, None),
                        (3, "neuron", 2, 0, None), (4, "neuron", 1, 0, None),
                        (0, "weight", 2, 0, 0), (1, "neuron", 1, 0, None)]
    assert window.model.selection == Selection("neuron", 1, 0)  # h1 again, one update later
    expected = Experiment.load(config_path("worked-example")).trainer()
    expected.run(1)
    assert np.array_equal(window.model.snapshot.params, expected.network.params)


def test_the_update_phase_shows_the_weight_between_the_followed_neurons(qtbot, window):
    window.model.select(Selection("neuron", 1, 0))
    window.autoplay.start()
    qtbot.waitUntil(lambda: window.model.snapshot.step == 1, timeout=15000)
    assert window.model.selection == Selection("weight", 2, 0, 0)  # w5: h1 → o1
    assert "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648" in \
        window.details.text_lines()
    window.autoplay.stop()


def test_any_other_move_stops_it(qtbot, window):
    window.autoplay.start()
    qtbot.waitUntil(lambda: window.model.phase == 2, timeout=15000)
    qtbot.keyClick(window, Qt.Key_Space)  # the teacher takes over
    qtbot.waitUntil(lambda: not window.autoplay.on, timeout=15000)
    assert "Autoplay stopped" in window.statusBar().currentMessage()
    assert not window.autoplay.action.isChecked()
    window.autoplay.start()
    qtbot.keyClick(window, Qt.Key_A)  # A again: stops
    assert not window.autoplay.on


def test_the_pace_is_chosen_and_remembered(qtbot, window, tmp_path):
    window.autoplay.set_pace(3.0)
    window.autoplay.start()
    assert window.autoplay.timer.interval() == 3000
    window.autoplay.stop()
    assert window.settings.value("autoplay/seconds") in (3.0, "3.0")
    assert [a.isChecked() for a in window.autoplay.paces.actions()] == \
        [False, False, False, True, False]
    assert any(key == "A" for key, _ in KEYS)
