"""Defect 18 (issue 11): the colour bar's label stood far from its numbers on the Surfaces view
(a fixed 78 px axis), and on a 1024×768 screen the Trajectory plane clipped the bar's top number
and its vertical axis label. Measured in scene pixels on the plot as a short dock shows it."""

import numpy as np
import pytest
from PySide6.QtGui import QFontMetricsF

from mlpviz.gui.descent.heat_plot import HeatPlot
from mlpviz.gui.descent.plane_view import PlaneView


def shown(qtbot, plot, width, height, scale):
    qtbot.addWidget(plot)
    plot.resize(width, height)
    plot.show()
    qtbot.waitExposed(plot)
    xs, ys = np.linspace(-0.5, 0.5, 20), np.linspace(-0.4, 0.4, 20)
    plot.show_grid(xs, ys, scale * np.random.default_rng(0).random((20, 20)))
    qtbot.wait(50)
    return plot


@pytest.mark.parametrize("width, height, big", [(500, 140, False), (900, 300, False),
                                                (600, 300, True)])
def test_the_bar_label_sits_beside_its_numbers(qtbot, width, height, big):
    plot = HeatPlot("f(x, y)")
    plot.set_presentation(big)
    shown(qtbot, plot, width, height, 50.0)  # numbers of two digits: "40"
    axis = plot.bar.getAxis("right")
    metrics = QFontMetricsF(axis.style["tickFont"])
    numbers = metrics.horizontalAdvance("40")
    label = axis.label.mapRectToScene(axis.label.boundingRect())
    bar = plot.bar.vb.sceneBoundingRect() if hasattr(plot.bar, "vb") else plot.bar.sceneBoundingRect()
    # bar, tick marks (5 px), offset, the numbers, then the label: no wide gap before it
    assert label.left() - bar.right() <= numbers + 30, (label, bar)
    assert label.right() <= plot.width() + 5  # inside the plot (its box has a 4 px margin)


def test_vertical_labels_fit_a_short_plot(qtbot):
    view = PlaneView()
    qtbot.addWidget(view)
    view.resize(900, 150)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    plot = view.plot
    room = plot.getPlotItem().vb.height()
    left = plot.getPlotItem().getAxis("left")
    text = plot.axis_label("left")
    assert QFontMetricsF(left.label.font()).horizontalAdvance(text) <= room
    assert text != "2nd principal direction"  # a shorter version, not a clipped one
    view.resize(900, 500)
    qtbot.waitUntil(lambda: plot.axis_label("left") == "2nd principal direction")


def test_the_bars_top_number_has_room(qtbot):
    plot = shown(qtbot, HeatPlot("log₁₀ loss"), 900, 140, 1.0)
    axis = plot.bar.getAxis("right")
    half = QFontMetricsF(axis.style["tickFont"]).height() / 2
    top = plot.bar.sceneBoundingRect().top()
    assert top >= half  # the number at the top end is drawn whole, not cut by the widget's edge
