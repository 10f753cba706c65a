"""Accuracy and the confusion matrix of a classifier (SPEC section 8).

confusion[t][p] counts the samples of true class t that were predicted as class p: the diagonal
holds the correct ones, so accuracy = trace / samples.
"""

from __future__ import annotations

import numpy as np


def confusion_matrix(true, predicted, count):
    """count × count matrix of sample counts: rows the true class, columns the predicted one."""
    matrix = np.zeros((count, count), dtype=np.int64)
    np.add.at(matrix, (np.asarray(true), np.asarray(predicted)), 1)
    return matrix


def accuracy(matrix):
    """The share of samples on the diagonal (0 for no samples)."""
    total = int(matrix.sum())
    return float(np.trace(matrix)) / total if total else 0.0


def confusion_lines(names, matrix):
    """The matrix as a labelled text table, rows true class, columns predicted class."""
    names = [str(n) for n in names]
    width = max([len(n) for n in names] + [len(str(int(matrix.max(initial=0))))]) + 2
    head = max(len(n) for n in names + ["true \\ predicted"])
    lines = ["true \\ predicted".ljust(head) + "".join(n.rjust(width) for n in names)]
    for name, row in zip(names, matrix):
        lines.append(name.ljust(head) + "".join(str(int(v)).rjust(width) for v in row))
    return lines
