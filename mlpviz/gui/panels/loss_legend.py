"""The loss plot's legend. On screen it is the row of check boxes above the plot: each shows
its curve's line beside its name, so the legend takes no height from the curves (issue 11: on a
1280×720 screen the plot was 40 px high and a legend strip took 20 px of it). A figure of the
plot (File ▸ Export, `LossPlot.figure_widget`) carries the legend as a strip above the curves,
outside them (defect 19: in the corner it covered a third of the plot), its entries side by side
in as many columns as the plot's width holds; the strip is a row of the plot's own layout."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QIcon, QPainter, QPixmap

from .loss_penalty import COLOUR as PENALTY_COLOUR

TITLE_ROW = 0  # the PlotItem's layout row of the (unused) title
SAMPLE_PX = 20  # the width of an entry's line sample


class StripLegend(pg.LegendItem):
    def __init__(self, plot, text_colour):
        super().__init__(labelTextSize="9pt", labelTextColor=text_colour, horSpacing=12,
                         verSpacing=-6, pen=None, brush=None)
        self.layout.setContentsMargins(0, 0, 0, 0)  # Qt's default 9 px would double its height
        self._plot = plot
        self._arranging = False
        self.in_figure = False  # shown only while a figure is made
        self.setParentItem(plot)
        self.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-6, 1))
        plot.vb.sigResized.connect(self.reserve_row)
        self.hide()

    def updateSize(self):
        """Its size from its entries' preferred sizes (pyqtgraph's sums their laid-out sizes,
        which the layout had stretched to the size before)."""
        if not self._arranging:
            self.reserve_row()

    def entry_widths(self):
        return [SAMPLE_PX + label.preferredWidth() + 2 * self.layout.horizontalSpacing()
                for _, label in self.items]

    def columns_that_fit(self, width):
        """The most columns whose widest entries, side by side, fit `width` pixels."""
        widths = self.entry_widths()
        for n in range(len(widths), 1, -1):
            columns = [max(widths[k::n]) for k in range(n)]
            if sum(columns) <= width:
                return n
        return 1

    def for_figure(self):
        """Show the strip above the curves until control returns to the event loop (a figure
        is made at once, synchronously: pyqtgraph's exporters, or a grab)."""
        if not self.in_figure:
            self.in_figure = True
            self.reserve_row()
            self._plot.layout.activate()  # the curves make room now, not at the next event
            QTimer.singleShot(0, self._after_figure)

    def _after_figure(self):
        self.in_figure = False
        self.reserve_row()

    def reserve_row(self, *_):
        """Columns for the plot's width, and the title row's height for the legend's rows (no
        height at all on screen)."""
        if self._arranging:
            return
        self._arranging = True
        try:
            room = max(self._plot.vb.width(), 100.0)
            n = self.columns_that_fit(room) if self.items else 1
            if n != self.columnCount:
                self.setColumnCount(n)
            rows = -(-len(self.items) // n) if self.items else 1
            line = max((label.preferredHeight() for _, label in self.items), default=0.0)
            line = line or 2.4 * float(self.opts["labelTextSize"].rstrip("pt"))
            height = rows * line + (rows - 1) * self.layout.verticalSpacing()
            widths = self.entry_widths()
            width = sum(max(widths[k::n]) for k in range(n)) if widths else 0.0
            shown = self.in_figure and bool(self.items)
            self.setGeometry(0, 0, width, height if self.items else 0)
            self.setVisible(shown)
            self._plot.layout.setRowFixedHeight(TITLE_ROW, height + 2 if shown else 0)
        finally:
            self._arranging = False


def strip_legend(plot, text_colour):
    return StripLegend(plot, text_colour)


def sample_icon(colour, width, height, dashed=False, marker=False):
    """An icon of a curve's line (and marker) as the plot draws it, `height` px high, for the
    check box that shows and hides it."""
    pixmap = QPixmap(2 * height, height)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(pg.mkPen(colour, width=max(2.0, width),
                            style=Qt.DashLine if dashed else Qt.SolidLine))
    middle = height / 2
    painter.drawLine(QPointF(1, middle), QPointF(2 * height - 1, middle))
    if marker:
        painter.setBrush(pg.mkBrush("w"))
        painter.drawEllipse(QPointF(height, middle), height / 4, height / 4)
    painter.end()
    return QIcon(pixmap)


def style_checks(checks, font, widen, colours):
    """Each check box's line sample (on screen the check boxes are the legend), as high as
    their text, the lines as wide as the plot draws them (`widen`: presentation mode)."""
    height = round(QFontMetricsF(font).height())
    samples = {"per step": (colours["step"], widen, False, False),
               "epoch mean": (colours["epoch"], 2 * widen, False, False),
               "test": (colours["test"], 2 * widen, False, True),
               "penalty": (PENALTY_COLOUR, 2 * widen, True, False)}
    for label, (colour, width, dashed, marker) in samples.items():
        checks[label].setIcon(sample_icon(colour, width, height, dashed, marker))
        checks[label].setIconSize(QSize(2 * height, height))
