"""Changes by hand in the window (issue 15): typed weights, neurons and layers, points; each a
branch of the run that Back undoes."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from mlpviz.core.edits import set_weight
from mlpviz.core.network import layer_views
from mlpviz.core.playground import open_dataset
from mlpviz.core.reshape import add_neuron
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def wait_for(qtbot, condition, timeout=5000):
    qtbot.waitUntil(condition, timeout=timeout)


def w5(window):
    W, _ = layer_views(window.model.snapshot.params, window.model.config.sizes)
    return W[2][0, 0]


def test_a_typed_weight_is_a_branch_that_back_undoes(qtbot, window):
    window.running.step()
    wait_for(qtbot, lambda: window.model.snapshot.step == 1)
    after_update = window.model.snapshot.params.copy()
    window.model.apply(lambda e, p: set_weight(e, p, 2, 0, 0, 0.4))
    wait_for(qtbot, lambda: w5(window) == 0.4)
    assert window.model.snapshot.step == 1
    assert "w5 (h1 → o1) set to 0.4" in window.statusBar().currentMessage()
    window.running.step()
    wait_for(qtbot, lambda: window.model.snapshot.step == 2)
    window.running.back()
    wait_for(qtbot, lambda: window.model.snapshot.step == 1)
    assert w5(window) == 0.4
    window.running.back()  # at the step of the change: Back undoes it
    wait_for(qtbot, lambda: w5(window) != 0.4)
    assert np.array_equal(window.model.snapshot.params, after_update)
    assert "Undone: w5" in window.statusBar().currentMessage()


def test_a_neuron_added_redraws_the_graph_and_back_removes_it(qtbot, window):
    window.model.apply(lambda e, p: add_neuron(e, p, 1))
    wait_for(qtbot, lambda: window.graph.sizes == (2, 3, 2))
    assert window.model.config.sizes == (2, 3, 2) and window.model.snapshot.params.size == 17
    assert "2-2-2 → 2-3-2" in window.statusBar().currentMessage()
    window.running.step()
    wait_for(qtbot, lambda: window.model.snapshot.step == 1)
    window.running.back()
    wait_for(qtbot, lambda: window.model.snapshot.step == 0)
    window.running.back()
    wait_for(qtbot, lambda: window.graph.sizes == (2, 2, 2))
    assert window.model.snapshot.params.size == 12


def test_a_change_that_cannot_be_made_says_why_and_changes_nothing(qtbot, window):
    reasons = []
    window.model.refused.connect(reasons.append)
    before = window.model.snapshot.params.copy()
    window.model.apply(lambda e, p: set_weight(e, p, 2, 0, 0, float("nan")))
    wait_for(qtbot, lambda: bool(reasons))
    assert "finite" in reasons[0]
    assert np.array_equal(window.model.snapshot.params, before)
