"""A table of predictions in the data's own units, with a button to save it as CSV."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from mlpviz.core.class_report import csv_text
from mlpviz.core.files import write_atomic, write_csv


def cell_text(value):
    """(shown, tooltip) of a cell: a number to 6 digits, or text (a class name) as it is."""
    try:
        return f"{float(value):.6g}", repr(float(value))
    except ValueError:
        return str(value), str(value)


class PredictionsDialog(QDialog):
    def __init__(self, labels, rows, caption, parent=None, ask_save=None):
        """`ask_save(parent, title, name, filters)`: the path to save to, or None (default: a
        file dialog in the current folder)."""
        super().__init__(parent)
        self.ask_save = ask_save or (lambda parent, title, name, filters: QFileDialog.
                                     getSaveFileName(parent, title, name, filters)[0] or None)
        self.setWindowTitle("Predictions")
        # rows of numbers, or (a classifier's) rows of text cells with the class names
        self.labels = labels
        self.rows = rows if isinstance(rows, list) else np.asarray(rows)
        table = QTableWidget(len(self.rows), len(labels))
        table.setHorizontalHeaderLabels(labels)
        for r, row in enumerate(self.rows[:10_000]):
            for c, value in enumerate(row):
                shown, tip = cell_text(value)
                item = QTableWidgetItem(shown)
                item.setToolTip(tip)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(caption))
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def save(self):
        path = self.ask_save(self, "Save predictions", "predictions.csv", "CSV files (*.csv)")
        if path:
            try:
                if isinstance(self.rows, list):
                    write_atomic(path, csv_text(self.labels, self.rows))
                else:
                    write_csv(path, self.labels, self.rows)
            except OSError as e:
                QMessageBox.warning(self, "mlpviz", f"{path}: {e.strerror or e}")
