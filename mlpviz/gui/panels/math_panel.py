"""The math panel: the tutorial's formulas for the selected neuron, weight or bias, with the
current numbers (from core.explain), in large selectable text that can be copied."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

HINT = "Click a neuron or an edge in the graph to see its computation with the actual numbers."


class MathPanel(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setMargin(8)
        self.setObjectName("mathPanel")  # presentation mode's style sheet enlarges it
        self._normal_pt = self.font().pointSize() + 3  # read from the back of a classroom
        self.set_presentation(False)
        self.lines = []
        self.context = "for the sample of the next update, with the weights as they are now"
        self.clear_selection()

    def set_presentation(self, on):
        """Large (and bold) text for a projector."""
        font = self.font()
        font.setPointSize(self._normal_pt + (9 if on else 0))
        font.setBold(bool(on))
        self.setFont(font)

    def clear_selection(self, loss_lines=(), context=None):
        self.show_lines(None, [], loss_lines, context)

    def show_lines(self, title, lines, loss_lines=(), context=None):
        """Show a title and formula lines, then the sample's loss, then what they are of."""
        if context is not None:
            self.context = context
        self.lines = list(lines) + list(loss_lines)
        parts = [f"<p><b>{html.escape(title)}</b></p>" if title else f"<p>{HINT}</p>"]
        if lines:
            parts.append(self._block(lines))
        if loss_lines:
            parts.append("<p style='color:#555'>the loss of this sample</p>")
            parts.append(self._block(loss_lines))
        parts.append(f"<p style='color:#555'>{html.escape(self.context)}</p>")
        self.setText("".join(parts))

    @staticmethod
    def _block(lines):
        # Leading spaces line the "="s up; the others may wrap a long line on a narrow panel.
        rows = ["&nbsp;" * (len(row) - len(row.lstrip(" "))) + html.escape(row.lstrip(" "))
                for row in board_lines(lines)]
        return f"<p style='font-family:monospace'>{'<br>'.join(rows)}</p>"

    def text_lines(self):
        """The formulas as plain text (what a student would copy)."""
        return "\n".join(self.lines)


def board_lines(lines):
    """Formulas as they are written on a board: a chain a = b = c = d breaks before each "=",
    the "="s under one another; a continuation line ("     = …") keeps to the same column."""
    rows, indent = [], 0
    for line in lines:
        parts = line.split(" = ")
        continuing = line.lstrip().startswith("= ")
        if continuing:
            parts = line.lstrip()[2:].split(" = ")
            rows += [" " * indent + "= " + part for part in parts]
        elif len(parts) >= 3:
            indent = len(parts[0]) + 1
            rows.append(f"{parts[0]} = {parts[1]}")
            rows += [" " * indent + "= " + part for part in parts[2:]]
        else:
            indent = len(parts[0]) + 1 if len(parts) == 2 else 0
            rows.append(line)
    return rows
