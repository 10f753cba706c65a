"""The network graph: neurons coloured by `out`, rings by δ, edges by weight or gradient.

This widget assembles the graph's parts, one job per module: layout.py (where things go, pure),
edges.py, neurons.py, labels.py, legend.py, fitting.py (pixels: sizes, what fits) and
hit_testing.py (clicks, hover tooltips, the selection). style.py holds the shared constants.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (QGraphicsView, QGraphicsPathItem, QGraphicsRectItem, QHBoxLayout,
                               QLabel, QVBoxLayout, QWidget)

from mlpviz.core.explain import Names

from .. import colors
from .edges import EdgeBuckets, EdgesPart
from .fitting import FittingPart
from .hit_testing import HitTestingPart
from .labels import LabelsPart
from .layout import column_positions
from .legend import ColorBar, LegendPart
from .neurons import NeuronsPart
from .style import (BAND_COLOR, BIAS_NODE_COLOR, EMPHASIS_COLOR, NO_DATA_COLOR, NORMAL,
                    OUTLINE_COLOR, PRESENTATION, SELECT_COLOR, Selection, labels_or_defaults,
                    per_layer, short_label, zoomed)

__all__ = ["NetworkView", "Selection"]


class NetworkView(EdgesPart, NeuronsPart, LabelsPart, LegendPart, FittingPart, HitTestingPart,
                  QWidget):
    """Neurons, edges, numbers and legends of one network; click selects, hover explains."""

    selected = Signal(object)  # a Selection, or None when the selection is cleared
    value_requested = Signal(object)  # a weight or bias Selection double-clicked: type its value

    def __init__(self, parent=None):
        super().__init__(parent)
        self._style = NORMAL
        self._presentation = False
        self._zoom = 1.0  # font zoom (Ctrl+= / Ctrl+−, gui/zoom.py)
        self.sizes = None
        self._edge_mode = "weights"
        self._selection = None
        self._auto_fit = True
        self.train_biases = True  # frozen biases: no gradient label, "frozen" on hover
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
        self._install_tooltips()

    def _build_lookups(self):
        """Pens and brushes per colour bucket, built once (the scatter's symbol cache keys on them)."""
        self._fill_colors = colors.sequential_colors()
        self._fill_brushes = np.array([QBrush(c) for c in self._fill_colors] + [QBrush(NO_DATA_COLOR)],
                                      dtype=object)
        self._ring_colors = colors.diverging_colors(min_alpha=255)
        self._ring_pens = {}  # ring width → array of pens per δ bucket (+ one for "no δ")
        self._edge_pens = {}  # (mode, width) → list of pens per bucket
        self._order = colors.weak_to_strong()

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
        self.input_labels = labels_or_defaults(input_labels, self.sizes[0], "x")
        self.output_labels = labels_or_defaults(output_labels, self.sizes[-1], "y")
        # printed beside the neurons: long names shortened (the tooltips name them in full)
        self.printed_labels = ([short_label(t) for t in self.input_labels],
                               [short_label(t) for t in self.output_labels])
        # One naming for the graph, its tooltips and the math panel (defect 14).
        self.names = Names.of(self.sizes, self.input_labels, self.output_labels)
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
        # The same structure again (Reset) leaves the range as it was, so no range signal lays
        # the new items out: do it here (issue 11, #4: dots for neurons, titles at the origin).
        self._update_pixel_layout()
        self.show_state(np.zeros(self._n_params))

    def activation(self, l):
        """Name of layer l's activation ("input" for layer 0)."""
        if l == 0:
            return "input"
        return self.output_activation if l == len(self.sizes) - 1 else self.hidden_activation

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
        self._state = dict(params=params, out=per_layer(out, self.sizes),
                           delta=per_layer(delta, self.sizes), grad=grad,
                           net=per_layer(net, self.sizes))
        self._highlight = highlight or {}
        self._refresh_edges()
        self._refresh_neurons()
        self._refresh_texts()
        self._refresh_highlight()
        self._update_legends()

    def node_position(self, layer, node):
        """Data coordinates of neuron (layer, node)."""
        return tuple(self._neuron_xy[layer][node])

    def scene_position(self, layer, node):
        """Scene coordinates of neuron (layer, node)."""
        return self.vb.mapViewToScene(QPointF(*self.node_position(layer, node)))

    # -- presentation ---------------------------------------------------------------------------

    def set_presentation(self, on):
        """Larger fonts, neurons, rings and edges for a projector."""
        self._presentation = bool(on)
        self._style = zoomed(PRESENTATION if on else NORMAL, self._zoom)
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

    def set_zoom(self, factor):
        """Text and neurons `factor` times their size (font zoom for the back row)."""
        if factor != self._zoom:
            self._zoom = float(factor)
            self.set_presentation(self._presentation)

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
