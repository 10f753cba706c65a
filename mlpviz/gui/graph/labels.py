"""The graph's texts: layer captions, input and output labels, numbers on neurons and edges.
Text items exist only for small networks, are created once, and are updated with setText only
when their text changes."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont

from .. import colors
from .layout import label_fractions
from .style import MAX_LABELLED_NEURONS, MAX_LABELLED_WEIGHTS, centred, fmt


class LabelsPart:
    """The NetworkView's texts."""

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
            t.textItem.document().setDefaultTextOption(centred())
            t.setText(self._caption_names[l])
            self._captions.append(t)
        self._input_texts = []
        for i, label in enumerate(self.printed_labels[0]):
            t = self._text((1.0, 0.5))
            t.setText(label)
            self._input_texts.append(t)
        self._output_texts = []
        for j, label in enumerate(self.printed_labels[1]):
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
        self._edge_fraction = {}  # param index → where along its edge the number would go first
        self._placed_key = None  # new items: place them (edge_labels.py)
        if self._small():
            for l in range(1, L + 1):
                t = self._text((0.5, 0.5), z=8)
                t.setText("+1")
                t.setPos(*self._bias_xy[l - 1])
                self._bias_texts.append(t)
                y_from = np.append(self._neuron_xy[l - 1][:, 1], self._bias_xy[l - 1][1])
                fractions, _ = label_fractions(y_from, self._neuron_xy[l][:, 1])
                in_layer = np.flatnonzero(self._edge_layer == l)
                for k in in_layer:
                    i = self._edge_source[k]
                    i = sizes[l - 1] if i < 0 else i
                    t_along = fractions[i, self._edge_node[k]]
                    x0, y0, x1, y1 = self._edge_ends[k]
                    t = self._text((0.5, 0.5), z=6, fill=pg.mkBrush(255, 255, 255, 215), small=True)
                    t.setPos(x0 + (x1 - x0) * t_along, y0 + (y1 - y0) * t_along)
                    self._edge_texts[int(k)] = t
                    self._edge_fraction[int(k)] = float(t_along)
        self._text_cache = {}

    def _refresh_texts(self):
        if not self._texts:
            return
        out, values = self._state["out"], self._edge_values()
        for (l, j), t in self._neuron_texts.items():
            text = fmt(out[l][j]) if out is not None and out[l] is not None else ""
            bucket = self._fill_index[self._layer_start[l] + j]
            color = colors.text_color_on(self._fill_brushes[bucket].color())
            self._set_text(t, text, color)
        gradients = self._edge_mode == "gradients"
        for k, t in self._edge_texts.items():
            frozen = gradients and self.frozen_edge(k)  # its gradient is never used
            self._set_text(t, fmt(values[k]) if values is not None and not frozen else "")
        L = len(self.sizes) - 1
        for l, texts, labels in ((0, self._input_texts, self.printed_labels[0]),
                                 (L, self._output_texts, self.printed_labels[1])):
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
