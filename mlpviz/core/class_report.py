"""What `test` and `predict` report for a classifier (SPEC section 8): accuracy and the confusion
matrix of a dataset, and one probability column per class with the predicted class's name."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np

from .confusion import accuracy, confusion_lines, confusion_matrix


@dataclass
class Score:
    """How a classifier did on a dataset: rows of `confusion` are true classes."""

    classes: list
    confusion: np.ndarray

    @property
    def accuracy(self):
        return accuracy(self.confusion)

    def lines(self):
        """The accuracy, then the labelled confusion matrix."""
        right = int(np.trace(self.confusion))
        return ([f"accuracy {self.accuracy:.2%} ({right} of {int(self.confusion.sum())} right)",
                 "confusion matrix (rows: true class, columns: predicted class):"]
                + ["  " + line for line in confusion_lines(self.classes, self.confusion)])

    def json(self):
        return {"accuracy": self.accuracy, "classes": list(self.classes),
                "confusion": self.confusion.tolist()}


def score(experiment, network, table):
    """Accuracy and confusion of `network` on a class dataset (a class_data.ClassTable)."""
    classes = experiment.classes
    X, _ = experiment.normalized(table)
    predicted = classes.predicted(network.predict(X))
    return Score(list(classes.names), confusion_matrix(table.truth, predicted, classes.count))


def accuracy_line(experiment, network):
    """ "accuracy: training 97.50 %, test 96.67 %" after training a classifier."""
    parts = [f"{name} {score(experiment, network, table).accuracy:.2%}"
             for name, table in (("training", experiment.train), ("test", experiment.test))
             if table is not None]
    return "accuracy: " + ", ".join(parts)


def prediction_rows(experiment, network, table):
    """(header, rows of text): the inputs, P(class) for each class, the predicted class's name, and
    the file's own class column where it has one."""
    c = experiment.config
    classes = experiment.classes
    inputs = table.values[:, :c.inputNodes]
    outputs = experiment.predict(network, inputs)
    probabilities = classes.probabilities(outputs)
    names = [classes.names[k] for k in classes.predicted(outputs)]
    header = list(c.inputNodeLabels) + list(classes.names) + ["class"]
    rows = [[repr(float(v)) for v in row] + [repr(float(p)) for p in prob] + [name]
            for row, prob, name in zip(inputs, probabilities, names)]
    if table.cells is not None:
        label = table.column_label or "target"
        header.append(label if label not in header else f"{label} (target)")
        for row, cell in zip(rows, table.cells):
            row.append(cell)
    return header, rows


def csv_text(header, rows):
    """Header and rows of text cells as CSV (cells quoted where they need it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
