"""The loss plot's legend: a strip above the plot, outside the curves (issue 11, defect 19: a
legend in the corner covered a large part of the plot at 1024×768, where the plot is ~80 px
high). Its entries sit side by side, in as many columns as the plot's width holds; the strip
is a row of the plot's own layout, so the curves get the rest of the height."""

from __future__ import annotations

import pyqtgraph as pg

TITLE_ROW = 0  # the PlotItem's layout row of the (unused) title
SAMPLE_PX = 20  # the width of an entry's line sample


class StripLegend(pg.LegendItem):
    def __init__(self, plot, text_colour):
        super().__init__(labelTextSize="9pt", labelTextColor=text_colour, horSpacing=12,
                         verSpacing=-6, pen=None, brush=None)
        self.layout.setContentsMargins(0, 0, 0, 0)  # Qt's default 9 px would double its height
        self._plot = plot
        self._arranging = False
        self.setParentItem(plot)
        self.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-6, 1))
        plot.vb.sigResized.connect(self.reserve_row)

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

    def reserve_row(self, *_):
        """Columns for the plot's width, and the title row's height for the legend's rows."""
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
            self.setGeometry(0, 0, width, height if self.items else 0)
            self._plot.layout.setRowFixedHeight(TITLE_ROW, height + 2)
        finally:
            self._arranging = False


def strip_legend(plot, text_colour):
    return StripLegend(plot, text_colour)
