"""The graph's neurons: fill by `out`, ring by δ (on a square-root scale), the halo of the
highlighted phase. One ScatterPlotItem with pens and brushes from pre-built lookup tables."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QPen

from .. import colors
from .style import DELTA_GAMMA, same_arrays


class NeuronsPart:
    """The NetworkView's neurons and their colours."""

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
        if self._neuron_key is not None and same_arrays(self._neuron_key, key):
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
