"""The math panel: the tutorial's formulas for the selected neuron, weight or bias, with the
current numbers (from core.explain), typeset as the tutorials print them (net<sub>h1</sub>,
w<sub>5</sub><sup>+</sup>, δ<sub>o1</sub>: core/typeset.py), the "="s of a chain under one
another, in large selectable text; a right-click copies it as plain text or as LaTeX."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QScrollArea

from mlpviz.core.mathtext import split_note
from mlpviz.core.typeset import latex_block, rich

HINT = "Click a neuron or an edge in the graph to see its computation with the actual numbers."


SET_VALUE = "set-value"  # the link beside a weight's or bias's title: type its value (issue 15)


class MathPanel(QLabel):
    value_requested = Signal()  # "Set value…" of the weight or bias shown was clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard
                                     | Qt.LinksAccessibleByMouse)
        self.linkActivated.connect(
            lambda link: self.value_requested.emit() if link == SET_VALUE else None)
        self.settable = False  # what is shown is a weight or bias: its value can be typed
        self.setMargin(8)
        self.setObjectName("mathPanel")
        self._normal_pt = self.font().pointSize() + 3  # read from the back of a classroom
        self._presentation = False
        self._zoom = 1.0  # font zoom (gui/zoom.py)
        self._nowrap = True  # formula rows kept whole (they fit the panel's width)
        self.title = None
        self.lines = []
        self.set_presentation(False)
        self.blocks = []  # the computations shown, each a list of lines (for LaTeX)
        self.known = ()  # labels to keep whole when typesetting (the config's)
        self.figure_actions = []  # "Export as PNG/SVG" (added by the window)
        self.context = "for the sample of the next update, with the weights as they are now"
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.clear_selection()

    def set_presentation(self, on):
        """Large (and bold) text for a projector."""
        self._presentation = bool(on)
        self._fit_font()

    def set_zoom(self, factor):
        """Formulas `factor` times their size (font zoom for the back row)."""
        self._zoom = float(factor)
        self._fit_font()

    def _preferred_pt(self):
        return (self._normal_pt + (9 if self._presentation else 0)) * self._zoom

    def _room(self):
        """The width the formulas have: the scroll area's viewport when in one."""
        parent = self.parentWidget()
        width = parent.width() if parent is not None else self.width()
        return max(50, width - 2 * self.margin() - 16)

    def _fit_font(self):
        """The preferred size, or smaller (to 80 %, or 60 % in presentation mode) so that
        the widest formula row fits the
        panel whole (defect 13: rows wrapped mid-formula); only where even that is too narrow
        may a row wrap, inside its column (the "="s stay under one another)."""
        preferred = self._preferred_pt()
        font = QFont(self.font())
        font.setBold(self._presentation)
        # The table's two columns: the left sides (right-aligned) and "= right side".
        columns = [(left, "= " + right) for kind, left, right in table_rows(self.lines)
                   if kind == "formula"]
        pt, nowrap = preferred, True
        # To 80 %; in presentation mode down to 60 % (not below the normal size): on a
        # 1024×768 projector its ~21 pt bold ran the rows off the panel's edge.
        smallest = min(0.8 * preferred, max(self._normal_pt * self._zoom, 0.6 * preferred))
        while columns:
            font.setPointSizeF(pt)
            metrics = QFontMetricsF(font)
            width = (max(metrics.horizontalAdvance(left) for left, _ in columns)
                     + max(metrics.horizontalAdvance(right) for _, right in columns))
            if width <= self._room():
                break
            if pt - 0.5 < smallest:
                nowrap = False
                break
            pt -= 0.5
        # Its own style sheet: it wins over presentation mode's (which sizes every widget).
        sheet = (f"QLabel#mathPanel {{ font-size: {pt:g}pt; "
                 f"font-weight: {'bold' if self._presentation else 'normal'}; }}")
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
        if nowrap != self._nowrap:
            self._nowrap = nowrap
            self._render()

    def font_pt(self):
        """The size the formulas are shown at now."""
        return float(self.styleSheet().split("font-size:")[1].split("pt")[0])

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_font()

    def scroll_to_top(self):
        """Show the heading: a new selection starts at the top of the panel."""
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        if widget is not None:
            widget.verticalScrollBar().setValue(0)

    def clear_selection(self, loss_lines=(), context=None):
        self.show_lines(None, [], loss_lines, context)

    def show_lines(self, title, lines, loss_lines=(), context=None, settable=False):
        """Show a title and formula lines, then the sample's loss, then what they are of;
        `settable`: a "Set value…" link beside the title (a weight or bias)."""
        self.settable = bool(settable and title)
        if context is not None:
            self.context = context
        if title != self.title:
            self.scroll_to_top()  # defect 13: the old position hid the new heading
        self.title = title
        self.lines = list(lines) + list(loss_lines)
        self.blocks = [list(b) for b in (lines, loss_lines) if b]
        self._shown = (list(lines), list(loss_lines))
        self._render()
        self._fit_font()

    def _render(self):
        if not hasattr(self, "_shown"):
            return
        lines, loss_lines = self._shown
        title = self.title
        link = (f" &nbsp; <a href='{SET_VALUE}'>Set value…</a>" if self.settable else "")
        parts = [f"<p><b>{html.escape(title)}</b>{link}</p>" if title else f"<p>{HINT}</p>"]
        if lines:
            parts.append(self._block(lines))
        if loss_lines:
            parts.append("<p style='color:#555'>the loss of this sample</p>")
            parts.append(self._block(loss_lines))
        parts.append(f"<p style='color:#555'>{html.escape(self.context)}</p>")
        self.setText("".join(parts))

    def _block(self, lines):
        """Formula lines typeset in a table: the left sides right-aligned, the "="s in a column
        (a long chain breaks before each "="); a heading ("w5 connects h1 → o1") and prose
        ("not computed yet …") span both columns and wrap like text, so they never widen the
        columns (defect 13: the first row of a weight's table pushed the "="s off the panel);
        remarks in grey beneath."""
        rows = []
        keep = " style='white-space:nowrap'" if self._nowrap else ""
        for kind, left, right, note in table_rows(lines, notes=True):
            remark = f" <span style='color:#555'>({html.escape(note)})</span>" if note else ""
            if kind == "remark":
                rows.append(f"<tr><td colspan='2' style='color:#555'>{html.escape(right)}</td></tr>")
            elif kind in ("heading", "prose"):
                text = rich(right, self.known)
                rows.append(f"<tr><td colspan='2'>{text}{remark}</td></tr>")
            else:
                lhs = rich(left, self.known) if left else ""
                cell = rich(right, self.known)
                if not self._nowrap:  # a product may break after a "·", not inside a number
                    cell = cell.replace("·", "·\u200b")
                rows.append(f"<tr><td align='right' style='white-space:nowrap'>{lhs}</td>"
                            f"<td{keep}>= {cell}{remark}</td></tr>")
        return "<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"

    def text_lines(self):
        """The formulas as plain text (what a student would copy)."""
        return "\n".join(self.lines)

    def latex(self):
        """The formulas as LaTeX, one display block ($$…$$) per computation."""
        return "\n\n".join(f"$$\n{latex_block(block, self.known)}\n$$" for block in self.blocks)

    def _menu(self, point):
        self.context_menu().exec(self.mapToGlobal(point))

    def context_menu(self):
        """Copy as plain text, as LaTeX, the selection; export as a figure."""
        menu = QMenu(self)
        copy_text = menu.addAction("Copy as plain text")
        copy_text.triggered.connect(lambda: QApplication.clipboard().setText(self.text_lines()))
        copy_latex = menu.addAction("Copy as LaTeX")
        copy_latex.triggered.connect(lambda: QApplication.clipboard().setText(self.latex()))
        if self.settable:
            menu.addAction(f"Set the value of {self.title.split()[-1]}…",
                           self.value_requested.emit)
        if self.hasSelectedText():
            selected = menu.addAction("Copy the selection")
            selected.triggered.connect(
                lambda: QApplication.clipboard().setText(self.selectedText()))
        if self.figure_actions:
            menu.addSeparator()
            for action in self.figure_actions:
                menu.addAction(action)
        return menu


def table_rows(lines, notes=False):
    """The math panel's table, row by row: ("formula", left side, right side) with the "="
    between them; ("heading", "", text) for the words before a formula ("w5 connects h1 → o1"
    of "w5 connects h1 → o1: w5 = 0.4"); ("prose", "", text) for a line without a formula
    ("∂E/∂w5: not computed yet …"); ("remark", "", text) for a remark alone. With `notes`,
    each row also carries its remark ("" if none)."""
    rows = []
    for row in board_lines(lines):
        formula, note = split_note(row)
        formula = formula.strip()
        found = []
        if not formula:
            found.append(("remark", "", row.strip()))
        elif formula.startswith("= "):
            found.append(("formula", "", formula[2:]))
        elif "= " not in formula:
            found.append(("prose", "", formula))
        else:
            head, colon, rest = formula.partition(": ")
            if colon and "= " not in head and "= " in rest:
                found.append(("heading", "", head))
                formula = rest
            left, _, right = formula.partition("= ")
            found.append(("formula", left.rstrip(), right))
        last = len(found) - 1
        for k, (kind, left, right) in enumerate(found):
            if notes:
                rows.append((kind, left, right, note if k == last and kind != "remark" else ""))
            else:
                rows.append((kind, left, right))
    return rows


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
