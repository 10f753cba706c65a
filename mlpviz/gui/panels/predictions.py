"""A table of predictions in the data's own units, with a button to save it as CSV."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from mlpviz.core.files import write_csv


class PredictionsDialog(QDialog):
    def __init__(self, labels, rows, caption, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Predictions")
        self.labels, self.rows = labels, np.asarray(rows)
        table = QTableWidget(len(self.rows), len(labels))
        table.setHorizontalHeaderLabels(labels)
        for r, row in enumerate(self.rows[:10_000]):
            for c, value in enumerate(row):
                item = QTableWidgetItem(f"{value:.6g}")
                item.setToolTip(repr(float(value)))
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
        path, _ = QFileDialog.getSaveFileName(self, "Save predictions", "predictions.csv",
                                              "CSV files (*.csv)")
        if path:
            try:
                write_csv(path, self.labels, self.rows)
            except OSError as e:
                QMessageBox.warning(self, "mlpviz", f"{path}: {e.strerror or e}")
