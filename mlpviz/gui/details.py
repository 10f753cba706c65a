"""The details panel: exact values of the selected neuron, weight or bias, as rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def _number(value):
    return f"{value:.9g}"


class DetailsPanel(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setMargin(8)
        font = self.font()
        font.setPointSize(font.pointSize() + 3)  # read from the back of a classroom
        self.setFont(font)
        self.clear_selection()

    def clear_selection(self):
        self.setText("<p>Click a neuron or an edge in the graph to see its exact numbers.</p>")

    def show_selection(self, selection, names, network, forward, backward):
        """`names`: layer → list of neuron names; forward/backward of the displayed sample."""
        if selection is None:
            self.clear_selection()
            return
        l, j = selection.layer, selection.node
        rows = []
        if selection.kind == "neuron":
            title = f"neuron {names[l][j]}"
            if l > 0:
                rows.append(("net", forward.net[l][0, j]))
            rows.append(("out", forward.out[l][0, j]))
            if l > 0 and backward is not None:
                rows.append(("δ", backward.delta[l][0, j]))
        elif selection.kind == "weight":
            i = selection.source
            title = f"weight {names[l - 1][i]} → {names[l][j]}  (W[{l}][{j}][{i}])"
            rows.append(("w", network.W[l][j, i]))
            if backward is not None:
                rows.append(("∂E/∂w", backward.grad_W[l][j, i]))
        else:
            title = f"bias of {names[l][j]}  (b[{l}][{j}])"
            rows.append(("b", network.b[l][j]))
            if backward is not None:
                rows.append(("∂E/∂b", backward.grad_b[l][j]))
        body = "".join(f"<tr><td><i>{name}</i>&nbsp;=&nbsp;</td><td>{_number(value)}</td></tr>"
                       for name, value in rows)
        self.setText(f"<p><b>{title}</b></p><table>{body}</table>"
                     f"<p style='color:#555'>for the sample of the next update</p>")
