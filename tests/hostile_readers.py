"""Hostile files for the readers issue 12 added (tests/hostile_files.py has the first four):

- `classcsv`: a classifier's dataset CSV (core/class_data.py), columns by name in any order, a
  pandas index, a `classColumn`, class names or indices, read for training or to predict;
- `inspect`: File ▸ New experiment from CSV's look at a CSV (core/from_csv.inspect_csv);
- `pair`: a min-max file loaded with the weights it should have been saved with
  (core/trained.load_trained, core/model_pair.py).

Same rule: the reader returns a correct result or raises InputError naming the file."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import strategies as st

import hostile_files
from hostile_files import (CSV_CELLS, FILE_NAMES, ODD_JSON, _minmax_document, broken_json,
                           finite, mangled, spreadsheet_csv)
from mlpviz.core.class_data import ClassTable
from mlpviz.core.config import Config
from mlpviz.core.experiment import read_dataset
from mlpviz.core.from_csv import inspect_csv
from mlpviz.core.model_pair import PAIR_KEY, paired
from mlpviz.core.trained import load_trained

NEW_FORMATS = ("classcsv", "inspect", "pair")
FORMATS = hostile_files.FORMATS + NEW_FORMATS
FILE_NAMES.update({"classcsv": "hostile classes.csv", "inspect": "hostile inspect.csv",
                   "pair": "hostile-pair-minmax.json"})
CLASS_NAMES = ["round", "square", "star"]
CLASS_CELLS = CLASS_NAMES + ["0", "1", "2", "3", "2.0", "-1", "1e400", "circle", " round ", ""]
LABELS = ["x", "y", "shape", "colour", "", "Unnamed: 0", "x ", "X"]
PAIR_CONFIG = {"inputNodes": 2, "hiddenNodesPerLayer": [3], "outputNodes": 1,
               "normalizeInputData": True, "normalizeOutputData": True}
PAIR_WEIGHTS = {"hiddenWeights": [[[-0.5, -1.0], [-0.5, 0.5], [1.0, 0.0]]],
                "hiddenBias": [[0.5, 0.5, 0.5]], "outputWeights": [[0.5, -1.0, 0.0]],
                "outputBias": [0.5]}


@st.composite
def class_csv_text(draw):
    """A classifier's CSV: some of the labels in any order, each column's cells mostly what its
    label says (numbers for inputs, classes for `shape`, row numbers for an index), some odd."""
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=5))
    if draw(st.integers(0, 3)):
        labels = draw(st.permutations(["x", "y", "shape"] + labels[:draw(st.integers(0, 2))]))
    rows = []
    for r in range(draw(st.integers(0, 6))):
        width = len(labels) if draw(st.integers(0, 7)) else draw(st.integers(0, len(labels) + 1))
        rows.append([_cell(draw, label, r) for label in labels[:width]])
    separator = draw(st.sampled_from([",", ",", ";", "\t"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return end.join(separator.join(cells) for cells in [labels] + rows) + end


def _cell(draw, label, row):
    if draw(st.integers(0, 9)) == 0:
        return draw(st.one_of(st.sampled_from(CSV_CELLS), st.sampled_from(CLASS_CELLS)))
    if label in ("", "Unnamed: 0"):
        return str(row)
    if label in ("shape", "colour"):
        return draw(st.sampled_from(CLASS_CELLS[:7]))
    return repr(draw(st.floats(-1e6, 1e6)))


def _class_args(draw):
    return {"classes": draw(st.sampled_from(["auto", CLASS_NAMES, CLASS_NAMES[:2]])),
            "one_output": draw(st.booleans()),
            "classColumn": draw(st.sampled_from([None, None, "shape", "colour", "nothing"])),
            "inputs_only": draw(st.booleans())}


@st.composite
def hostile_case(draw, fmt):
    """(bytes of a broken file, the reader's arguments) for one format."""
    if fmt not in NEW_FORMATS:
        return draw(hostile_files.hostile_case(fmt))
    if fmt == "pair":
        doc = _minmax_document(draw, 2, 1)
        ids = draw(st.sampled_from(["same", "other", "none", "odd"]))
        if ids != "none":
            doc[PAIR_KEY] = "0" * 16 if ids == "other" else "@@id@@"
        text = draw(broken_json(doc)) if draw(st.integers(0, 2)) == 0 else json.dumps(doc)
        text = text.replace('"@@id@@"', "@@id@@")
        args = {"weights_id": draw(st.booleans()),
                "odd": draw(st.sampled_from(ODD_JSON[:30])) if ids == "odd" else None}
        return _bytes(draw, text), args
    if fmt == "classcsv":
        text = draw(class_csv_text())
        return _bytes(draw, text), _class_args(draw)
    text = draw(class_csv_text()) if draw(st.booleans()) else draw(spreadsheet_csv())[0]
    return _bytes(draw, text), {}


def _bytes(draw, text):
    """The file: `text` mangled a third of the time, else as UTF-8 (a lone surrogate in it as the
    bytes UTF-8 forbids)."""
    return draw(mangled(text)) if draw(st.integers(0, 2)) == 0 else \
        text.encode("utf-8", "surrogatepass")


def read(fmt, path, args):
    if fmt not in NEW_FORMATS:
        return hostile_files.read(fmt, path, args)
    if fmt == "classcsv":
        config = Config.from_json(_class_config(args), folder=path.parent, source="config.json")
        return read_dataset(path, config, inputs_only=args["inputs_only"]), config
    if fmt == "inspect":
        return inspect_csv(path)
    return _load_pair(path, args)


def _class_config(args):
    classes, one = args["classes"], args["one_output"] and args["classes"] != "auto"
    doc = {"inputNodes": 2, "inputNodeLabels": ["x", "y"], "outputClasses": classes,
           "outputActivationFunction": "sigmoid" if one else "softmax"}
    if one:
        doc.update(outputClasses=CLASS_NAMES[:2], outputNodes=1)
    if args["classColumn"]:
        doc["classColumn"] = args["classColumn"]
    return doc


def _load_pair(path, args):
    """The min-max file at `path` (its pairId written as the weights' own, or odd) loaded with
    a weights file that carries the pairId of its true partner (or none)."""
    text = path.read_bytes()
    weights_text, partner = paired(json.dumps(PAIR_WEIGHTS), "{}")
    real_id = json.loads(partner)[PAIR_KEY]
    path.write_bytes(text.replace(b"@@id@@", (args["odd"] or json.dumps(real_id)).encode()))
    weights = path.with_name("pair-weights.json")
    weights.write_text(weights_text if args["weights_id"] else json.dumps(PAIR_WEIGHTS))
    config = Config.from_json(PAIR_CONFIG, folder=path.parent, source="config.json")
    loaded = load_trained(config, weights, path)
    minmax = json.loads(path.read_bytes().decode("utf-8-sig"))  # as the reader took it
    return loaded, args["weights_id"], real_id, minmax.get(PAIR_KEY)


def violation(fmt, data, args, folder):
    """None if the engine handles this file as it must, else what went wrong."""
    if fmt not in NEW_FORMATS:
        return hostile_files.violation(fmt, data, args, folder)
    real = hostile_files.read, hostile_files._wrong_result
    hostile_files.read, hostile_files._wrong_result = read, _wrong_result
    try:
        return hostile_files.violation(fmt, data, args, folder)
    finally:
        hostile_files.read, hostile_files._wrong_result = real


def _wrong_result(fmt, result, args):
    if fmt not in NEW_FORMATS:
        return hostile_files._wrong_result(fmt, result, args)
    if fmt == "classcsv":
        table, config = result
        ok = isinstance(table, ClassTable) and np.all(np.isfinite(table.values)) and \
            table.values.shape[0] >= 1 and table.values.shape[1] == len(table.labels)
        if ok and table.truth is not None:
            ok = table.values.shape[1] == 2 + config.outputNodes and \
                np.all((0 <= table.truth) & (table.truth < len(config.outputClasses)))
        elif ok:
            ok = args["inputs_only"] and table.values.shape[1] == 2
    elif fmt == "inspect":
        ok = isinstance(result, list) and result and \
            len({len(c.cells) for c in result}) == 1 and len(result[0].cells) >= 1
    else:
        (experiment, network), weights_id, real_id, minmax_id = result
        ok = np.all(np.isfinite(network.params)) and np.all(
            experiment.input_range.low <= experiment.input_range.high)
        ok = ok and (not weights_id or minmax_id == real_id)  # never another pair's min-max
    return None if ok else f"loaded, but the result is wrong: {str(result)[:200]}"
