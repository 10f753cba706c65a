"""`mlpviz dataset KIND …`: generate a dataset and write it as CSV (and its test part, and
optionally an experiment config that trains on it)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .datasets import csv_text, generate, test_path
from .errors import InputError
from .files import write_atomic
from .playground import dataset_config


def write_dataset(kind, out, points=200, noise=0.0, test_fraction=0.0, seed=0, config_out=None):
    """Write PATH.csv (and PATH-test.csv when there are test rows, and the config); returns the
    paths written. Everything is checked before the first file is written."""
    try:
        dataset = generate(kind, points, noise, test_fraction, seed)
    except InputError as e:  # name the flag the user typed
        flag = "KIND" if e.where == "kind" else "--" + e.where.replace(" ", "-")
        raise InputError("command line", flag, e.message) from None
    out = Path(out)
    paths = [out] + ([test_path(out)] if len(dataset.test_inputs) else [])
    for path in paths + ([Path(config_out)] if config_out else []):
        _check_writable(path)
    write_atomic(out, csv_text(dataset))
    if len(paths) > 1:
        write_atomic(paths[1], csv_text(dataset, test=True))
    if config_out:
        config_out = Path(config_out)
        write_atomic(config_out, json.dumps(_config_doc(kind, seed, paths, config_out), indent=2)
                     + "\n")
        paths.append(config_out)
    return paths


def _config_doc(kind, seed, paths, config_out):
    """The config JSON, naming the CSVs relative to the config's folder where they lie in it."""
    doc = dataset_config(kind, seed).to_json()
    folder = config_out.resolve().parent
    names = [os.path.relpath(p.resolve(), folder) for p in paths]
    doc["trainingDatasetCSVFile"] = names[0]
    if len(names) > 1:
        doc["testingDatasetCSVFile"] = names[1]
    doc["trainedWeightsBiasesJSONFile"] = f"{kind}-trained-weights-biases.json"
    doc["minMaxJSONFile"] = f"{kind}-minmax.json"
    return doc


def _check_writable(path):
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(path, None, "is a folder; give a file name such as data.csv")
    if not folder.is_dir():
        raise InputError(path, None, f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise InputError(path, None, f"the folder {folder} cannot be written to")
    if path.exists() and not path.is_file():
        raise InputError(path, None, "is a device or a pipe, not a file; give a file name")
