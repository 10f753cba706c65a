"""The graph's edges: every weight and bias drawn as one graphics item that keeps one
QPainterPath per colour bucket (STYLE.md: ~5 ms at 2,368 edges against 76 ms with a pen per
edge). Edges are numbered like `Network.params`: edge k draws params[k], so drawing them needs
no index arithmetic and the gradient view draws grad[k] on the same edge. Above MAX_EDGES
edges only the strongest are drawn."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from mlpviz.core.network import parameter_layout

from .. import colors
from .style import ANTIALIAS_EDGES, MAX_EDGES


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



class EdgesPart:
    """The NetworkView's edges: their geometry, their pens and what they show."""

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
        """params, or grad with NaN (neutral colour, no number) on frozen biases: their
        gradient is computed but never used (defect 21)."""
        if self._edge_mode == "weights":
            return self._state["params"]
        grad = self._state["grad"]
        if grad is None or self.train_biases:
            return grad
        grad = grad.copy()
        grad[self._edge_source < 0] = np.nan
        return grad

    def frozen_edge(self, k):
        """Whether edge k is a bias that training never changes."""
        return not self.train_biases and self._edge_source[k] < 0

    def set_train_biases(self, on):
        """Whether biases are trained (frozen ones get no gradient in gradient mode)."""
        if bool(on) != self.train_biases:
            self.train_biases = bool(on)
            if self.sizes is not None and self._state["params"] is not None:
                self._refresh_edges()
                self._refresh_texts()
                self._update_legends()

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
