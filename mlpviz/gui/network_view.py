"""The network graph: neurons coloured by `out`, rings by δ, edges by weight or gradient.

Layer l is drawn at x = l, its neurons spread vertically and centred; y grows downwards so
neuron 0 is on top. Every bias is drawn as an edge from a "+1" node at the bottom of the
previous column (the tutorials' picture: the bias is the weight of a constant input 1).
Edges are numbered like `Network.params`: edge k draws params[k], so drawing them needs no
index arithmetic and the gradient view draws grad[k] on the same edge.

Drawing costs (STYLE.md): all edges are one graphics item that keeps one QPainterPath per
colour bucket; neurons are one ScatterPlotItem with pens and brushes from pre-built lookup
tables; text items exist only for small networks, are created once, and are updated with
setText only when their text changes. Above MAX_EDGES edges only the strongest are drawn.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (QGraphicsView, QApplication, QGraphicsPathItem, QGraphicsRectItem, QHBoxLayout,
                               QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget)

from ..core.network import parameter_layout
from . import colors

MAX_EDGES = 5000  # above this, only the strongest edges are drawn
ANTIALIAS_EDGES = 600  # smooth lines only where few enough to afford them
MAX_LABELLED_WEIGHTS = 40  # numbers on edges up to this many weights ...
MAX_LABELLED_NEURONS = 12  # ... and numbers on neurons of layers up to this size
DELTA_GAMMA = 0.5  # δ rings on a square-root scale: hidden δ are often 10× smaller than output δ

SELECT_COLOR = QColor(20, 20, 20)
EMPHASIS_COLOR = QColor(255, 176, 0, 210)  # amber halo of highlighted neurons
BAND_COLOR = QColor(255, 240, 196)  # behind the edges into a highlighted layer
OUTLINE_COLOR = QColor(90, 90, 90)
NO_DATA_COLOR = QColor(250, 250, 250)
BIAS_NODE_COLOR = QColor(225, 225, 225)


@dataclass(frozen=True)
class Selection:
    """What was clicked: a neuron (layer, node), a weight w[layer][node][source] or a bias b[layer][node]."""

    kind: str  # "neuron", "weight" or "bias"
    layer: int
    node: int
    source: int | None = None


@dataclass
class _Style:
    """Sizes that presentation mode enlarges."""

    font_pt: float
    small_font_pt: float
    neuron_px: int  # largest neuron diameter
    ring_px: float  # largest δ ring width
    edge_px: float  # widest edge of a small network


NORMAL = _Style(font_pt=11, small_font_pt=11, neuron_px=74, ring_px=6, edge_px=5)
PRESENTATION = _Style(font_pt=16, small_font_pt=15, neuron_px=104, ring_px=8, edge_px=7)


def fmt(value):
    """A number as the graph prints it: 4 significant digits."""
    return "–" if value is None or not np.isfinite(value) else f"{value:.4g}"


def fmt3(value):
    """A number as the legends print it: 3 significant digits."""
    return f"{value:.3g}"


def _centred():
    from PySide6.QtGui import QTextOption

    return QTextOption(Qt.AlignmentFlag.AlignHCenter)


# -- layout (pure) ----------------------------------------------------------------------------


def column_positions(sizes):
    """y of every neuron per layer and of the bias node of layer l (in column l-1), in [0, 1].

    Big columns fill the height; small ones keep the spacing of an 8-high column, centred.
    """
    L = len(sizes) - 1
    counts = [sizes[l] + (1 if l < L else 0) for l in range(L + 1)]  # + the next layer's bias node
    cap = 1.0 / (min(max(counts), 8) - 1) if max(counts) > 1 else 1.0
    columns = []
    for m in counts:
        spacing = min(1.0 / (m - 1), cap) if m > 1 else 0.0
        columns.append(0.5 + (np.arange(m) - (m - 1) / 2) * spacing)
    neuron_y = [columns[l][: sizes[l]] for l in range(L + 1)]
    bias_y = [None] + [columns[l - 1][sizes[l - 1]] for l in range(1, L + 1)]
    spacing = [c[1] - c[0] if len(c) > 1 else 1.0 for c in columns]
    return neuron_y, bias_y, spacing


def label_fractions(y_from, y_to):
    """Where along each edge (0 = source, 1 = destination) its number goes, per edge (i, j).

    All numbers of one layer gap sit in one or two vertical columns; this picks the
    positions that keep the numbers in each column furthest apart. Returns t[i, j] and the
    smallest vertical gap between two numbers of the same column (data units).
    """
    y_from, y_to = np.asarray(y_from, float), np.asarray(y_to, float)
    i, j = np.meshgrid(np.arange(len(y_from)), np.arange(len(y_to)), indexing="ij")
    candidates = [np.full(i.shape, t) for t in np.arange(0.3, 0.71, 0.05)]
    for a in (0.27, 0.31, 0.35):
        for b in (0.65, 0.69, 0.73):
            candidates += [np.where(j % 2 == 0, a, b), np.where(j % 2 == 0, b, a),
                           np.where(i % 2 == 0, a, b)]

    def min_gap(t):
        y = (1 - t) * y_from[i] + t * y_to[j]
        gaps = [np.diff(np.sort(y[t == c])) for c in np.unique(t)]
        gaps = np.concatenate(gaps) if gaps else np.array([])
        return gaps.min() if gaps.size else np.inf

    scores = [min_gap(t) for t in candidates]
    best = int(np.argmax(scores))
    return candidates[best], scores[best]


# -- graphics items ---------------------------------------------------------------------------


class EdgeBuckets(pg.GraphicsObject):
    """Every drawn edge, as one path per colour bucket, painted from weak to strong."""

    def __init__(self):
        super().__init__()
        self._ends = np.zeros((0, 4))  # x0, y0, x1, y1 per edge
        self._rect = QRectF()
        self._layers = []  # [(pen, path)] in painting order
        self._key = None
        self.antialias = True

    def set_geometry(self, ends):
        self.prepareGeometryChange()
        self._ends = np.asarray(ends, dtype=float)
        if len(self._ends):
            x = self._ends[:, [0, 2]]
            y = self._ends[:, [1, 3]]
            self._rect = QRectF(x.min(), y.min(), x.max() - x.min(), y.max() - y.min())
        else:
            self._rect = QRectF()
        self._layers, self._key = [], None
        self.update()

    def set_buckets(self, drawn, buckets, pens, order):
        """Draw edges `drawn` (indices) with pens[buckets]; skip the work if nothing changed."""
        if self._key is not None and np.array_equal(self._key[0], drawn) and np.array_equal(
                self._key[1], buckets) and self._key[2] is pens:
            return False
        self._key = (drawn, buckets, pens)
        by_bucket = np.argsort(buckets, kind="stable")
        bounds = np.searchsorted(buckets[by_bucket], np.arange(len(pens) + 1))
        layers = []
        for k in order:
            members = drawn[by_bucket[bounds[k] : bounds[k + 1]]]
            if len(members):
                layers.append((pens[k], self._path(members)))
        self._layers = layers
        self.update()
        return True

    def _path(self, members):
        e = self._ends[members]
        x = np.empty(2 * len(e))
        y = np.empty(2 * len(e))
        x[0::2], x[1::2] = e[:, 0], e[:, 2]
        y[0::2], y[1::2] = e[:, 1], e[:, 3]
        return pg.arrayToQPath(x, y, connect="pairs", finiteCheck=False)

    def boundingRect(self):
        return self._rect

    def paint(self, painter, *args):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.antialias)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in self._layers:
            painter.setPen(pen)
            painter.drawPath(path)


class ColorBar(QWidget):
    """A legend: a title, the colour buckets as a bar, and numbers under its ends and middle."""

    def __init__(self, title, palette, parent=None):
        super().__init__(parent)
        self._title = title
        self._colors = list(palette)
        self._labels = ("", "", "")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_title(self, title):
        if title != self._title:
            self._title = title
            self.update()

    def set_labels(self, low, middle, high):
        if (low, middle, high) != self._labels:
            self._labels = (low, middle, high)
            self.update()

    def title(self):
        return self._title

    def labels(self):
        return self._labels

    def sizeHint(self):
        fm = QFontMetricsF(self.font())
        width = max(fm.horizontalAdvance(self._title), 2 * fm.horizontalAdvance("-0.000e-00") + 12)
        return QSize(int(width) + 8, int(2 * fm.height() + fm.height() * 0.9 + 10))

    def minimumSizeHint(self):
        fm = QFontMetricsF(self.font())
        return QSize(int(2 * fm.horizontalAdvance("-0.000") + 24), self.sizeHint().height())

    def paintEvent(self, event):
        p = QPainter(self)
        fm = QFontMetricsF(self.font())
        h = fm.height()
        w = self.width() - 2
        p.setPen(QColor(30, 30, 30))
        title = fm.elidedText(self._title, Qt.TextElideMode.ElideRight, w)
        p.drawText(QRectF(1, 0, w, h), Qt.AlignmentFlag.AlignLeft, title)
        bar_top, bar_h = h + 2, h * 0.9
        n = len(self._colors)
        margin = fm.horizontalAdvance("−0.000") / 2
        bar_w = w - 2 * margin
        for k, c in enumerate(self._colors):
            opaque = QColor(c)
            opaque.setAlpha(255)
            x0 = margin + bar_w * k / n
            p.fillRect(QRectF(x0, bar_top, bar_w / n + 0.6, bar_h), opaque)
        p.setPen(QPen(QColor(120, 120, 120), 1))
        p.drawRect(QRectF(margin, bar_top, bar_w, bar_h))
        p.setPen(QColor(30, 30, 30))
        text_top = bar_top + bar_h + 1
        low, middle, high = self._labels
        side = max(fm.horizontalAdvance(low), fm.horizontalAdvance(high))
        if w / 2 - fm.horizontalAdvance(middle) / 2 < side + 6:
            middle = ""  # no room between the ends
        p.drawText(QRectF(0, text_top, w, h), Qt.AlignmentFlag.AlignLeft, low)
        p.drawText(QRectF(0, text_top, w, h), Qt.AlignmentFlag.AlignHCenter, middle)
        p.drawText(QRectF(0, text_top, w, h), Qt.AlignmentFlag.AlignRight, high)


# -- the view ---------------------------------------------------------------------------------


class NetworkView(QWidget):
    """Neurons, edges, numbers and legends of one network; click selects, hover explains."""

    selected = Signal(object)  # a Selection, or None when the selection is cleared

    def __init__(self, parent=None):
        super().__init__(parent)
        self._style = NORMAL
        self._presentation = False
        self.sizes = None
        self._edge_mode = "weights"
        self._selection = None
        self._auto_fit = True
        self._state = dict(params=None, out=None, delta=None, grad=None, net=None)
        self._hover = None
        self._build_widgets()
        self._build_lookups()

    # -- construction ---------------------------------------------------------------------

    def _build_widgets(self):
        self.graph = pg.GraphicsView(background="w")
        self.graph.setAntialiasing(True)
        # One rectangle per frame: the default minimal updates build a region of hundreds of
        # rectangles from the changed neurons and labels, and clipping thousands of edge lines
        # to it cost ~200 ms a frame at 64-32-10 (against ~4 ms for the whole view).
        self.graph.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.vb = pg.ViewBox(enableMenu=True)
        self.vb.invertY(True)
        self.vb.setAspectLocked(False)
        self.graph.setCentralItem(self.vb)
        self.graph.setMouseTracking(True)

        self.edges = EdgeBuckets()
        self.edges.setZValue(0)
        self.selected_edge = QGraphicsPathItem()
        self.selected_edge.setZValue(-1)  # a dark casing under the selected edge's own colour
        self.halo = pg.ScatterPlotItem(pxMode=True, pen=None, brush=QBrush(EMPHASIS_COLOR))
        self.halo.setZValue(2)
        self.outline = pg.ScatterPlotItem(pxMode=True, pen=None, brush=QBrush(OUTLINE_COLOR))
        self.outline.setZValue(3)
        self.neurons = pg.ScatterPlotItem(pxMode=True)
        self.neurons.setZValue(4)
        self.bias_nodes = pg.ScatterPlotItem(pxMode=True, symbol="s", brush=QBrush(BIAS_NODE_COLOR),
                                             pen=pg.mkPen(OUTLINE_COLOR, width=1.5))
        self.bias_nodes.setZValue(4)
        self.selected_neuron = pg.ScatterPlotItem(pxMode=True, brush=None,
                                                  pen=pg.mkPen(SELECT_COLOR, width=4))
        self.selected_neuron.setZValue(5)
        for item in (self.edges, self.selected_edge, self.halo, self.outline, self.neurons,
                     self.bias_nodes, self.selected_neuron):
            self.vb.addItem(item)
        self._texts = []  # every TextItem of the current structure
        self._bands = []

        self.edge_legend = ColorBar("weight w", colors.diverging_colors())
        self.delta_legend = ColorBar("δ (ring, √ scale)", colors.diverging_colors())
        self.fill_legend = ColorBar("out (fill)", colors.sequential_colors())
        self.caption = QLabel("")  # says when not every edge is drawn
        self.caption.setVisible(False)
        legends = QHBoxLayout()
        legends.setContentsMargins(10, 4, 10, 6)
        legends.setSpacing(36)
        for bar in (self.edge_legend, self.delta_legend, self.fill_legend):
            legends.addWidget(bar, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.graph, 1)
        layout.addWidget(self.caption)
        layout.addLayout(legends)
        self.caption.setContentsMargins(10, 2, 10, 0)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("white"))
        palette.setColor(self.foregroundRole(), QColor(20, 20, 20))
        self.setPalette(palette)
        self._apply_fonts()

        self.vb.sigResized.connect(self._on_resized)
        self.vb.sigRangeChanged.connect(self._update_pixel_layout)
        self.vb.sigRangeChangedManually.connect(self._stop_auto_fit)
        self.graph.scene().sigMouseClicked.connect(self._on_click)
        self.graph.scene().sigMouseMoved.connect(self._on_hover)

    def _build_lookups(self):
        """Pens and brushes per colour bucket, built once (the scatter's symbol cache keys on them)."""
        self._fill_colors = colors.sequential_colors()
        self._fill_brushes = np.array([QBrush(c) for c in self._fill_colors] + [QBrush(NO_DATA_COLOR)],
                                      dtype=object)
        self._ring_colors = colors.diverging_colors(min_alpha=255)
        self._ring_pens = {}  # ring width → array of pens per δ bucket (+ one for "no δ")
        self._edge_pens = {}  # (mode, width) → list of pens per bucket
        self._order = colors.weak_to_strong()

    def _ring_lookup(self, width):
        if width not in self._ring_pens:
            pens = []
            for c in self._ring_colors:
                pen = QPen(c, width)
                pen.setCosmetic(True)
                pens.append(pen)
            none = QPen(QColor(200, 200, 200), width)
            none.setCosmetic(True)
            self._ring_pens[width] = np.array(pens + [none], dtype=object)
        return self._ring_pens[width]

    def _edge_lookup(self, wide):
        """1-px pens; a small network (cheap to draw) also gets wider pens for stronger buckets."""
        key = (wide, self._style.edge_px)
        if key not in self._edge_pens:
            centre = colors.N_DIVERGING // 2
            pens = []
            for k, c in enumerate(colors.diverging_colors()):
                width = 1.5 + (self._style.edge_px - 1.5) * abs(k - centre) / centre if wide else 1.0
                pen = QPen(c, width)
                pen.setCosmetic(True)
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                pens.append(pen)
            self._edge_pens[key] = pens
        return self._edge_pens[key]

    # -- structure --------------------------------------------------------------------------

    def set_structure(self, sizes, input_labels=None, output_labels=None, hidden_activation="sigmoid",
                      output_activation=None):
        """Lay out the network `sizes` (inputs first) and create its graphics items once."""
        self.sizes = tuple(int(n) for n in sizes)
        L = len(self.sizes) - 1
        if L < 1:
            raise ValueError("a network needs at least an input and an output layer")
        self.hidden_activation = hidden_activation
        self.output_activation = output_activation or hidden_activation
        self.input_labels = _labels(input_labels, self.sizes[0], "x")
        self.output_labels = _labels(output_labels, self.sizes[-1], "y")
        self._selection = None
        self._hover = None
        self._state = dict(params=None, out=None, delta=None, grad=None, net=None)

        neuron_y, bias_y, self._spacing = column_positions(self.sizes)
        self._neuron_xy = [np.column_stack([np.full(n, float(l)), neuron_y[l]]) for l, n in
                           enumerate(self.sizes)]
        self._layer_start = np.cumsum((0,) + self.sizes)  # neuron index of (l, 0) in the scatter
        self._all_xy = np.vstack(self._neuron_xy)
        self._bias_xy = np.array([[l - 1.0, bias_y[l]] for l in range(1, L + 1)])
        self._build_edges()

        self.neurons.setData(pos=self._all_xy, size=10, symbol="o")
        self.outline.setData(pos=self._all_xy, size=12)
        self.bias_nodes.setData(pos=self._bias_xy, size=10)
        self.halo.setData(pos=np.zeros((0, 2)))
        self.selected_neuron.setData(pos=np.zeros((0, 2)))
        self.selected_edge.setPath(QPainterPath())
        self._neuron_key = None
        self._neuron_sizes = None
        self._layer_px = [10] * (L + 1)
        self._inside = [False] * (L + 1)
        self._ring_width = [2.0] * (L + 1)
        self._highlight = {}

        for item in self._texts + self._bands:
            self.vb.removeItem(item)
        self._build_texts()
        self._bands = []
        for l in range(1, L + 1):
            band = QGraphicsRectItem(QRectF(l - 1.0, -10.0, 1.0, 21.0))
            band.setBrush(QBrush(BAND_COLOR))
            band.setPen(QPen(Qt.PenStyle.NoPen))
            band.setZValue(-10)
            band.setVisible(False)
            self.vb.addItem(band, ignoreBounds=True)
            self._bands.append(band)
        self._update_legends()
        self.fit()
        self.show_state(np.zeros(self._n_params))

    def _build_edges(self):
        """Endpoints and names of every edge, in the order of Network.params."""
        sizes, L = self.sizes, len(self.sizes) - 1
        self._w_off, self._b_off, self._n_params = parameter_layout(sizes)
        ends, layer, node, source = [], [], [], []
        for l in range(1, L + 1):
            n_in, n_out = sizes[l - 1], sizes[l]
            to = self._neuron_xy[l]
            frm = self._neuron_xy[l - 1]
            jj, ii = np.meshgrid(np.arange(n_out), np.arange(n_in), indexing="ij")  # row j, column i
            ends.append(np.column_stack([frm[ii.ravel()], to[jj.ravel()]]))
            layer.append(np.full(n_in * n_out, l))
            node.append(jj.ravel())
            source.append(ii.ravel())
            ends.append(np.column_stack([np.repeat(self._bias_xy[l - 1][None], n_out, 0), to]))
            layer.append(np.full(n_out, l))
            node.append(np.arange(n_out))
            source.append(np.full(n_out, -1))  # -1: the bias
        self._edge_ends = np.vstack(ends)
        self._edge_layer = np.concatenate(layer)
        self._edge_node = np.concatenate(node)
        self._edge_source = np.concatenate(source)
        self.edges.set_geometry(self._edge_ends)
        self._drawn = np.arange(self._n_params)
        self._wide_edges = self._n_params <= 200
        self.edges.antialias = self._n_params <= ANTIALIAS_EDGES  # antialiasing ~5x the cost

    def _small(self):
        """Numbers on edges only for networks small enough to read them."""
        n_weights = sum(a * b for a, b in zip(self.sizes, self.sizes[1:]))
        return n_weights <= MAX_LABELLED_WEIGHTS and max(self.sizes) <= MAX_LABELLED_NEURONS

    def _text(self, anchor, z=7, fill=None, bold=False, small=False):
        item = pg.TextItem("", color=(20, 20, 20), anchor=anchor, fill=fill)
        item.setZValue(z)
        item._small, item._bold = small, bold
        self._set_font(item)
        self.vb.addItem(item, ignoreBounds=True)
        self._texts.append(item)
        return item

    def _set_font(self, item):
        font = QFont(self.font())
        font.setPointSizeF(self._style.small_font_pt if item._small else self._style.font_pt)
        font.setBold(item._bold)
        item.setFont(font)

    def _build_texts(self):
        self._texts = []
        sizes, L = self.sizes, len(self.sizes) - 1
        self._captions = []
        self._caption_names = ["input" if l == 0 else "output" if l == L else f"hidden {l}"
                               for l in range(L + 1)]
        for l in range(L + 1):
            t = self._text((0.5, 1.0), bold=True)
            t.textItem.document().setDefaultTextOption(_centred())
            t.setText(self._caption_names[l])
            self._captions.append(t)
        self._input_texts = []
        for i, label in enumerate(self.input_labels):
            t = self._text((1.0, 0.5))
            t.setText(label)
            self._input_texts.append(t)
        self._output_texts = []
        for j, label in enumerate(self.output_labels):
            t = self._text((0.0, 0.5))
            t.setText(label)
            self._output_texts.append(t)
        self._neuron_texts = {}  # (l, j) → TextItem with out
        for l, n in enumerate(sizes):
            if n <= MAX_LABELLED_NEURONS:
                for j in range(n):
                    t = self._text((0.5, 0.5), z=8)
                    t.setPos(*self._neuron_xy[l][j])
                    self._neuron_texts[(l, j)] = t
        self._bias_texts = []
        self._edge_texts = {}  # param index → TextItem with the weight (or gradient)
        self._edge_text_gap = {}  # layer → (vertical gap between its numbers, gap between columns)
        if self._small():
            for l in range(1, L + 1):
                t = self._text((0.5, 0.5), z=8)
                t.setText("+1")
                t.setPos(*self._bias_xy[l - 1])
                self._bias_texts.append(t)
                y_from = np.append(self._neuron_xy[l - 1][:, 1], self._bias_xy[l - 1][1])
                fractions, gap = label_fractions(y_from, self._neuron_xy[l][:, 1])
                columns = np.unique(fractions)
                apart = np.diff(columns).min() if len(columns) > 1 else np.inf
                self._edge_text_gap[l] = (gap, apart, min(columns.min(), 1 - columns.max()))
                in_layer = np.flatnonzero(self._edge_layer == l)
                for k in in_layer:
                    i = self._edge_source[k]
                    i = sizes[l - 1] if i < 0 else i
                    t_along = fractions[i, self._edge_node[k]]
                    x0, y0, x1, y1 = self._edge_ends[k]
                    t = self._text((0.5, 0.5), z=6, fill=pg.mkBrush(255, 255, 255, 215), small=True)
                    t.setPos(x0 + (x1 - x0) * t_along, y0 + (y1 - y0) * t_along)
                    self._edge_texts[int(k)] = t
        self._text_cache = {}

    def activation(self, l):
        """Name of layer l's activation ("input" for layer 0)."""
        if l == 0:
            return "input"
        return self.output_activation if l == len(self.sizes) - 1 else self.hidden_activation

    # -- pixels: sizes of neurons, margins, which numbers fit ---------------------------------

    def _pixels_per_unit(self):
        px = self.vb.viewPixelSize()
        return (1.0 / px[0] if px[0] else 1.0), (1.0 / px[1] if px[1] else 1.0)

    def _text_size(self, sample="−0.0000", small=False):
        font = QFont(self.font())
        font.setPointSizeF(self._style.small_font_pt if small else self._style.font_pt)
        fm = QFontMetricsF(font)
        return fm.horizontalAdvance(sample) + 8, fm.height() + 4

    def _on_resized(self):
        if self._auto_fit:
            self.fit()
        self._update_pixel_layout()

    def _stop_auto_fit(self):
        self._auto_fit = False

    def fit(self):
        """Show the whole network with room for labels and captions (and keep doing so on resize)."""
        if self.sizes is None:
            return
        self._auto_fit = True
        L = len(self.sizes) - 1
        w, h = max(self.vb.width(), 50.0), max(self.vb.height(), 50.0)
        _, text_h = self._text_size()
        r = self._style.neuron_px / 2 + self._style.ring_px
        ppy = h - 2 * r - 3 * text_h

        def label_w(labels, l):
            if self._spacing[l] * ppy < text_h * 0.95:
                return 0  # too dense: the labels are hidden
            # room for "label = value": the value goes there when it does not fit in the neuron
            return max((self._text_size(s + " = -0.0000")[0] for s in labels), default=0)

        def margins(captions):
            half = [self._text_size(c)[0] / 2 + 4 for c in (captions[0], captions[-1])]
            return (max(r + 12 + label_w(self.input_labels, 0), half[0]),
                    max(r + 12 + label_w(self.output_labels, L), half[1]))

        # captions on two lines ("hidden 1" over "sigmoid") when one line is wider than a layer gap
        names = self._caption_names
        one_line = [n if l == 0 else f"{n} ({self.activation(l)})" for l, n in enumerate(names)]
        left, right = margins(one_line)
        two_lines = max(self._text_size(c)[0] for c in one_line) + 16 > (w - left - right) / L
        if two_lines:
            left, right = margins(names)
        for l, t in enumerate(self._captions):
            t.textItem.setTextWidth(-1)
            t.setText(f"{names[l]}\n{self.activation(l)}" if two_lines and l > 0 else one_line[l])
            t.setTextWidth(t.textItem.document().idealWidth())  # so that the lines centre
        top, bottom = r + (2 if two_lines else 1) * text_h + 10, r + 6
        # solve for the data range that leaves exactly these pixel margins around [0, L] × [0, 1]
        span_x = L / max(1 - (left + right) / w, 0.2)
        span_y = 1.0 / max(1 - (top + bottom) / h, 0.2)
        x0 = -left * span_x / w
        y0 = -top * span_y / h
        self.vb.setRange(xRange=(x0, x0 + span_x), yRange=(y0, y0 + span_y), padding=0)

    def _diameters(self, ppx, ppy):
        """Neuron diameter (px) per layer: most of the spacing between neighbours, up to a maximum."""
        return [int(np.clip(0.66 * min(self._spacing[l] * ppy, 0.55 * ppx), 3, self._style.neuron_px))
                for l in range(len(self.sizes))]

    def _fits_inside(self, diameters):
        """Per layer: do numbers fit inside its neurons?"""
        need = self._text_size("-0.0000")[0] - 12
        return [bool(d >= need and n <= MAX_LABELLED_NEURONS) for d, n in zip(diameters, self.sizes)]

    def _update_pixel_layout(self):
        """Neuron sizes follow the pixel spacing; numbers are hidden where they would overlap."""
        if self.sizes is None:
            return
        ppx, ppy = self._pixels_per_unit()
        style = self._style
        sizes = self._diameters(ppx, ppy)
        self._ring_width = [float(np.clip(round(d / 9), 1, style.ring_px)) for d in sizes]
        self._layer_px = sizes
        per_neuron = np.repeat(sizes, self.sizes)
        key = tuple(sizes)
        if key != self._neuron_sizes:
            self._neuron_sizes = key
            rings = np.repeat(self._ring_width, self.sizes)
            self.neurons.setSize(per_neuron)
            self.outline.setSize(per_neuron + rings + 2)
            bias = [min(sizes[l - 1], 0.6 * style.neuron_px) for l in range(1, len(self.sizes))]
            self.bias_nodes.setSize(np.array(bias, dtype=float))
            self._neuron_key = None  # ring pens depend on the sizes
            self._refresh_neurons()
            self._refresh_highlight()
            self._refresh_selection()

        text_w, text_h = self._text_size()
        r_max = max(sizes) / 2 + max(self._ring_width)
        top_y = min(xy[:, 1].min() for xy in self._neuron_xy)
        for l, t in enumerate(self._captions):
            t.setPos(float(l), top_y - (r_max + 6) / ppy)
        for l, xy in ((0, self._neuron_xy[0]), (len(self.sizes) - 1, self._neuron_xy[-1])):
            offset = (sizes[l] / 2 + self._ring_width[l] + 8) / ppx
            texts = self._input_texts if l == 0 else self._output_texts
            fits = bool(self._spacing[l] * ppy >= text_h * 0.95)
            for k, t in enumerate(texts):
                t.setPos(xy[k, 0] + (-offset if l == 0 else offset), xy[k, 1])
                t.setVisible(fits)
        inside = self._fits_inside(sizes)
        if inside != self._inside:
            self._inside = inside
            if self._state["params"] is not None:
                self._refresh_texts()
        for (l, j), t in self._neuron_texts.items():
            t.setVisible(inside[l])
        for t, l in zip(self._bias_texts, range(1, len(self.sizes))):
            t.setVisible(bool(sizes[l - 1] >= text_h))
        small_w, small_h = self._text_size(small=True)
        for k, t in self._edge_texts.items():
            l = int(self._edge_layer[k])
            gap, apart, end = self._edge_text_gap[l]
            clear = end * ppx >= 0.35 * small_w + max(sizes[l - 1], sizes[l]) / 2  # of the neurons
            t.setVisible(bool(gap * ppy >= small_h * 0.95 and apart * ppx >= small_w + 4 and clear))

    # -- state ----------------------------------------------------------------------------

    def show_state(self, params, out=None, delta=None, grad=None, highlight=None, net=None):
        """Draw the network with these numbers; called at display rate while training.

        params, grad: flat like Network.params. out[l], delta[l], net[l]: one sample's values
        per layer (out[0] the inputs; delta[0], net[0] None). highlight: {"neurons": [(l, j)],
        "edges_into_layer": [l]} to emphasise. Arrays are kept, not copied: pass copies.
        """
        if self.sizes is None:
            raise RuntimeError("set_structure first")
        params = np.asarray(params, dtype=float).reshape(-1)
        if params.size != self._n_params:
            raise ValueError(f"expected {self._n_params} parameters, got {params.size}")
        grad = None if grad is None else np.asarray(grad, dtype=float).reshape(-1)
        self._state = dict(params=params, out=_per_layer(out, self.sizes),
                           delta=_per_layer(delta, self.sizes), grad=grad,
                           net=_per_layer(net, self.sizes))
        self._highlight = highlight or {}
        self._refresh_edges()
        self._refresh_neurons()
        self._refresh_texts()
        self._refresh_highlight()
        self._update_legends()

    def set_edge_mode(self, mode):
        """Edges show "weights" (params) or "gradients" (grad)."""
        if mode not in ("weights", "gradients"):
            raise ValueError(f"edge mode must be 'weights' or 'gradients', not {mode!r}")
        self._edge_mode = mode
        if self.sizes is not None:
            self._refresh_edges()
            self._refresh_texts()
            self._update_legends()

    def edge_mode(self):
        return self._edge_mode

    def _edge_values(self):
        if self._edge_mode == "weights":
            return self._state["params"]
        return self._state["grad"]

    def _refresh_edges(self):
        values = self._edge_values()
        if values is None:
            values = np.zeros(self._n_params)
        magnitude = np.abs(np.nan_to_num(values))
        vmax = colors.max_abs(values)
        if self._n_params > MAX_EDGES:
            drawn = np.sort(np.argpartition(magnitude, self._n_params - MAX_EDGES)[-MAX_EDGES:])
        else:
            drawn = self._drawn
        self._drawn = drawn
        buckets = colors.diverging_buckets(values[drawn], vmax)
        self.edges.set_buckets(drawn, buckets, self._edge_lookup(self._wide_edges), self._order)
        self._edge_vmax = vmax

    def _refresh_neurons(self):
        out, delta = self._state["out"], self._state["delta"]
        fill = np.full(len(self._all_xy), len(self._fill_colors))  # "no data" brush
        ring = np.full(len(self._all_xy), colors.N_DIVERGING)  # "no δ" pen
        if out is not None:
            for l, values in enumerate(out):
                if values is not None:
                    lo, hi = colors.activation_range(self.activation(l), values)
                    start = self._layer_start[l]
                    fill[start : start + len(values)] = colors.sequential_buckets(values, lo, hi)
        dmax = 0.0
        if delta is not None:
            dmax = max((colors.max_abs(d) for d in delta if d is not None), default=0.0)
            for l, values in enumerate(delta):
                if values is not None:
                    start = self._layer_start[l]
                    ring[start : start + len(values)] = colors.diverging_buckets(values, dmax,
                                                                                 gamma=DELTA_GAMMA)
        self._delta_max = dmax
        key = (None if out is None else fill, ring)
        if self._neuron_key is not None and _same(self._neuron_key, key):
            return
        self._neuron_key = key
        self._fill_index = fill
        pens = np.empty(len(ring), dtype=object)
        for l in range(len(self.sizes)):
            start, stop = self._layer_start[l], self._layer_start[l + 1]
            width = self._ring_width[l]
            pens[start:stop] = self._ring_lookup(width)[ring[start:stop]]
        self.neurons.setBrush(list(self._fill_brushes[fill]), update=False)
        self.neurons.setPen(list(pens))

    def _refresh_texts(self):
        if not self._texts:
            return
        out, values = self._state["out"], self._edge_values()
        for (l, j), t in self._neuron_texts.items():
            text = fmt(out[l][j]) if out is not None and out[l] is not None else ""
            bucket = self._fill_index[self._layer_start[l] + j]
            color = colors.text_color_on(self._fill_brushes[bucket].color())
            self._set_text(t, text, color)
        for k, t in self._edge_texts.items():
            self._set_text(t, fmt(values[k]) if values is not None else "")
        L = len(self.sizes) - 1
        for l, texts, labels in ((0, self._input_texts, self.input_labels),
                                 (L, self._output_texts, self.output_labels)):
            # Values beside the labels only where a layer is small enough to read them (and to
            # update: 784 labels rewritten a frame cost ~55 ms).
            with_value = (out is not None and out[l] is not None and not self._inside[l]
                          and len(texts) <= MAX_LABELLED_NEURONS)
            for j, t in enumerate(texts):
                self._set_text(t, f"{labels[j]} = {fmt(out[l][j])}" if with_value else labels[j])

    def _set_text(self, item, text, color=None):
        cached = self._text_cache.get(id(item))
        rgb = None if color is None else color.rgb()
        if cached != (text, rgb):
            self._text_cache[id(item)] = (text, rgb)
            item.setText(text, color)

    def _update_legends(self):
        vmax = getattr(self, "_edge_vmax", 0.0)
        if self._edge_mode == "weights":
            self.edge_legend.set_title("edges: weight w")
        else:
            none = self._state["grad"] is None
            self.edge_legend.set_title("edges: gradient ∂E/∂w" + (" (none yet)" if none else ""))
        self.edge_legend.set_labels(fmt3(-vmax), "0", fmt3(vmax))
        dmax = getattr(self, "_delta_max", 0.0)
        self.delta_legend.set_labels(fmt3(-dmax), "0", fmt3(dmax))
        acts = [self.activation(l) for l in range(1, len(self.sizes))] if self.sizes else ["sigmoid"]
        ranges = {a: _range_text(a) for a in dict.fromkeys(acts)}
        if len(ranges) == 1:
            (name, (lo, mid, hi)), = ranges.items()
            self.fill_legend.set_title(f"neurons: out ({name})")
            self.fill_legend.set_labels(lo, mid, hi)
        else:
            self.fill_legend.set_title("neurons: out (" + ", ".join(ranges) + ")")
            self.fill_legend.set_labels("low", "", "high")
        total = self._n_params if self.sizes else 0
        if total > MAX_EDGES:
            self.caption.setText(f"showing the {MAX_EDGES:,} strongest of {total:,} edges "
                                 f"(weights and biases)")
        self.caption.setVisible(total > MAX_EDGES)

    # -- highlight and selection --------------------------------------------------------------

    def _refresh_highlight(self):
        hl = getattr(self, "_highlight", {}) or {}
        into = set(hl.get("edges_into_layer", ()))
        for l, band in enumerate(self._bands, start=1):
            band.setVisible(l in into)
        neurons = [(l, j) for l, j in hl.get("neurons", ())]
        if neurons:
            pos = np.array([self._neuron_xy[l][j] for l, j in neurons])
            size = np.array([self._layer_px[l] + 2 * self._ring_width[l] + 16 for l, j in neurons],
                            dtype=float) if hasattr(self, "_layer_px") else 20
            self.halo.setData(pos=pos, size=size)
        else:
            self.halo.setData(pos=np.zeros((0, 2)))

    def set_selection(self, selection):
        """Select (and draw) `selection` without emitting `selected`."""
        self._selection = selection
        self._refresh_selection()

    def selection(self):
        return self._selection

    def _refresh_selection(self):
        sel = self._selection
        if sel is not None and sel.kind == "neuron":
            l, j = sel.layer, sel.node
            size = self._layer_px[l] + 2 * self._ring_width[l] + 10 if hasattr(self, "_layer_px") else 20
            self.selected_neuron.setData(pos=[self._neuron_xy[l][j]], size=size)
        else:
            self.selected_neuron.setData(pos=np.zeros((0, 2)))
        path = QPainterPath()
        if sel is not None and sel.kind in ("weight", "bias"):
            x0, y0, x1, y1 = self._edge_ends[self.param_index(sel)]
            path.moveTo(x0, y0)
            path.lineTo(x1, y1)
        pen = QPen(SELECT_COLOR, self._style.edge_px + 5)
        pen.setCosmetic(True)
        self.selected_edge.setPen(pen)
        self.selected_edge.setPath(path)

    def param_index(self, sel):
        """Index in the flat params of the weight or bias `sel`."""
        l = sel.layer
        if sel.kind == "bias":
            return self._b_off[l] + sel.node
        return self._w_off[l] + sel.node * self.sizes[l - 1] + sel.source

    def node_position(self, layer, node):
        """Data coordinates of neuron (layer, node)."""
        return tuple(self._neuron_xy[layer][node])

    def scene_position(self, layer, node):
        """Scene coordinates of neuron (layer, node)."""
        return self.vb.mapViewToScene(QPointF(*self.node_position(layer, node)))

    # -- mouse ----------------------------------------------------------------------------------

    def hit(self, scene_pos):
        """The neuron, weight or bias under `scene_pos` (a neuron wins over an edge), or None."""
        if self.sizes is None:
            return None
        t = self.vb.childGroup.sceneTransform()
        sx, sy, dx, dy = t.m11(), t.m22(), t.dx(), t.dy()
        px, py = scene_pos.x(), scene_pos.y()
        # neurons
        xy = self._all_xy
        d2 = (xy[:, 0] * sx + dx - px) ** 2 + (xy[:, 1] * sy + dy - py) ** 2
        radius = np.repeat(np.asarray(self._layer_px) / 2 + np.asarray(self._ring_width) + 3, self.sizes)
        inside = np.flatnonzero(d2 <= np.maximum(radius, 6) ** 2)
        if inside.size:
            k = int(inside[np.argmin(d2[inside])])
            l = int(np.searchsorted(self._layer_start, k, side="right") - 1)
            return Selection("neuron", l, k - int(self._layer_start[l]))
        # numbers on edges
        for k, text in self._edge_texts.items():
            if text.isVisible() and text.sceneBoundingRect().contains(scene_pos):
                return self._edge_selection(k)
        # edges: distance to each drawn segment in pixels
        e = self._edge_ends[self._drawn]
        ax, ay = e[:, 0] * sx + dx, e[:, 1] * sy + dy
        bx, by = e[:, 2] * sx + dx, e[:, 3] * sy + dy
        vx, vy = bx - ax, by - ay
        length2 = np.maximum(vx * vx + vy * vy, 1e-9)
        u = np.clip(((px - ax) * vx + (py - ay) * vy) / length2, 0, 1)
        dist2 = (ax + u * vx - px) ** 2 + (ay + u * vy - py) ** 2
        reach = 6.0 if not self._presentation else 9.0
        nearest = int(np.argmin(dist2)) if len(dist2) else -1
        if nearest >= 0 and dist2[nearest] <= reach**2:
            return self._edge_selection(int(self._drawn[nearest]))
        return None

    def _edge_selection(self, k):
        l, j, i = int(self._edge_layer[k]), int(self._edge_node[k]), int(self._edge_source[k])
        return Selection("bias", l, j, None) if i < 0 else Selection("weight", l, j, i)

    def _on_click(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        sel = self.hit(ev.scenePos())
        self._selection = sel
        self._refresh_selection()
        self.selected.emit(sel)

    def _on_hover(self, scene_pos):
        sel = self.hit(scene_pos)
        if sel == self._hover:
            return
        self._hover = sel
        if sel is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(QCursor.pos(), self.tooltip_text(sel), self.graph.viewport())

    def neuron_name(self, l, j):
        L = len(self.sizes) - 1
        if l == 0:
            return f"input {self.input_labels[j]}"
        if l == L:
            return f"output {self.output_labels[j]}"
        return f"h{j + 1}" if L == 2 else f"h{l}.{j + 1}"

    def tooltip_text(self, sel):
        """The exact values behind `sel`, at full precision."""
        s = self._state

        def exact(arrays, l, j):
            if arrays is None or arrays[l] is None:
                return "–"
            return repr(float(arrays[l][j]))

        if sel.kind == "neuron":
            l, j = sel.layer, sel.node
            lines = [f"{self.neuron_name(l, j)}   (layer {l}, neuron {j})"]
            if l > 0:
                lines.append(f"net = {exact(s['net'], l, j)}")
            lines.append(f"out = {exact(s['out'], l, j)}")
            if l > 0:
                lines.append(f"δ = {exact(s['delta'], l, j)}")
            return "\n".join(lines)
        k = self.param_index(sel)
        grad = "–" if s["grad"] is None else repr(float(s["grad"][k]))
        if sel.kind == "bias":
            return (f"b[{sel.layer}][{sel.node}] = {float(s['params'][k])!r}\n"
                    f"bias of {self.neuron_name(sel.layer, sel.node)}\n∂E/∂b = {grad}")
        return (f"w[{sel.layer}][{sel.node}][{sel.source}] = {float(s['params'][k])!r}\n"
                f"from {self.neuron_name(sel.layer - 1, sel.source)} "
                f"to {self.neuron_name(sel.layer, sel.node)}\n∂E/∂w = {grad}")

    # -- presentation ---------------------------------------------------------------------------

    def set_presentation(self, on):
        """Larger fonts, neurons, rings and edges for a projector."""
        self._presentation = bool(on)
        self._style = PRESENTATION if on else NORMAL
        self._apply_fonts()
        if self.sizes is not None:
            for item in self._texts:
                self._set_font(item)
            self._neuron_sizes = None
            self._neuron_key = None
            self.edges._key = None
            self.fit()
            self._update_pixel_layout()
            self._refresh_edges()
            self._refresh_neurons()
            self._refresh_selection()

    def _apply_fonts(self):
        font = QFont(self.font())
        font.setPointSizeF(self._style.font_pt)
        for w in (self.edge_legend, self.delta_legend, self.fill_legend, self.caption):
            w.setFont(font)
            w.updateGeometry()

    # -- for tests and the benchmark --------------------------------------------------------------

    def drawn_edge_count(self):
        return len(self._drawn)

    def edge_bucket_key(self):
        """(drawn edge indices, their colour buckets) as last drawn."""
        key = self.edges._key
        return None if key is None else (key[0].copy(), key[1].copy())

    def text_items(self):
        """Every visible number or label as plain text (for tests)."""
        return [t.toPlainText() for t in self._texts if t.isVisible()]


def _labels(labels, n, prefix):
    labels = list(labels or [])
    return [str(labels[k]) if k < len(labels) else f"{prefix}{k + 1}" for k in range(n)]


def _per_layer(arrays, sizes):
    """One sample's values per layer as 1-D arrays (a batch of one row is accepted)."""
    if arrays is None:
        return None
    result = []
    for l, a in enumerate(arrays):
        if a is None:
            result.append(None)
            continue
        a = np.asarray(a, dtype=float).reshape(-1)
        if a.size != sizes[l]:
            raise ValueError(f"layer {l}: expected {sizes[l]} values, got {a.size}")
        result.append(a)
    return result


def _same(a, b):
    return all((x is None and y is None) or (x is not None and y is not None and np.array_equal(x, y))
               for x, y in zip(a, b))


def _range_text(activation):
    if activation == "sigmoid":
        return "0", "0.5", "1"
    if activation == "tanh":
        return "−1", "0", "1"
    return "0", "", "layer max"


def guard_pyside_refcounts():
    """Work around PySide6 6.12.0 on CPython < 3.12, which drops a reference to None on every
    call of a method returning void and to True on every signal emit: after a few thousand
    calls Python aborts ("deallocating None"). Python 3.12+ makes these objects immortal;
    here they get a refcount so large that it never reaches zero. Safe to call more than once.
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


def benchmark_frames(sizes, seconds=1.0, edge_mode="weights", size=(1000, 700)):
    """Frames per second of show_state + a full repaint (widget.grab()) with changing weights."""
    from ..core.network import Network

    guard_pyside_refcounts()
    app = QApplication.instance() or QApplication([])
    rng = np.random.default_rng(0)
    network = Network(sizes, "sigmoid")
    network.set_params(rng.normal(0, 1 / np.sqrt(max(sizes)), network.params.size))
    X = rng.uniform(0, 1, (1, sizes[0]))
    Z = rng.uniform(0, 1, (1, sizes[-1]))
    view = NetworkView()
    view.resize(*size)
    view.set_structure(sizes)
    view.set_edge_mode(edge_mode)
    view.show()
    app.processEvents()
    states = []
    for _ in range(8):  # a few different states, computed before the clock starts
        network.params += rng.normal(0, 0.05, network.params.size)
        f = network.forward(X)
        b = network.backward(f, Z)
        states.append((network.params.copy(), [o[0] for o in f.out], [None] + [d[0] for d in b.delta[1:]],
                       b.grad.copy(), [None] + [n[0] for n in f.net[1:]]))
    frames, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds or frames < 3:
        params, out, delta, grad, net = states[frames % len(states)]
        view.show_state(params, out, delta, grad, net=net)
        view.grab()
        frames += 1
    fps = frames / (time.perf_counter() - start)
    view.close()
    view.deleteLater()
    return fps


if __name__ == "__main__":
    for shape in [(2, 3, 1), (64, 32, 10), (784, 100, 10)]:
        print("-".join(map(str, shape)), f"{benchmark_frames(shape, 2.0):.1f} frames/s")
