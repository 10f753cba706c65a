"""What is under the mouse in the graph: hit-testing, clicks that select, hover tooltips with
the exact values, and drawing the selection."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QCursor, QPainterPath, QPen
from PySide6.QtWidgets import QToolTip

from mlpviz.core.explain import number
from mlpviz.core.typeset import rich

from .style import SELECT_COLOR, Selection


class HitTestingPart:
    """The NetworkView's selection and tooltips."""

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
        # an input's or output's label: its neuron (whose tooltip names it in full)
        for l, texts in ((0, self._input_texts), (len(self.sizes) - 1, self._output_texts)):
            if texts and texts[0].isVisible():  # a layer's labels are shown or hidden together
                for j, text in enumerate(texts):
                    if text.sceneBoundingRect().contains(scene_pos):
                        return Selection("neuron", l, j)
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
        if ev.double():  # a weight or bias to type a value for
            if sel is not None and sel.kind in ("weight", "bias"):
                self.value_requested.emit(sel)
            return
        self._selection = sel
        self._refresh_selection()
        self.selected.emit(sel)

    def _install_tooltips(self):
        """Tooltips come from the viewport's own ToolTip event (the mouse at rest), like every
        other widget's: shown straight from a mouse move they never appeared on a real X
        screen (the graphics view's ToolTip handling took them away)."""
        self.graph.viewport().installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.ToolTip and watched is self.graph.viewport():
            sel = self.hit(self.graph.mapToScene(event.pos()))
            self._hover = sel
            if sel is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(sel), watched)
            return True
        return super().eventFilter(watched, event)

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
        """The neuron's name as the math panel writes it (core.explain.Names: i1, h1, h2.1, o1)."""
        return self.names.neurons[l][j]

    def tooltip_lines(self, sel):
        """What hovering `sel` shows, in the math panel's names and numbers (defect 14: the
        tooltip said "w[1][0][0]", "neuron 0" and "net = –" where the panel said w1, h1 and
        0.3775): plain text lines such as "net_h1 = 0.3775"."""
        s, names = self._state, self.names

        def value(arrays, l, j):
            if arrays is None or arrays[l] is None:
                return "not computed yet"
            return exact(arrays[l][j])

        if sel.kind == "neuron":
            l, j = sel.layer, sel.node
            name = names.neurons[l][j]
            if l == 0:
                return [f"input {name}", f"out_{name} = {name} = {value(s['out'], 0, j)}"]
            layer = "output" if l == len(self.sizes) - 1 else f"hidden layer {l}"
            return [f"neuron {name} ({layer})", f"net_{name} = {value(s['net'], l, j)}",
                    f"out_{name} = {value(s['out'], l, j)}", f"δ_{name} = {value(s['delta'], l, j)}"]
        k = self.param_index(sel)
        grad = "not computed yet" if s["grad"] is None else exact(s["grad"][k])
        if sel.kind == "bias":
            b = names.bias(sel.layer, sel.node)
            lines = [f"bias {b} of {names.neurons[sel.layer][sel.node]}",
                     f"{b} = {exact(s['params'][k])}", f"∂E/∂{b} = {grad}"]
            if not self.train_biases:
                lines[-1] += "  (not used: biases are frozen)"
            return lines
        w = names.weight(sel.layer, sel.node, sel.source)
        return [f"{w} connects {names.neurons[sel.layer - 1][sel.source]} → "
                f"{names.neurons[sel.layer][sel.node]}",
                f"{w} = {exact(s['params'][k])}", f"∂E/∂{w} = {grad}"]

    def tooltip_text(self, sel):
        """The tooltip as rich text, typeset like the math panel (net<sub>h1</sub>)."""
        known = tuple(label for layer in self.names.neurons for label in layer)
        lines = self.tooltip_lines(sel)
        return "<br>".join([f"<b>{html.escape(lines[0])}</b>"] + [rich(t, known) for t in lines[1:]])


def exact(value):
    """A number as the math panel prints it (9 decimals); one that has diverged (≥ 10⁹, ∞, NaN)
    in 9 significant digits, not 150 of them."""
    value = float(value)
    return number(value) if abs(value) < 1e9 else f"{value:.9g}"
