"""The graph's legends: a colour bar per encoding (edges, δ rings, neuron fill) and the caption
that says when not every edge is drawn."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .style import MAX_EDGES, fmt3, range_text


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



class LegendPart:
    """The NetworkView's legends, kept in step with what it draws."""

    def _update_legends(self):
        vmax = getattr(self, "_edge_vmax", 0.0)
        if self._edge_mode == "weights":
            self.edge_legend.set_title("edges: weight w")
        else:
            none = self._state["grad"] is None
            self.edge_legend.set_title("edges: gradient ∂E/∂w" + (" (none yet)" if none else ""))
        if vmax > 0:
            self.edge_legend.set_labels(fmt3(-vmax), "0", fmt3(vmax))
        else:  # no gradient yet, or every edge 0: no "−0 … 0"
            self.edge_legend.set_labels("", "0" if self._edge_values() is not None else "", "")
        self._update_delta_legend()
        acts = [self.activation(l) for l in range(1, len(self.sizes))] if self.sizes else ["sigmoid"]
        ranges = {a: range_text(a) for a in dict.fromkeys(acts)}
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

    def _update_delta_legend(self):
        """The δ bar's range; before a backward pass it says so (defect 18: it read "−0 … 0")."""
        delta = self._state["delta"]
        dmax = getattr(self, "_delta_max", 0.0)
        if delta is None or all(d is None for d in delta):
            self.delta_legend.set_title("δ (ring): no δ yet")
            self.delta_legend.set_labels("", "", "")
        elif dmax == 0:
            self.delta_legend.set_title("δ (ring): every δ is 0")
            self.delta_legend.set_labels("", "0", "")
        else:
            self.delta_legend.set_title("δ (ring, √ scale)")
            self.delta_legend.set_labels(fmt3(-dmax), "0", fmt3(dmax))
