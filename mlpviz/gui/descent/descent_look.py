"""How large the gradient-descent views write: presentation mode and the font zoom (Ctrl+=,
gui/zoom.py) for their plots' numbers, labels and legends, and their controls and captions
(issue 11: they did not follow the zoom)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

import pyqtgraph as pg

from .heat_plot import FONT_PT, HeatPlot, restyle_legend


class DescentLook:
    def __init__(self, views):
        self.views = views
        self.presentation, self.text_pt, self.zoom = False, None, 1.0

    def set(self, presentation=False, text_pt=None, zoom=1.0):
        self.presentation, self.text_pt, self.zoom = bool(presentation), text_pt, float(zoom)
        for plot in self.views.findChildren(HeatPlot):
            plot.set_look(self.presentation, self.zoom)
        self._plain_plot(self.views.output.curve_plot, self.plot_pt())
        self.views.output.label_pt = self.plot_pt() + 1
        self.views.setStyleSheet(self.style_sheet())

    def plot_pt(self):
        """The size of a plot's numbers (HeatPlot's rule)."""
        return (FONT_PT + (6 if self.presentation else 0)) * self.zoom

    def text_size(self):
        """The controls' and captions' text size, or None: as the window's (not zoomed)."""
        if self.zoom == 1.0:
            return None
        base = self.text_pt if self.presentation and self.text_pt else None
        if base is None:
            font = QApplication.font()
            base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        return base * self.zoom

    def style_sheet(self):
        """A sheet of the views' own: it wins over the window's (presentation mode's) sheet."""
        pt = self.text_size()
        return "" if pt is None else f"QWidget {{ font-size: {pt:.3g}pt; }}"

    @staticmethod
    def _plain_plot(plot, pt):
        """A plain pyqtgraph plot (the output view's curve): its numbers, labels and legend."""
        font = QFont()
        font.setPointSizeF(pt)
        item = plot.getPlotItem()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setTickFont(font)
            if axis.labelText:
                axis.setLabel(axis.labelText, **{"font-size": f"{pt + 1:.3g}pt"})
        if isinstance(item.legend, pg.LegendItem):
            restyle_legend(item.legend, pt)
