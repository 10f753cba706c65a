"""The confusion matrix: rows the true class, columns the predicted one, each cell the count of
samples, shaded by its share of the row (the diagonal is right); with the accuracy above."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

RIGHT, WRONG = (44, 160, 44), (214, 39, 40)


def cell_colour(count, row_total, on_diagonal):
    """Green on the diagonal, red off it, as strong as the cell's share of its row."""
    share = count / row_total if row_total else 0.0
    base = RIGHT if on_diagonal else WRONG
    return QColor(*[round(255 + (c - 255) * 0.75 * share) for c in base])


class ConfusionView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.caption = QLabel(wordWrap=True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        # columns share the width (a narrow panel elides long class names, never the counts)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.note = QLabel("rows: the true class · columns: the class the network predicts "
                           "(its largest output) · green: right", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.matrix = None

    def clear(self, text=""):
        self.matrix = None
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.caption.setText(text)

    def show_matrix(self, names, matrix, caption):
        """Counts of `matrix` (rows true, columns predicted), labelled by class name."""
        self.matrix = np.asarray(matrix)
        K = len(names)
        if self.table.rowCount() != K:
            self.table.setRowCount(K)
            self.table.setColumnCount(K)
        self.table.setHorizontalHeaderLabels(list(names))
        for p, name in enumerate(names):
            self.table.horizontalHeaderItem(p).setToolTip(f"predicted: {name}")
        self.table.setVerticalHeaderLabels(list(names))
        bold = QFont()
        bold.setBold(True)
        for t in range(K):
            total = int(self.matrix[t].sum())
            for p in range(K):
                item = self.table.item(t, p)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignCenter)
                    self.table.setItem(t, p, item)
                count = int(self.matrix[t, p])
                item.setText(str(count))
                item.setBackground(cell_colour(count, total, t == p))
                if t == p:
                    item.setFont(bold)
        self.caption.setText(caption)
