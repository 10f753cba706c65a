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


def test_a_change_that_cannot_be_made_says_why_and_changes_nothing(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    reasons = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: reasons.append(text))
    before = window.model.snapshot.params.copy()
    window.model.apply(lambda e, p: set_weight(e, p, 2, 0, 0, float("nan")))
    wait_for(qtbot, lambda: bool(reasons))
    assert "finite" in reasons[0]
    assert np.array_equal(window.model.snapshot.params, before)


def test_the_data_tab_opens_a_spiral_with_noise(qtbot, window):
    tab = window.data_tab
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("spiral"))
    tab.noise_box.setValue(20)
    tab.test_box.setValue(25)
    assert tab.train_points.data.size == 150 and tab.test_points.data.size == 50
    assert "2-8-8-2" in tab.about.text()
    qtbot.mouseClick(tab.open_button, Qt.LeftButton)
    wait_for(qtbot, lambda: window.model.config.sizes == (2, 8, 8, 2))
    assert window.graph.sizes == (2, 8, 8, 2) and window.model.config.outputClasses == ["0", "1"]
    assert len(window.model.experiment.train.values) == 150
    assert "spiral" in window.windowTitle()
    expected = open_dataset("spiral", 200, 0.2, 0.25, 0)
    assert np.array_equal(window.model.experiment.train.values, expected.train.values)


def test_the_data_tab_draws_each_dataset(qtbot, window):
    tab = window.data_tab
    for k in range(tab.kind_box.count()):
        tab.kind_box.setCurrentIndex(k)
        assert tab.train_points.data.size == 200 and tab.open_button.isEnabled()
    tab.points_box.setValue(2)
    tab.test_box.setValue(90)
    assert not tab.open_button.isEnabled() and "no training points" in tab.about.text()


def test_plus_and_minus_on_the_shape_bar(qtbot, window):
    bar = window.shape_bar
    assert set(bar.buttons) == {("−", 1), ("+", 1), "+layer", "−layer"}
    qtbot.mouseClick(bar.buttons[("+", 1)], Qt.LeftButton)
    wait_for(qtbot, lambda: window.graph.sizes == (2, 3, 2))
    qtbot.waitUntil(lambda: bar.sizes == (2, 3, 2))
    qtbot.mouseClick(bar.buttons["+layer"], Qt.LeftButton)
    wait_for(qtbot, lambda: window.graph.sizes == (2, 3, 3, 2))
    qtbot.waitUntil(lambda: ("+", 2) in bar.buttons)
    qtbot.mouseClick(bar.buttons[("−", 1)], Qt.LeftButton)
    wait_for(qtbot, lambda: window.graph.sizes == (2, 2, 3, 2))
    qtbot.waitUntil(lambda: bar.sizes == (2, 2, 3, 2))
    qtbot.mouseClick(bar.buttons["−layer"], Qt.LeftButton)
    wait_for(qtbot, lambda: window.graph.sizes == (2, 2, 2))
    for sizes in ((2, 2, 3, 2), (2, 3, 3, 2), (2, 3, 2)):  # Back undoes each
        window.running.back()
        wait_for(qtbot, lambda: window.graph.sizes == sizes)
    window.running.back()
    wait_for(qtbot, lambda: window.graph.sizes == (2, 2, 2))
    start = window.model.experiment.initial_params  # the worked example's own weights again
    wait_for(qtbot, lambda: np.array_equal(window.model.snapshot.params, start))


def test_double_clicking_an_edge_types_its_value(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog
    from mlpviz.gui.graph.style import Selection
    asked = []

    def answer(parent, title, label, text=""):
        asked.append(label)
        return "0.45", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    window.graph.value_requested.emit(Selection("weight", 2, 0, 0))
    wait_for(qtbot, lambda: w5(window) == 0.45)
    assert asked and asked[0].startswith("w5 (now 0.4)")
    window.graph.value_requested.emit(Selection("bias", 1, 1))
    _, b = layer_views(window.model.snapshot.params, (2, 2, 2))
    wait_for(qtbot, lambda: layer_views(window.model.snapshot.params, (2, 2, 2))[1][1][1] == 0.45)


def test_save_training_data(qtbot, window, tmp_path):
    path = tmp_path / "mine.csv"
    assert window.hands_on.save_training_data(str(path))
    assert path.read_text().splitlines() == ["i1,i2,o1,o2", "0.05,0.1,0.01,0.99"]


def open_generated(qtbot, window, kind, **settings):
    experiment = open_dataset(kind, **settings)
    window.open_generated(experiment)
    wait_for(qtbot, lambda: window.model.experiment is experiment)
    window.descent_dock.views()
    return window.descent_dock.points


def test_points_by_hand_on_the_output_view(qtbot, window):
    editor = open_generated(qtbot, window, "circle", points=20, seed=1)
    editor.class_box.setCurrentIndex(1)
    editor.click(0.1, 0.2)  # a point of class 1 in the middle of class 0's disc
    wait_for(qtbot, lambda: len(window.model.experiment.train.values) == 21)
    train = window.model.experiment.train
    assert train.values[-1].tolist() == [0.1, 0.2, 0.0, 1.0] and train.truth[-1] == 1
    editor.click(-0.3, 0.4, modifiers=Qt.ShiftModifier)  # the other class: 0
    wait_for(qtbot, lambda: len(window.model.experiment.train.values) == 22)
    assert window.model.experiment.train.truth[-1] == 0
    assert "added a point (x1 = -0.3, x2 = 0.4, class 0)" in window.statusBar().currentMessage()
    heat = window.descent.output.heat
    heat.getPlotItem().vb.setRange(xRange=(-1, 1), yRange=(-1, 1), padding=0)
    editor.click(0.1 + 0.001, 0.2, Qt.RightButton)  # right on the first one: removed
    wait_for(qtbot, lambda: len(window.model.experiment.train.values) == 21)
    assert window.model.experiment.train.values[-1].tolist()[:2] == [-0.3, 0.4]
    editor.click(0.95, -0.95, Qt.RightButton)  # nothing there: nothing happens
    for count in (22, 21, 20):  # Back undoes each, in turn
        window.running.back()
        wait_for(qtbot, lambda: len(window.model.experiment.train.values) == count)


def test_points_by_hand_for_regression_take_the_chosen_value(qtbot, window):
    editor = open_generated(qtbot, window, "plane", points=10, seed=1)
    assert editor.class_box.isHidden() and not editor.value_box.isHidden()
    editor.value_box.setValue(0.75)
    editor.click(0.5, -0.5)
    wait_for(qtbot, lambda: len(window.model.experiment.train.values) == 11)
    assert window.model.experiment.train.values[-1].tolist() == [0.5, -0.5, 0.75]


def test_points_by_hand_on_a_one_input_curve(qtbot, window):
    from mlpviz.core.examples import config_path
    assert window.open_config(config_path("sine"))
    window.descent_dock.views()
    editor = window.descent_dock.points
    before = len(window.model.experiment.train.values)
    editor.click(1.5, 0.25)  # at the height clicked
    wait_for(qtbot, lambda: len(window.model.experiment.train.values) == before + 1)
    assert window.model.experiment.train.values[-1].tolist() == [1.5, 0.25]


def test_neuron_maps_in_the_circles_change_after_a_step(qtbot, window):
    open_generated(qtbot, window, "circle", points=50, seed=1)
    maps = window.neuron_maps
    assert len(maps.items) == 4  # 2-4-2: one map per hidden neuron
    wait_for(qtbot, lambda: maps.maps is not None and maps.drawn_key[0] == 0)
    first = [m.copy() for m in maps.maps]
    item = maps.items[0][2]
    assert item.image.shape == (24, 24) and item.isVisible()
    rect = item.mapRectToParent(item.boundingRect())
    x, y = window.graph.node_position(1, 0)
    assert abs(rect.center().x() - x) < 1e-9 and abs(rect.center().y() - y) < 1e-9
    window.running.step()
    wait_for(qtbot, lambda: maps.drawn_key is not None and maps.drawn_key[0] == 1)
    assert not np.array_equal(maps.maps[0], first[0])
    # what it shows is each neuron's out over the plane (core/neuron_maps.py)
    from mlpviz.core.neuron_maps import neuron_maps
    from mlpviz.gui.graph.neuron_maps import data_bounds
    e = window.model.experiment
    expected = neuron_maps(e, e.network(window.model.snapshot.params), data_bounds(e))
    assert np.array_equal(maps.maps[0], expected[0])


def test_neuron_maps_follow_a_new_neuron_and_can_be_turned_off(qtbot, window):
    open_generated(qtbot, window, "xor", points=40, seed=1)
    maps = window.neuron_maps
    qtbot.mouseClick(window.shape_bar.buttons[("+", 1)], Qt.LeftButton)
    wait_for(qtbot, lambda: len(maps.items) == 5)
    wait_for(qtbot, lambda: maps.maps is not None and maps.maps[0].shape[0] == 5)
    window.act.neuron_maps.trigger()  # off
    assert maps.items == []
    window.act.neuron_maps.trigger()  # on again
    assert len(maps.items) == 5


def test_no_neuron_maps_for_the_worked_examples_single_row(window):
    assert window.neuron_maps.items == [] and window.neuron_maps.available()
