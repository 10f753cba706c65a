"""Issue 11, left over: the font zoom (Ctrl+= / Ctrl+− / Ctrl+0, gui/zoom.py) left the
gradient-descent views as they were. Now their plots' numbers and labels, and their controls and
captions, follow it, in presentation mode too, also when the views are built after the zoom."""

import pytest

from conftest import open_window
from mlpviz.gui.descent.heat_plot import FONT_PT, HeatPlot
from mlpviz.gui.presentation import text_pt_for
from mlpviz.gui.screen_fit import available
from mlpviz.gui.zoom import factor_of


def tick_pt(plot):
    return plot.getPlotItem().getAxis("bottom").style["tickFont"].pointSizeF()


def text_pt(widget):
    widget.ensurePolished()
    return widget.font().pointSizeF()


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def test_the_descent_views_follow_the_zoom(qtbot, window):
    views = window.descent
    caption = views.slice.caption
    plain = text_pt(caption)
    window.zoom.set_level(2)
    factor = factor_of(2)
    plots = views.findChildren(HeatPlot)
    assert len(plots) == 5
    assert all(tick_pt(p) == pytest.approx(FONT_PT * factor) for p in plots)
    assert text_pt(caption) == pytest.approx(plain * factor, abs=0.1)
    assert text_pt(views.surfaces.buttons["Step"]) == pytest.approx(plain * factor, abs=0.1)
    curve_axis = views.output.curve_plot.getPlotItem().getAxis("left")
    assert curve_axis.style["tickFont"].pointSizeF() == pytest.approx(FONT_PT * factor)
    window.zoom.set_level(0)  # Ctrl+0: as it was
    assert all(tick_pt(p) == pytest.approx(FONT_PT) for p in plots)
    assert text_pt(caption) == pytest.approx(plain, abs=0.1)


def test_zoomed_in_presentation_mode(qtbot, window):
    views = window.descent
    window.presentation.set(True)
    window.zoom.set_level(1)
    factor = factor_of(1)
    base = text_pt_for(available(window).height())
    assert all(tick_pt(p) == pytest.approx((FONT_PT + 6) * factor)
               for p in views.findChildren(HeatPlot))
    assert text_pt(views.plane.caption) == pytest.approx(base * factor, abs=0.1)
    # zoomed under large controls a map was squeezed to nothing: each keeps a least height
    # (its dock's scroll area scrolls where the dock is lower)
    assert all(p.minimumHeight() >= 8 * (FONT_PT + 6) * factor - 1
               for p in views.findChildren(HeatPlot))
    window.presentation.set(False)
    assert all(tick_pt(p) == pytest.approx(FONT_PT * factor) for p in views.findChildren(HeatPlot))


def test_a_zoom_before_the_views_are_built_applies_to_them(qtbot, tmp_path):
    from test_descent_build import fresh_window

    w = fresh_window(qtbot, tmp_path)
    w.zoom.set_level(3)  # remembered from the last session, or Ctrl+= early
    assert not w.descent_dock.built()
    views = w.descent
    assert all(tick_pt(p) == pytest.approx(FONT_PT * factor_of(3))
               for p in views.findChildren(HeatPlot))
