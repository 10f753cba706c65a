"""A heat map with contour lines, a colour bar, a path and its current point: the one plot the
landscape, surface and output views share.

Few items (STYLE.md): one ImageItem for the map, one PlotDataItem of segment pairs for every
contour line, one item each for the path, its start and its current point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

import pyqtgraph as pg

from .contours import contour_segments, levels_between

COLOR_MAP = "viridis"
CONTOUR_LEVELS = 14
PATH_COLOR = "#ff3b30"
CURRENT_COLOR = "#ff3b30"
START_COLOR = "#ffffff"
FONT_PT = 11
MIN_HEIGHT_PER_PT = 8  # px of plot (numbers, labels and map) per point of its numbers' size


def display_values(values, log):
    """What the colours show: the values, or log10 of them (non-finite ones as the highest)."""
    values = np.asarray(values, dtype=float)
    if log:
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.log10(np.maximum(values, 1e-300))
    finite = np.isfinite(values)
    if not finite.any():
        return np.zeros_like(values), (0.0, 1.0)
    low, high = float(values[finite].min()), float(values[finite].max())
    if high <= low:
        high = low + 1e-12
    return np.where(finite, values, high), (low, high)


@dataclass
class Prepared:
    """A grid ready to draw: the colour values, their range and the contour segments."""

    xs: np.ndarray
    ys: np.ndarray
    shown: np.ndarray
    levels: tuple
    segments: tuple


def prepare(xs, ys, values, log=False, contours=True, also=None):
    """Everything show_grid() computes before it draws (numpy only: safe in any thread)."""
    shown, (low, high) = display_values(values, log)
    if also is not None and len(also):
        low, high = min(low, float(np.min(also))), max(high, float(np.max(also)))
    segments = (contour_segments(shown, levels_between(low, high, CONTOUR_LEVELS), xs, ys)
                if contours else (np.empty(0), np.empty(0)))
    return Prepared(np.asarray(xs), np.asarray(ys), shown, (low, high), segments)


class HeatPlot(pg.PlotWidget):
    def __init__(self, bar_label="", parent=None):
        # No menu (set below): built, the view box's menu cost ~12 ms a plot at startup.
        super().__init__(parent, background="w", enableMenu=False)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.showGrid(False, False)
        font = QFont()
        font.setPointSize(FONT_PT)
        for name in ("left", "bottom"):
            item.getAxis(name).setTickFont(font)
            item.getAxis(name).setTextPen("k")
            item.getAxis(name).setPen("k")
            item.getAxis(name).enableAutoSIPrefix(False)  # plain numbers, no "(x0.001)"
        self.image = pg.ImageItem()
        self.addItem(self.image)
        self.contours = pg.PlotDataItem(connect="pairs", pen=pg.mkPen((255, 255, 255, 120), width=1))
        self.addItem(self.contours)
        self.path = pg.PlotDataItem(pen=pg.mkPen(PATH_COLOR, width=2.5), symbol="o",
                                    symbolSize=6, symbolBrush=PATH_COLOR, symbolPen=None)
        self.addItem(self.path)
        self.start = pg.ScatterPlotItem(size=11, symbol="s", brush=START_COLOR,
                                        pen=pg.mkPen("k", width=1.5))
        self.addItem(self.start)
        self.current = pg.ScatterPlotItem(size=16, symbol="o", brush=CURRENT_COLOR,
                                          pen=pg.mkPen("w", width=2.5))
        self.addItem(self.current)
        self.bar = pg.ColorBarItem(colorMap=COLOR_MAP, interactive=False, width=18,
                                   colorMapMenu=False)
        self.bar.setImageItem(self.image, insert_in=item)
        self.bar.getAxis("right").setTickFont(font)
        self.bar.getAxis("right").setTextPen("k")
        self.bar.getAxis("right").setLabel(bar_label, **{"font-size": f"{FONT_PT}pt",
                                                         "color": "#000"})
        self.bar.axis.enableAutoSIPrefix(False)
        # Its width from its numbers and its label (ColorBarItem fixes 45 px, too narrow; a
        # fixed 78 put the label far from short numbers: defect 18, misplaced on Surfaces).
        self.bar.axis.setWidth(None)
        self.levels = (0.0, 1.0)
        self.font_pt = FONT_PT
        self._look = (False, 1.0)  # presentation mode, font zoom
        self.setMinimumHeight(MIN_HEIGHT_PER_PT * FONT_PT)
        self._label_texts = {"bottom": [""], "left": [""], "right": [bar_label]}
        self._labels_set = {}
        item.vb.sigResized.connect(self._fit_labels)
        self._set_margins()

    def set_labels(self, x=None, y=None, bar=None):
        """Axis and colour-bar labels (None keeps the one there). Each may be a string or a
        tuple of ever shorter versions: a vertical label takes the first that fits the plot's
        height (defect 18: "2nd principal direction" was clipped on a 1024×768 screen), else
        the last, elided."""
        for side, text in (("bottom", x), ("left", y), ("right", bar)):
            if text is not None:
                self._label_texts[side] = [text] if isinstance(text, str) else list(text)
        self._fit_labels()

    def axis_label(self, side):
        """The label shown on "bottom", "left" or "right" (the colour bar)."""
        return self._labels_set.get(side, ("",))[0]

    def _fit_labels(self, *_):
        item = self.getPlotItem()
        room = max(item.vb.height(), 20.0)
        for side in ("bottom", "left", "right"):
            pt = round(self.font_pt + (0 if side == "right" else 1), 1)
            texts = self._label_texts[side]
            text = texts[0]
            if side != "bottom":
                metrics = QFontMetricsF(_font(pt))
                fitting = [t for t in texts if metrics.horizontalAdvance(t) <= room - 4]
                text = fitting[0] if fitting else metrics.elidedText(
                    texts[-1], Qt.TextElideMode.ElideRight, room - 4)
            if self._labels_set.get(side) != (text, pt):
                self._labels_set[side] = (text, pt)
                axis = self.bar.getAxis("right") if side == "right" else item.getAxis(side)
                axis.setLabel(text, **{"font-size": f"{pt}pt", "color": "#000"})

    def _set_margins(self):
        """Room above the plot for half a number: the colour bar's top number was clipped
        (defect 18, Trajectory plane)."""
        half = QFontMetricsF(_font(self.font_pt)).height() / 2
        self.getPlotItem().layout.setContentsMargins(2, half + 2, 2, 2)

    def set_presentation(self, on):
        """Larger numbers and labels for a projector."""
        self.set_look(on, self._look[1])

    def set_look(self, presentation, zoom=1.0):
        """Numbers, labels and legend for presentation mode and the font zoom (`zoom` times)."""
        self._look = (bool(presentation), float(zoom))
        self.font_pt = (FONT_PT + (6 if presentation else 0)) * float(zoom)
        font = _font(self.font_pt)
        for axis in (self.getPlotItem().getAxis("left"), self.getPlotItem().getAxis("bottom"),
                     self.bar.getAxis("right")):
            axis.setTickFont(font)
        legend = self.getPlotItem().legend
        if legend is not None:
            restyle_legend(legend, self.font_pt)
        # Never squeezed to nothing under its controls (presentation mode, zoomed, hid the
        # map): where the dock is lower, its scroll area scrolls.
        self.setMinimumHeight(int(MIN_HEIGHT_PER_PT * self.font_pt))
        self._set_margins()
        self._fit_labels()

    def show_grid(self, xs, ys, values, log=False, contours=True, also=None):
        """values[r, c] at (xs[c], ys[r]) as colours and contour lines (log10 scale if log).

        The colour scale spans the values and `also` (e.g. targets drawn on top), if given.
        """
        self.show_prepared(prepare(xs, ys, values, log, contours, also))

    def show_prepared(self, prepared):
        """Draw what prepare() computed (possibly in another thread)."""
        xs, ys = prepared.xs, prepared.ys
        low, high = self.levels = prepared.levels
        self.image.setImage(prepared.shown.T, levels=(low, high), autoLevels=False)
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx,
                                  ys[-1] - ys[0] + dy))
        self.bar.setLevels((low, high))
        self.contours.setData(*prepared.segments)

    def show_path(self, x, y):
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self.path.setData(x, y)
        self.start.setData(x[:1], y[:1])
        self.current.setData(x[-1:], y[-1:])

    def clear_path(self):
        for item in (self.path, self.start, self.current):
            item.setData([], [])

    def blank(self):
        """Nothing drawn (a new experiment)."""
        self.image.clear()
        self.contours.setData([], [])
        self.clear_path()


def _font(pt):
    font = QFont()
    font.setPointSizeF(pt)
    return font


def restyle_legend(legend, pt):
    """A legend's text at `pt` points: entries added later (setLabelTextSize) and those there."""
    size = f"{pt:.3g}pt"
    legend.setLabelTextSize(size)
    for _, label in legend.items:
        label.setText(label.text, size=size)
