"""File ▸ New experiment from CSV: the CSV's columns, a role for each (input, target, class,
ignore), the shape proposed from them, a seeded test fraction; core/from_csv.py writes it."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QLabel, QLineEdit, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from mlpviz.core.from_csv import ROLES, experiment_files, propose_hidden


class NewFromCsvDialog(QDialog):
    """Choose what each column is; `roles()`, `hidden()`, `test_fraction()`, `seed()` say it."""

    def __init__(self, path, columns, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New experiment from CSV")
        self.path, self.columns = path, columns
        self.table = QTableWidget(len(columns), 4)
        self.table.setHorizontalHeaderLabels(["Column", "Holds", "First values", "Use as"])
        self.role_boxes = []
        for r, column in enumerate(columns):
            self._row(r, column, r == len(columns) - 1)
        self.table.resizeColumnsToContents()
        self.hidden_edit = QLineEdit()
        self.hidden_edit.setToolTip("Hidden layer widths, separated by commas (none: empty)")
        self.fraction = QDoubleSpinBox(minimum=0.0, maximum=0.9, singleStep=0.05, value=0.2)
        self.seed_box = QSpinBox(minimum=0, maximum=2**31 - 1, value=0)
        self.shape_label = QLabel()
        files = experiment_files(path)
        form = QFormLayout()
        form.addRow("Hidden layers", self.hidden_edit)
        form.addRow("Shape", self.shape_label)
        form.addRow("Test fraction", self.fraction)
        form.addRow("Split seed", self.seed_box)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{path}: {len(columns[0].cells) if columns else 0} rows. "
                                "Choose the inputs, and the targets or one class column."))
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(QLabel("Writes, beside the CSV: " + ", ".join(p.name for p in files)))
        layout.addWidget(buttons)
        self.hidden_edit.textChanged.connect(self._show_shape)
        self._propose()
        self.resize(640, 480)

    def _row(self, r, column, last):
        label = QTableWidgetItem(column.label or "(no name)")
        label.setToolTip(column.label)  # wide inputs keep their names, on hover
        self.table.setItem(r, 0, label)
        kind = "numbers" if column.numeric else "text"
        self.table.setItem(r, 1, QTableWidgetItem(f"{kind}, {column.distinct} distinct"))
        self.table.setItem(r, 2, QTableWidgetItem(", ".join(column.cells[:4])))
        box = QComboBox()
        box.addItems(ROLES)
        box.setCurrentText(column.suggested(last))
        box.currentTextChanged.connect(self._propose)
        self.table.setCellWidget(r, 3, box)
        self.role_boxes.append(box)

    def set_role(self, label, role):
        self.role_boxes[[c.label for c in self.columns].index(label)].setCurrentText(role)

    def roles(self):
        return [box.currentText() for box in self.role_boxes]

    def _outputs(self):
        roles = self.roles()
        classes = [c for c, r in zip(self.columns, roles) if r == "class"]
        if classes:
            return classes[0].distinct
        return roles.count("target")

    def _propose(self):
        inputs = self.roles().count("input")
        self.hidden_edit.setText(", ".join(map(str, propose_hidden(inputs, self._outputs()))))

    def _show_shape(self):
        try:
            shape = [self.roles().count("input"), *self.hidden(), self._outputs()]
        except ValueError:
            self.shape_label.setText("hidden layers: whole numbers separated by commas")
            return
        self.shape_label.setText("-".join(map(str, shape)))

    def hidden(self):
        """The hidden widths typed (ValueError if they are not whole numbers ≥ 1)."""
        text = self.hidden_edit.text().replace(" ", "")
        widths = [int(part) for part in text.split(",") if part]
        if any(w < 1 for w in widths):
            raise ValueError("widths must be at least 1")
        return widths

    def test_fraction(self):
        return self.fraction.value()

    def seed(self):
        return self.seed_box.value()
