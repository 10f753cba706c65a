"""A classifier's dataset CSV: the inputs, then one column of classes (names or indices 0…K−1);
taken by name, in any order, when the header holds the inputs' labels and the class column's.

It is read into the same Table the rest of the engine uses, with the class column replaced by the
target columns (one-hot, or the index for one sigmoid output), so normalization, training and
the loss see numbers as for any dataset; `truth` keeps each row's class index for accuracy and
the confusion matrix, `cells` the class column's text as the file wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .classes import AUTO, auto_names
from .errors import InputError
from .csv_files import PANDAS_INDEX_LABELS
from .files import MAX_CSV_BYTES, Table, read_csv, read_text


@dataclass
class ClassTable(Table):
    truth: np.ndarray | None = None  # class index of each row; None when there is no class column
    cells: list | None = None  # the class column as written
    column_label: str | None = None  # the class column's label in the file


def read_class_csv(path, config, progress=None, inputs_only=False):
    """Inputs and the class column of `path` as a ClassTable with targets for `config`'s classes
    (outputClasses "auto" is settled first from these cells: load the training data first).
    `inputs_only`: the class column may be missing (a file to predict)."""
    n_in = config.inputNodes
    table = read_csv(path, (n_in, n_in + 1) if inputs_only else n_in + 1, progress,
                     names=class_columns(path, config, inputs_only), text=[-1])
    last = table.values.shape[1] - 1
    cells = table.text[last]
    if last < n_in:  # inputs only: the last input came back as text
        inputs = table.values.copy()
        inputs[:, last] = [_number(cell, path, r, table.labels[last]) for r, cell in
                           enumerate(cells)]
        return ClassTable(table.labels, inputs, notes=table.notes)
    if config.outputClasses == AUTO:
        config.resolve_classes(auto_names(cells))
    classes = config.classes
    if inputs_only and not config.classColumn and any(classes.index_of(c) is None for c in cells):
        return ClassTable(table.labels[:n_in], table.values[:, :n_in].copy(), notes=table.notes + [
            f"{path}: left out column {table.labels[last]}: it is not a class column (it holds "
            f"{next(c for c in cells if classes.index_of(c) is None)[:40]!r})"])
    truth = classes.indices(cells, path, table.labels[last], lambda row: data_line(path, row))
    values = np.hstack([table.values[:, :n_in], classes.targets(truth)])
    return ClassTable(table.labels[:n_in] + config.outputNodeLabels, values, truth=truth,
                      notes=table.notes, cells=list(cells), column_label=table.labels[last])


def class_columns(path, config, inputs_only=False):
    """read_csv's `names` for a class CSV: the inputs by their labels, then the class column, the
    one named by `classColumn`, else the header's one column that is neither an input nor a
    pandas index (SPEC section 10: by name when the header holds them all; else by position)."""
    inputs = list(config.inputNodeLabels)

    def with_class(header):
        label = config.classColumn
        if label is None and all(i in header for i in inputs):
            others = [h for h in header if h not in inputs and h not in PANDAS_INDEX_LABELS]
            if len(others) > 1 and not inputs_only:
                raise InputError(path, None, f"besides the inputs, the header has {len(others)} "
                                 f"columns ({', '.join(others)[:80]}): name the class column "
                                 "with the config key classColumn")
            label = others[0] if len(others) == 1 else None
        return None if label is None else inputs + [label]

    return [with_class, inputs] if inputs_only else [with_class]


def _number(cell, path, row, label):
    try:
        value = float(cell)
    except ValueError:
        value = float("nan")
    if not np.isfinite(value):
        raise InputError(path, f"line {data_line(path, row)}, column {label}",
                         f"expected a number, found {cell[:40]!r}")
    return value


def data_line(path, row):
    """The file line of data row `row` (0 = the first after the header), blank lines skipped."""
    seen = -1
    for number, line in enumerate(read_text(path, MAX_CSV_BYTES).splitlines(), start=1):
        if line.replace(",", "").replace(";", "").replace("\t", "").strip():
            if seen == row:
                return number
            seen += 1
    return row + 2


def class_names_needed(config):
    """The InputError for outputClasses "auto" with no training data to take the classes from."""
    return InputError(config.source, "outputClasses", "\"auto\" takes the classes from the "
                      "training CSV (trainingDatasetCSVFile); without one, list the classes")
