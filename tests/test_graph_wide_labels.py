"""Wide inputs keep their names (issue 12): a column name too long to print beside its neuron is
printed shortened, and hovering the neuron or its label shows the name in full; the graph keeps
its room however long the names are."""

import pytest
from PySide6.QtCore import QPoint

from mlpviz.gui.graph.network_view import NetworkView
from mlpviz.gui.graph.style import MAX_LABEL_CHARS, Selection, short_label
from mlpviz.gui.pyside_guard import guard_pyside_refcounts

guard_pyside_refcounts()

LONG = "mean concave points of the cell nuclei (standard error)"


@pytest.fixture
def view(qtbot):
    v = NetworkView()
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_short_labels_stay_as_they_are_long_ones_are_shortened_in_the_middle():
    assert short_label("sepal length") == "sepal length"
    shown = short_label(LONG)
    assert len(shown) == MAX_LABEL_CHARS and "…" in shown
    assert shown.startswith("mean conca") and shown.endswith("rror)")
    assert short_label("a\tb\nc\x00d") == "a b c d"  # control characters cannot be printed


def test_a_long_input_name_is_printed_short_and_hovered_in_full(qtbot, view):
    view.set_structure((2, 3, 1), [LONG, "x"], ["y"])
    texts = view.text_items()
    assert short_label(LONG) in texts and LONG not in texts
    assert LONG in view.tooltip_text(Selection("neuron", 0, 0))
    label = view._input_texts[0]
    assert view.hit(label.sceneBoundingRect().center()) == Selection("neuron", 0, 0)


def test_hovering_the_label_shows_the_full_name(qtbot, view):
    from PySide6.QtWidgets import QToolTip

    view.set_structure((2, 3, 1), [LONG, "x"], ["y"])
    qtbot.wait(50)
    centre = view.graph.mapFromScene(view._input_texts[0].sceneBoundingRect().center())
    qtbot.mouseMove(view.graph.viewport(), QPoint(centre.x(), centre.y()))
    qtbot.waitUntil(lambda: "cell nuclei" in QToolTip.text())


def test_long_names_leave_the_graph_its_room(qtbot, view):
    view.set_structure((2, 3, 1), [short_label(LONG * 3), "x"], ["y"])
    view.fit()
    short_range = view.vb.viewRange()[0]
    view.set_structure((2, 3, 1), [LONG * 3, "x"], ["y"])
    view.fit()
    assert view.vb.viewRange()[0] == pytest.approx(short_range)  # as if it were the short one
