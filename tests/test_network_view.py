"""The network graph, offscreen: layouts, the worked example's numbers, clicks, modes, big networks."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from mlpviz.core.network import Network
from mlpviz.gui import colors
from mlpviz.gui.graph.network_view import NetworkView
from mlpviz.gui.graph.style import MAX_EDGES, Selection
from mlpviz.gui.pyside_guard import guard_pyside_refcounts

# PySide6 6.12.0 on Python 3.11 loses a reference to None/True per Qt call; without this the
# test process aborts after a few thousand calls (see guard_pyside_refcounts).
guard_pyside_refcounts()

# The worked example: 2-2-2 sigmoid network, x = (0.05, 0.10), targets (0.01, 0.99).
WORKED = [0.15, 0.20, 0.25, 0.30, 0.35, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.60]
X, Z = np.array([0.05, 0.10]), np.array([0.01, 0.99])


@pytest.fixture
def view(qtbot):
    v = NetworkView()
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def state(network, x, z):
    """What the window passes to show_state: one sample's out, delta, net per layer, and grad."""
    f = network.forward(x)
    b = network.backward(f, z)
    return dict(out=[o[0] for o in f.out], delta=[None] + [d[0] for d in b.delta[1:]],
                grad=b.grad.copy(), net=[None] + [n[0] for n in f.net[1:]])


def worked(view):
    network = Network((2, 2, 2), "sigmoid", params=WORKED)
    view.set_structure((2, 2, 2), ["i1", "i2"], ["o1", "o2"], "sigmoid", "sigmoid")
    s = state(network, X, Z)
    view.show_state(network.params.copy(), **s)
    return network, s


def random_state(sizes, seed=0):
    rng = np.random.default_rng(seed)
    network = Network(sizes, "sigmoid")
    network.set_params(rng.normal(0, 0.3, network.params.size))
    return network, state(network, rng.uniform(0, 1, sizes[0]), rng.uniform(0, 1, sizes[-1]))


def click(qtbot, view, scene_pos):
    pos = view.graph.mapFromScene(scene_pos)
    qtbot.mouseClick(view.graph.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))


@pytest.mark.parametrize("sizes", [(2, 2, 2), (2, 3, 1), (64, 32, 10), (784, 100, 10)])
def test_structures_build_and_draw(view, sizes):
    network, s = random_state(sizes)
    view.set_structure(sizes)
    view.show_state(network.params.copy(), **s)
    assert not view.grab().isNull()
    assert len(view.neurons.data) == sum(sizes)
    assert view.drawn_edge_count() == min(network.params.size, MAX_EDGES)


def test_worked_example_numbers_on_neurons_and_edges(view):
    worked(view)
    texts = view.text_items()
    for number in ("0.05", "0.1", "0.5933", "0.5969", "0.7514", "0.7729"):  # out
        assert number in texts
    for number in ("0.15", "0.2", "0.25", "0.3", "0.4", "0.45", "0.5", "0.55", "0.35", "0.6"):  # w, b
        assert number in texts
    for label in ("i1", "i2", "o1", "o2", "input", "hidden 1 (sigmoid)", "output (sigmoid)"):
        assert label in texts


def test_tooltips_use_the_math_panels_names_and_numbers(view):
    """Defect 14: hovering h1 said "net = –" and "neuron 0", a weight "w[1][0][0]", where the
    graph and the math panel say h1, w1 and net_h1 = 0.3775."""
    from mlpviz.core.explain import Names, explain_neuron, explain_weight

    network, s = worked(view)
    neuron = view.tooltip_lines(Selection("neuron", 1, 0))
    # net_h1 = 0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.3775; out_h1 = σ(0.3775) = 0.593269992
    assert neuron == ["neuron h1 (hidden layer 1)", "net_h1 = 0.3775", "out_h1 = 0.593269992",
                      "δ_h1 = 0.008771355"]
    f = network.forward(X)
    panel = explain_neuron(network, Names.of((2, 2, 2), ["i1", "i2"], ["o1", "o2"]), f,
                           network.backward(f, Z), 1, 0, Z)
    assert panel[0].endswith("= 0.3775") and panel[1].endswith("= 0.593269992")
    weight = view.tooltip_lines(Selection("weight", 2, 0, 0))
    # W[2] starts at 6: w5 = W[2][0][0] = 0.4, ∂E/∂w5 = δ_o1·out_h1 = 0.138498562·0.593269992
    assert weight == ["w5 connects h1 → o1", "w5 = 0.4", "∂E/∂w5 = 0.082167041"]
    panel = explain_weight(network, Names.of((2, 2, 2), ["i1", "i2"], ["o1", "o2"]), f,
                           network.backward(f, Z), 2, 0, 0, 0.5)
    assert panel[0] == "w5 connects h1 → o1: w5 = 0.4" and panel[1].endswith("= 0.082167041")
    bias = view.tooltip_lines(Selection("bias", 1, 1))
    assert bias[:2] == ["bias b_h2 of h2", "b_h2 = 0.35"]
    inputs = view.tooltip_lines(Selection("neuron", 0, 1))
    assert inputs == ["input i2", "out_i2 = i2 = 0.1"]
    text = view.tooltip_text(Selection("neuron", 1, 0))
    assert "net<sub>h1</sub>" in text and "0.3775" in text  # typeset like the panel
    assert "neuron 0" not in text and "w[" not in "".join(weight)


def test_a_tooltip_before_the_backward_pass_says_so(view):
    network, s = worked(view)
    view.show_state(network.params.copy(), out=s["out"], net=s["net"])
    assert view.tooltip_lines(Selection("neuron", 2, 0))[-1] == "δ_o1 = not computed yet"
    assert view.tooltip_lines(Selection("weight", 1, 0, 0))[-1] == "∂E/∂w1 = not computed yet"


def test_gradient_mode_gives_frozen_biases_no_number(view):
    """Defect 21: with trainBiases false the gradient view labelled the biases with a gradient
    that is never used."""
    network, s = worked(view)
    view.set_train_biases(False)
    view.set_edge_mode("gradients")
    bias_edges = [k for k in view._edge_texts if view._edge_source[k] < 0]
    weight_edges = [k for k in view._edge_texts if view._edge_source[k] >= 0]
    assert len(bias_edges) == 4 and all(view._edge_texts[k].toPlainText() == ""
                                        for k in bias_edges)
    assert all(view._edge_texts[k].toPlainText() != "" for k in weight_edges)
    assert "frozen" in view.tooltip_lines(Selection("bias", 2, 0))[-1]
    view.set_train_biases(True)
    assert all(view._edge_texts[k].toPlainText() != "" for k in bias_edges)
    view.set_edge_mode("weights")
    view.set_train_biases(False)
    assert all(view._edge_texts[k].toPlainText() in ("0.35", "0.6") for k in bias_edges)

def test_edge_buckets_follow_the_weights(view):
    network, s = worked(view)
    drawn, before = view.edge_bucket_key()
    changed = network.params.copy()
    changed[0] = -0.6  # w[1][0][0] becomes the strongest, and negative
    view.show_state(changed, **s)
    _, after = view.edge_bucket_key()
    assert not np.array_equal(before, after)
    assert after[list(drawn).index(0)] == 0  # strongest negative bucket
    assert "-0.6" in view.text_items()


def test_gradient_mode_shows_the_gradient(view):
    network, s = worked(view)
    _, weights = view.edge_bucket_key()
    view.set_edge_mode("gradients")
    _, gradients = view.edge_bucket_key()
    assert not np.array_equal(weights, gradients)
    assert "gradient" in view.edge_legend.title()
    assert "4.39e-4" in view.text_items()  # numbers on edges follow the mode: ∂E/∂w1 = 0.000438568
    view.set_edge_mode("weights")
    assert "weight" in view.edge_legend.title()
    with pytest.raises(ValueError):
        view.set_edge_mode("biases")


def test_click_selects_neuron_weight_and_clears(qtbot, view):
    worked(view)
    with qtbot.waitSignal(view.selected) as neuron:
        click(qtbot, view, view.scene_position(1, 0))
    assert neuron.args == [Selection("neuron", 1, 0, None)]
    assert len(view.selected_neuron.data) == 1  # drawn highlighted

    k = view.param_index(Selection("weight", 2, 1, 0))
    label = view._edge_texts[k]
    with qtbot.waitSignal(view.selected) as weight:
        click(qtbot, view, label.sceneBoundingRect().center())
    assert weight.args == [Selection("weight", 2, 1, 0)]
    assert not view.selected_edge.path().isEmpty()

    with qtbot.waitSignal(view.selected) as empty:
        click(qtbot, view, view.vb.mapViewToScene(QPointF(2.0, 1.0)))  # below the output neurons
    assert empty.args == [None]
    assert view.selection() is None


def test_hit_finds_a_bare_edge_and_a_bias(view):
    worked(view)
    for sel in (Selection("weight", 1, 1, 0), Selection("bias", 2, 1)):
        x0, y0, x1, y1 = view._edge_ends[view.param_index(sel)]
        t = 0.62  # away from the numbers and the neurons
        point = view.vb.mapViewToScene(QPointF(x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
        assert view.hit(point) == sel


def test_big_network_draws_only_the_strongest_edges_and_says_so(view):
    sizes = (784, 100, 10)
    network, s = random_state(sizes)
    view.set_structure(sizes)
    view.show_state(network.params.copy(), **s)
    assert view.drawn_edge_count() == MAX_EDGES
    assert "showing the 5,000 strongest of 79,510 edges" in view.caption.text()
    assert not view.caption.isHidden()
    weakest_drawn = np.abs(network.params[view._drawn]).min()
    hidden = np.setdiff1d(np.arange(network.params.size), view._drawn)
    assert np.abs(network.params[hidden]).max() <= weakest_drawn
    assert f"y1 = {s['out'][2][0]:.4g}" in view.text_items()  # output values beside the labels


def test_highlight_selection_and_presentation(view):
    network, s = worked(view)
    view.show_state(network.params.copy(), **s, highlight={"neurons": [(2, 0), (2, 1)],
                                                           "edges_into_layer": [2]})
    assert len(view.halo.data) == 2
    assert [band.isVisible() for band in view._bands] == [False, True]
    view.show_state(network.params.copy(), **s)
    assert len(view.halo.data) == 0 and not any(b.isVisible() for b in view._bands)
    view.set_selection(Selection("bias", 1, 0))
    assert not view.selected_edge.path().isEmpty()
    size = view._captions[0].textItem.font().pointSizeF()
    view.set_presentation(True)
    assert view._captions[0].textItem.font().pointSizeF() > size
    assert "0.5933" in view.text_items()
    view.set_presentation(False)


def test_show_state_checks_sizes(view):
    view.set_structure((2, 3, 1))
    with pytest.raises(ValueError):
        view.show_state(np.zeros(5))


def test_colour_maps():
    centre = colors.N_DIVERGING // 2
    b = colors.diverging_buckets([-2.0, -1.0, 0.0, 0.01, 1.0], 1.0)
    assert list(b) == [0, 0, centre, centre, colors.N_DIVERGING - 1]
    assert colors.diverging_buckets([0.01], 1.0, gamma=0.5)[0] > centre  # √ lifts small values
    assert list(colors.diverging_buckets([1.0, -1.0], 0.0)) == [centre, centre]
    assert colors.weak_to_strong()[0] == centre
    assert list(colors.sequential_buckets([0.0, 0.5, 1.0], 0, 1)) == [0, 8, 15]
    assert colors.activation_range("sigmoid", [5.0]) == (0.0, 1.0)
    assert colors.activation_range("tanh", [5.0]) == (-1.0, 1.0)
    assert colors.activation_range("relu", [0.0, 3.0]) == (0.0, 3.0)
    assert colors.activation_range("linear", [-4.0, 3.0]) == (-4.0, 4.0)
    assert colors.activation_range("input", [0.2, 0.7]) == (0.0, 1.0)
    dark = colors.sequential_colors()[-1]
    assert colors.text_color_on(dark).red() == 255


def test_hover_shows_the_exact_values(qtbot, view):
    from PySide6.QtWidgets import QToolTip

    worked(view)
    pos = view.graph.mapFromScene(view.scene_position(2, 1))
    qtbot.mouseMove(view.graph.viewport(), QPoint(pos.x(), pos.y()))
    qtbot.waitUntil(lambda: "neuron o2 (output)" in QToolTip.text())
    assert "out<sub>o2</sub> = 0.772928465" in QToolTip.text()  # as the math panel writes it


def test_a_new_structure_replaces_the_old_one(view):
    worked(view)
    view.set_structure((3, 4, 4, 2), None, None, "tanh", "linear")
    texts = view.text_items()
    assert "0.5933" not in texts and "i1" not in texts
    assert {"x1", "x3", "y2", "hidden 2 (tanh)", "output (linear)"} <= set(texts)
    network, s = random_state((3, 4, 4, 2))
    view.show_state(network.params.copy(), **s)
    assert view.drawn_edge_count() == network.params.size


def test_the_delta_bar_says_when_there_is_no_delta_yet(view):
    """Defect 18: before any backward pass the δ colour bar read "−0 … 0"."""
    network, s = worked(view)
    assert view.delta_legend.labels() == ("-0.138", "0", "0.138")  # δ_o1 = 0.138498562
    view.show_state(network.params.copy(), out=s["out"], net=s["net"])  # forward pass only
    assert view.delta_legend.title() == "δ (ring): no δ yet"
    assert view.delta_legend.labels() == ("", "", "")
    view.set_edge_mode("gradients")
    assert "none yet" in view.edge_legend.title() and view.edge_legend.labels() == ("", "", "")


@pytest.mark.parametrize("value, text", [
    (0.593269992, "0.5933"), (-0.0380982, "-0.0381"), (0.000821670, "8.22e-4"),
    (-3.5e154, "-4e154"), (12345.0, "1.234e4"), (float("inf"), "∞"), (float("-inf"), "−∞"),
    (float("nan"), "nan"), (-0.0, "0")])
def test_numbers_on_the_graph_fit_their_room(value, text):
    """Defect 18: after a divergence an output of −3.5e+154 overflowed its neuron circle."""
    from mlpviz.gui.graph.style import FMT_CHARS, fmt

    assert fmt(value) == text and len(fmt(value)) <= FMT_CHARS


def test_a_diverged_output_stays_inside_its_circle(view):
    """Defect 18: the output value overflowed its neuron after a divergence (linear output)."""
    view.set_structure((2, 2, 1), ["i1", "i2"], ["y"], "sigmoid", "linear")
    params = np.full(9, 1e153)
    view.show_state(params, out=[np.array([0.5, 0.5]), np.array([1.0, 1.0]),
                                 np.array([-3.4567e154])])
    text = view._neuron_texts[(2, 0)]
    assert text.toPlainText() == "-3e154"
    if text.isVisible():
        width = text.textItem.boundingRect().width()
        assert width <= view._layer_px[2] - 4


def test_the_tooltip_comes_with_the_viewports_tooltip_event(qtbot, view):
    """On a real X screen a tooltip shown straight from a mouse move never appeared: the
    graph answers the viewport's own ToolTip event (the mouse at rest), as other widgets do."""
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    worked(view)
    QToolTip.hideText()
    pos = view.graph.mapFromScene(view.scene_position(1, 0))
    viewport = view.graph.viewport()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    assert QApplication.sendEvent(viewport, event)  # taken by the graph
    qtbot.waitUntil(lambda: "neuron h1 (hidden layer 1)" in QToolTip.text())
    assert "net<sub>h1</sub> = 0.3775" in QToolTip.text()


def test_a_diverged_value_in_a_tooltip_is_short(view):
    network, s = worked(view)
    params = network.params.copy()
    params[6] = -3.4567e154  # w5 after a divergence
    view.show_state(params, **s)
    assert view.tooltip_lines(Selection("weight", 2, 0, 0))[1] == "w5 = -3.4567e+154"
    params[6] = float("nan")
    view.show_state(params, **s)
    assert view.tooltip_lines(Selection("weight", 2, 0, 0))[1] == "w5 = nan"
