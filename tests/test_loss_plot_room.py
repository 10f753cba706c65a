"""Issue 11, left over: on a 1280×720 screen (and in presentation mode) the loss plot's curves
were 40–50 px high, the legend strip took ~20 px of that, and the loss ticks printed over one
another. Now the plot keeps a least height for its curves, which the window's layout honours,
the check boxes are its legend on screen, and the loss axis labels no more ticks than fit."""

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from conftest import open_window
from mlpviz.gui import screen_fit
from mlpviz.gui.panels.loss_plot import MIN_CURVES_PX
from mlpviz.gui.panels.loss_series import LossAxis

FRAME = screen_fit.FRAME


def curves_height(plot):
    return plot.plot_widget.getPlotItem().getViewBox().sceneBoundingRect().height()


@pytest.mark.parametrize("width, height", [(1024, 768), (1280, 720)])
def test_the_loss_plot_keeps_room_for_its_curves_on_a_small_screen(qtbot, tmp_path, width, height):
    window = open_window(qtbot, tmp_path)
    window.setWindowState(Qt.WindowNoState)
    window.resize(width - FRAME[0], height - FRAME[1])
    screen_fit.arrange_for_screen(window, QRect(0, 0, width, height))
    plot = window.loss_plot
    qtbot.waitUntil(lambda: window.height() <= height - FRAME[1] and plot.isVisible())
    qtbot.wait(100)
    assert curves_height(plot) >= MIN_CURVES_PX - 1
    assert not plot.legend.isVisible()  # the check boxes are the legend
    minimum = window.minimumSizeHint()  # and the window still fits the screen
    assert minimum.height() + FRAME[1] <= height and minimum.width() + FRAME[0] <= width
    edges = [t.isVisible() for t in window.graph._edge_texts.values()]
    assert all(edges), "the graph keeps its numbers"


@pytest.mark.parametrize("presentation, zoom", [(False, 1.0), (True, 1.0), (True, 1.15 ** 2)])
def test_squeezed_to_its_least_height_the_curves_keep_their_room(qtbot, presentation, zoom):
    """As small as a layout may make it (presentation mode on a 1920×1080 screen squeezed the
    curves to ~50 px under 16 pt ticks, an 18 pt axis label and a legend strip)."""
    from mlpviz.gui.panels.loss_plot import LossPlot

    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.set_presentation(presentation)
    plot.set_zoom(zoom)
    plot.resize(1400, 10)
    plot.show()
    qtbot.waitExposed(plot)
    qtbot.wait(50)
    plot.resize(1400, 10)  # again: its least height is measured once it is laid out
    qtbot.waitUntil(lambda: plot.height() == plot.minimumSizeHint().height())  # squeezed
    qtbot.wait(50)
    pt = (16 if presentation else 11) * zoom
    assert curves_height(plot) >= MIN_CURVES_PX * pt / 11 - 1


@pytest.mark.parametrize("pt", [11, 16])
@pytest.mark.parametrize("low, high", [(0, 1), (0.02, 0.95), (0.28, 0.3), (-8, -0.5), (0, 250)])
@pytest.mark.parametrize("pixels", [40, 60, 85, 120, 300])
def test_loss_labels_never_crowd(qtbot, pt, low, high, pixels):
    axis = LossAxis(orientation="left")
    font = QFont()
    font.setPointSizeF(pt)
    axis.setTickFont(font)
    line = QFontMetricsF(font).height()
    levels = axis.tickValues(low, high, pixels)
    labelled = sorted(v for _, values in levels[:1] for v in values)
    assert len(labelled) >= 2 or pixels < 2 * line, labelled
    gaps = [(b - a) / (high - low) * pixels for a, b in zip(labelled, labelled[1:])]
    if len(levels) == 1 and len(labelled) > 2:  # thinned: each label clear of the next
        assert min(gaps) >= LossAxis.LABEL_GAP * line - 0.5, (labelled, gaps)
    if pixels <= 85:  # short: the major ticks alone, no minor labels between them
        assert len(levels) == 1
