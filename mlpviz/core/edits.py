"""Hands-on changes a student makes to a run: a weight or bias typed in, training points added or
removed. (Neurons and layers: reshape.py.)

Each function takes the experiment and the parameters as they are at the current step and
returns a Change: the experiment and parameters from that step on, and a sentence saying what it
did. Nothing is modified in place, so the run can keep what it had before (branches.py).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
from dataclasses import dataclass

import numpy as np

from .errors import InputError
from .experiment import Experiment
from .explain import Names, number
from .files import Table
from .network import layer_views
from .normalize import MinMax


@dataclass
class Change:
    """What a hands-on change leaves: the experiment and the parameters from its step on."""

    experiment: Experiment
    params: np.ndarray
    sentence: str  # what it did, for the status bar and the list of changes
    same_data: bool = True  # whether the training data is the one before the change


def names_of(experiment):
    c = experiment.config
    return Names.of(c.sizes, c.inputNodeLabels, c.outputNodeLabels)


def set_weight(experiment, params, l, j, i, value):
    """W[l][j, i] = value: the weight into neuron j of layer l from neuron i of layer l−1."""
    sizes = experiment.config.sizes
    _check_place(sizes, l, j, i)
    value = _finite(value, "weight")
    new = np.array(params, dtype=float)
    W, _ = layer_views(new, sizes)
    was, W[l][j, i] = W[l][j, i], value
    names = names_of(experiment)
    return Change(experiment, new, f"{names.weight(l, j, i)} ({names.neurons[l - 1][i]} → "
                                   f"{names.neurons[l][j]}) set to {number(value)}, was "
                                   f"{number(was)}")


def set_bias(experiment, params, l, j, value):
    """b[l][j] = value."""
    sizes = experiment.config.sizes
    _check_place(sizes, l, j, 0)
    value = _finite(value, "bias")
    new = np.array(params, dtype=float)
    _, b = layer_views(new, sizes)
    was, b[l][j] = b[l][j], value
    name = names_of(experiment).bias(l, j)
    return Change(experiment, new, f"{name} set to {number(value)}, was {number(was)}")


def _check_place(sizes, l, j, i):
    if not (1 <= l < len(sizes) and 0 <= j < sizes[l] and 0 <= i < sizes[l - 1]):
        raise ValueError(f"no weight W[{l}][{j}][{i}] in a {'-'.join(map(str, sizes))} network")


def _finite(value, what):
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise InputError("typed value", what, f"expected a number, got {value!r}") from None
    if not math.isfinite(value):
        raise InputError("typed value", what, "expected a finite number")
    return value


# -- training points ----------------------------------------------------------------------------

def add_points(experiment, params, rows):
    """Append rows to the training set: the inputs (in the data's own units), then the targets,
    or for a classifier the class index."""
    table = experiment.train
    rows = np.atleast_2d(np.asarray(rows, dtype=float))
    n_in, classes = experiment.config.inputNodes, experiment.classes
    width = n_in + 1 if classes is not None else table.values.shape[1]
    if rows.shape[1] != width:
        raise ValueError(f"expected rows of {width} values, got {rows.shape[1]}")
    if not np.all(np.isfinite(rows)):
        raise InputError("new point", None, "expected finite numbers")
    if classes is None:
        grown = Table(table.labels, np.vstack([table.values, rows]))
    else:
        truth = rows[:, n_in].astype(np.int64)
        if truth.min() < 0 or truth.max() >= classes.count:
            raise ValueError(f"no class {truth.max()} among {classes.count}")
        values = np.hstack([rows[:, :n_in], classes.targets(truth)])
        grown = dataclasses.replace(
            table, values=np.vstack([table.values, values]),
            truth=np.concatenate([table.truth, truth]),
            cells=list(table.cells) + [classes.names[k] for k in truth])
    what = "a point" if len(rows) == 1 else f"{len(rows)} points"
    return Change(_with_training(experiment, grown), np.array(params),
                  f"added {what} ({_describe(experiment, rows)}); {len(grown.values)} training "
                  f"points now", same_data=False)


def remove_points(experiment, params, indices):
    """Remove the training rows at `indices`; at least one row must stay."""
    table = experiment.train
    indices = np.unique(np.asarray(indices, dtype=int))
    if len(indices) == 0 or indices.min() < 0 or indices.max() >= len(table.values):
        raise ValueError(f"no training rows {indices.tolist()} among {len(table.values)}")
    if len(indices) >= len(table.values):
        raise InputError("training data", None, "the last point cannot be removed; "
                                                "a network needs at least one to train on")
    rows = table.values[indices]
    kept = np.delete(table.values, indices, axis=0)
    if experiment.classes is None:
        shrunk = Table(table.labels, kept)
    else:
        rows = np.column_stack([rows[:, :experiment.config.inputNodes], table.truth[indices]])
        keep = np.setdiff1d(np.arange(len(table.values)), indices)
        shrunk = dataclasses.replace(table, values=kept, truth=table.truth[keep],
                                     cells=[table.cells[k] for k in keep])
    what = "a point" if len(rows) == 1 else f"{len(rows)} points"
    return Change(_with_training(experiment, shrunk), np.array(params),
                  f"removed {what} ({_describe(experiment, rows)}); {len(kept)} training "
                  f"points now", same_data=False)


def _with_training(experiment, table):
    """The experiment with another training table; min-max ranges the config calculates follow it."""
    c = experiment.config
    ranges = {}
    for key, method, cols in (("input_range", c.minMaxInputMethod, slice(0, c.inputNodes)),
                              ("output_range", c.minMaxOutputMethod, slice(c.inputNodes, None))):
        if method == "calculate":
            ranges[key] = MinMax.calculate(table.values[:, cols], c.normalizeMethod)
    return dataclasses.replace(experiment, train=table, data_edited=True, **ranges)


def _describe(experiment, rows):
    """The first row as 'x1 = 0.5, x2 = −0.25, class 1' (or 'y = 0.3')."""
    c, classes = experiment.config, experiment.classes
    parts = [f"{label} = {number(v)}" for label, v in zip(c.inputNodeLabels, rows[0])]
    if classes is None:
        parts += [f"{label} = {number(v)}" for label, v in
                  zip(c.outputNodeLabels, rows[0][c.inputNodes:])]
    else:
        parts.append(f"class {classes.names[int(rows[0][c.inputNodes])]}")
    text = ", ".join(parts)
    return text if len(rows) == 1 else f"the first at {text}"


def training_csv_text(experiment, table=None):
    """The training set (or another `table` of the experiment, e.g. its test set) as a dataset
    CSV (File ▸ Save training data): the header it came with, each number exactly, whole numbers
    (class indices) without a trailing .0; a classifier's classes as one column of class names,
    as it reads them."""
    table, c = experiment.train if table is None else table, experiment.config
    n_in = c.inputNodes
    if experiment.classes is not None:
        labels = table.labels[:n_in] + [table.column_label or "class"]
        rows = [[_cell(v) for v in row[:n_in]] + [cell]
                for row, cell in zip(table.values, table.cells)]
    else:
        labels = table.labels if len(table.labels) == table.values.shape[1] else (
            c.inputNodeLabels + c.outputNodeLabels)
        rows = [[_cell(v) for v in row] for row in table.values]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(labels)
    writer.writerows(rows)
    return buffer.getvalue()


def _cell(value):
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
