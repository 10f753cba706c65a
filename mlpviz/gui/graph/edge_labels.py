"""The numbers on the edges, placed in pixels so that none overlaps another number, a neuron, a
bias node, a caption or an input/output label (issue 11, defect 15; placement.py decides).

At each new pixel size the largest font (from the style's down to 70 %, at least MIN_PT) at
which every number finds a clear place is used; where even the smallest leaves some without
one, those are hidden (weights keep their numbers before biases) and hovering their edge still
gives the value."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QFont, QFontMetricsF

from .placement import label_boxes, place, place_most

MIN_PT = 8
# The room a number gets: a typical 7-character number (fmt() writes at most FMT_CHARS). Its
# own text would move the numbers as they change while training.
SAMPLE = "−0.0000"
PAD = 1.0  # pixels around a number's text, inside its white box


class EdgeLabelsPart:
    def _metrics(self, pt, bold=False):
        font = QFont(self.font())
        font.setPointSizeF(pt)
        font.setBold(bold)
        return QFontMetricsF(font)

    def _edge_label_size(self, pt):
        fm = self._metrics(pt)
        return fm.horizontalAdvance(SAMPLE) + 2 * PAD, fm.height() + PAD

    def _place_edge_texts(self, ppx, ppy, sizes):
        """Place (or hide) every edge number for this pixel scale and these neuron sizes."""
        if not self._edge_texts:
            return
        keys = np.array(list(self._edge_texts))
        segments = self._edge_ends[keys] * np.array([ppx, ppy, ppx, ppy])
        preferred = np.array([self._edge_fraction[int(k)] for k in keys])
        rings = np.asarray(self._ring_width)
        radius = np.repeat(np.asarray(sizes) / 2 + rings + 1, self.sizes)
        circles = np.column_stack([self._all_xy[:, 0] * ppx, self._all_xy[:, 1] * ppy, radius])
        rects = self._fixed_boxes(ppx, ppy, sizes)
        # weights before biases: a bias's number is the first to go when room runs out
        order = sorted(range(len(keys)), key=lambda i: (self._edge_source[keys[i]] < 0, i))
        weight = np.where(self._edge_source[keys] < 0, 1.0, 1.5)
        key = (self.sizes, round(ppx, 3), round(ppy, 3), tuple(sizes),
               tuple(map(tuple, rects.round(1))), self._style.small_font_pt, self._zoom)
        if key == getattr(self, "_placed_key", None):
            return  # a resize that changed nothing here (placing costs a few ms a try)
        self._placed_key = key
        pt, fractions, size = self._fitting_font(segments, preferred, circles, rects, order, weight)
        self._edge_label_boxes = label_boxes(segments, fractions, size)[~np.isnan(fractions)]
        for k, t_along in zip(keys, fractions):
            item = self._edge_texts[int(k)]
            if np.isnan(t_along):
                item.setVisible(False)
                continue
            x0, y0, x1, y1 = self._edge_ends[k]
            item.setPos(x0 + (x1 - x0) * t_along, y0 + (y1 - y0) * t_along)
            self._set_point_size(item, pt)
            item.setVisible(True)

    def _fitting_font(self, segments, preferred, circles, rects, order, weight):
        """(pt, fractions, label size): the largest font from the style's down to 70 % (as
        unzoomed, at worst) in half points at which every number is placed, found by halving
        the interval; if even the smallest leaves some out, the most placed at the smallest."""
        def attempt(pt):
            size = self._edge_label_size(pt)
            return size, place(segments, preferred, size, circles, rects, order)

        high = self._style.small_font_pt
        low = max(MIN_PT, 0.7 * high / max(self._zoom, 1.0))
        size, fractions = attempt(high)
        if not np.isnan(fractions).any():
            return high, fractions, size
        size, fractions = attempt(low)
        if np.isnan(fractions).any():
            return low, place_most(segments, preferred, size, circles, rects, order, weight), size
        best = (low, fractions, size)
        while high - low > 0.5:  # low fits, high does not
            middle = round((low + high) / 2 * 2) / 2
            if middle in (low, high):
                break
            size, fractions = attempt(middle)
            if np.isnan(fractions).any():
                high = middle
            else:
                low, best = middle, (middle, fractions, size)
        return best

    def _fixed_boxes(self, ppx, ppy, sizes):
        """Rectangles (pixels) the numbers must keep off: bias nodes, captions, the input and
        output labels (with room for " = value" where the value is shown beside them)."""
        boxes = []
        for l in range(1, len(self.sizes)):
            x, y = self._bias_xy[l - 1]
            half = min(sizes[l - 1], 0.6 * self._style.neuron_px) / 2 + 1
            boxes.append((x * ppx - half, y * ppy - half, x * ppx + half, y * ppy + half))
        for t in self._captions:
            bold = QFontMetricsF(t.textItem.font())
            lines = t.toPlainText().split("\n")
            w = max(bold.horizontalAdvance(line) for line in lines)
            x, y = t.pos().x() * ppx, t.pos().y() * ppy
            boxes.append((x - w / 2, y - len(lines) * bold.height(), x + w / 2, y))
        fm = self._metrics(self._style.font_pt)
        last = len(self.sizes) - 1
        for l, texts, side in ((0, self._input_texts, -1), (last, self._output_texts, 1)):
            tail = "" if self._inside[l] else " = " + SAMPLE
            for t in texts:
                if not t.isVisible():
                    continue
                w = fm.horizontalAdvance(t.toPlainText().split(" = ")[0] + tail) + 8
                x, y = t.pos().x() * ppx, t.pos().y() * ppy
                left = x - w if side < 0 else x
                boxes.append((left, y - fm.height() / 2, left + w, y + fm.height() / 2))
        return np.array(boxes, dtype=float).reshape(-1, 4)

    def edge_label_boxes(self):
        """The shown edge numbers' rectangles in pixels, as last placed (for tests)."""
        return getattr(self, "_edge_label_boxes", np.empty((0, 4)))
