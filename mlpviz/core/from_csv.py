"""A new experiment from a CSV, without writing JSON by hand (File ▸ New experiment from CSV).

`inspect_csv` reads a CSV's columns (label, numbers or text, distinct values, first cells) and
suggests a role for each; `propose_hidden` suggests a shape; `write_experiment` writes, beside
the CSV, the chosen columns split into seeded training and test rows and a config that names
them (labels from the header; a class column makes a softmax classifier with outputClasses
"auto"), then loads it once to check it, so what the window opens is what `mlpviz train` runs.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .csv_dialects import number
from .csv_files import PANDAS_INDEX_LABELS, read_csv
from .errors import InputError
from .experiment import Experiment
from .files import write_atomic

ROLES = ("input", "target", "class", "ignore")
FEW_CLASSES = 12  # at most this many distinct values in a last column suggest classes


@dataclass
class Column:
    label: str
    numeric: bool
    distinct: int
    cells: list  # every cell, as written
    dialect: object = None  # how the file writes numbers (csv_dialects.Dialect)

    def suggested(self, last):
        if self.label in PANDAS_INDEX_LABELS:
            return "ignore"
        if not self.numeric:
            return "class" if last and self.distinct <= max(FEW_CLASSES, 1) else "ignore"
        if last:
            whole = all(float(c).is_integer() for c in self.values())
            return "class" if whole and self.distinct <= FEW_CLASSES else "target"
        return "input"

    def values(self):
        return [number(c, self.dialect) for c in self.cells]


def inspect_csv(path, progress=None):
    """The CSV's columns, each with its cells as written (InputError if it cannot be read)."""
    table = read_csv(path, progress=progress, text="all")
    columns = []
    for i, label in enumerate(table.labels):
        cells = table.text[i]
        parsed = [number(c, table.dialect) for c in cells]
        numeric = all(v is not None and not math.isnan(v) for v in parsed)
        columns.append(Column(label, numeric, len(set(cells)), cells, table.dialect))
    return columns


def propose_hidden(inputs, outputs):
    """One hidden layer as wide as inputs and outputs together (3 to 64 neurons)."""
    return [min(64, max(3, inputs + outputs))]


def experiment_files(csv_path):
    """The config, training and test CSVs write_experiment writes, beside `csv_path`."""
    path = Path(csv_path)
    stem = path.stem
    return (path.with_name(f"{stem}-config.json"), path.with_name(f"{stem}-training.csv"),
            path.with_name(f"{stem}-testing.csv"))


def write_experiment(csv_path, columns, roles, hidden, test_fraction=0.2, seed=0):
    """Write the experiment for `roles` (one of ROLES per column); returns the config's path."""
    inputs = [c for c, r in zip(columns, roles) if r == "input"]
    targets = [c for c, r in zip(columns, roles) if r == "target"]
    classes = [c for c, r in zip(columns, roles) if r == "class"]
    _check_roles(csv_path, inputs, targets, classes)
    outputs = classes or targets
    rows = len(columns[0].cells)
    order = np.random.default_rng(seed).permutation(rows)
    tested = int(round(rows * test_fraction))
    if not 0 <= test_fraction < 1 or rows - tested < 1:
        raise InputError("Test fraction", None, "expected a fraction from 0 up to 1 that leaves "
                                                "training rows")
    config_path, training, testing = experiment_files(csv_path)
    chosen = inputs + outputs
    write_atomic(training, _csv_text(chosen, np.sort(order[tested:])))
    if tested:
        write_atomic(testing, _csv_text(chosen, np.sort(order[:tested])))
    doc = _config(Path(csv_path), inputs, targets, classes, hidden, seed,
                  training.name, testing.name if tested else None)
    write_atomic(config_path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    try:
        Experiment.load(config_path)  # what the window opens is what `mlpviz train` runs
    except InputError:
        for path in (config_path, training, testing):
            path.unlink(missing_ok=True)
        raise
    return config_path


def _check_roles(source, inputs, targets, classes):
    if not inputs:
        raise InputError(source, None, "choose at least one input column")
    if not targets and not classes:
        raise InputError(source, None, "choose a target column (numbers) or a class column")
    if targets and classes or len(classes) > 1:
        raise InputError(source, None, "choose either target columns or one class column")
    for column in inputs + targets:
        if not column.numeric:
            raise InputError(source, f"column {column.label}",
                             "holds text; only a class column may (choose \"class\" or \"ignore\")")


def _csv_text(columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.label for c in columns])
    parsed = [c.values() if c.numeric else c.cells for c in columns]
    for r in rows:
        writer.writerow([repr(v[r]) if isinstance(v[r], float) else v[r] for v in parsed])
    return buffer.getvalue()


def _config(csv_path, inputs, targets, classes, hidden, seed, training, testing):
    doc = {"title": f"{csv_path.stem} (new from {csv_path.name})",
           "description": f"Made from {csv_path.name} by File ▸ New experiment from CSV: inputs "
                          f"{', '.join(c.label for c in inputs)}; "
                          + (f"classes from {classes[0].label}." if classes else
                             f"targets {', '.join(c.label for c in targets)}."),
           "inputNodes": len(inputs), "inputNodeLabels": [c.label for c in inputs],
           "hiddenNodesPerLayer": list(hidden), "activationFunction": "tanh",
           "learningRate": 0.1, "epochs": 100, "batchSize": 1, "shuffle": True, "seed": seed,
           "initWeightsBiasesMethod": "random", "normalizeInputData": True,
           "normalizeMethod": "zero-to-one", "trainingDatasetCSVFile": training,
           "trainedWeightsBiasesJSONFile": f"{csv_path.stem}-trained-weights-biases.json",
           "minMaxJSONFile": f"{csv_path.stem}-minmax.json"}
    if classes:
        doc.update(outputClasses="auto", classColumn=classes[0].label,
                   outputActivationFunction="softmax",
                   lossFunction="cross-entropy", normalizeOutputData=False)
    else:
        doc.update(outputNodes=len(targets), outputNodeLabels=[c.label for c in targets],
                   outputActivationFunction="sigmoid", lossFunction="half-sse",
                   normalizeOutputData=True)
    if testing:
        doc["testingDatasetCSVFile"] = testing
    return doc
