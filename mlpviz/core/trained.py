"""A trained network put to use (test, predict): the given weights and the min-max values it was
trained with, found or refused, never guessed.

The config's initial-weights file is not needed. With normalization on, the min-max values come
from the file given (`--minmax`), else the config's min-max file, else its training CSV; when none
of them exists, the load is refused: outputs in normalized units would be a silent wrong answer.
A weights file and a min-max file that were not saved together are refused (core/model_pair.py).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .class_data import class_names_needed
from .classes import AUTO
from .checks import check_output_range, check_span
from .config import Config, load_config
from .errors import InputError
from .experiment import Experiment, read_dataset
from .files import read_json, read_minmax, read_weights
from .model_pair import check_pair
from .normalize import MinMax


def load_trained(config, weights, minmax=None):
    """(experiment, network) with the weights file `weights` and the min-max file `minmax` (or the
    config's, or its training CSV's ranges)."""
    if not isinstance(config, Config):
        config = load_config(config)
    config = dataclasses.replace(config)  # "auto" classes are settled on this copy
    if config.outputClasses == AUTO:  # the classes are the training CSV's
        train = config.path("trainingDatasetCSVFile")
        if train is None:
            raise class_names_needed(config)
        read_dataset(train, config)
    weights_doc = read_json(weights)
    params = read_weights(weights, config.sizes, document=weights_doc)
    pair = lambda path, doc: check_pair(weights, weights_doc, path, doc)  # noqa: E731
    (input_range, output_range), source, key, notes = _ranges(config, minmax, pair)
    if source is not None:
        check_output_range(config, output_range, source, key)
    experiment = Experiment(config, params, None, None, input_range, output_range,
                            list(config.warnings) + notes)
    return experiment, experiment.network(params)


def testing_table(experiment, path=None):
    """The test CSV: `path`, else the config's testing CSV."""
    config = experiment.config
    path = path or config.path("testingDatasetCSVFile")
    if path is None:
        raise InputError(config.source, "testingDatasetCSVFile",
                         "missing; give a test CSV with --data or in the config")
    return read_dataset(path, config)


def _ranges(config, minmax, pair):
    n_in, n_out = config.inputNodes, config.outputNodes
    method = config.normalizeMethod
    if minmax is not None:
        return _from_file(minmax, n_in, n_out, method, pair), minmax, "minOutput", []
    if not (config.normalizeInputData or config.normalizeOutputData):
        unused = MinMax(np.zeros(n_in), np.ones(n_in), method)
        return (unused, MinMax(np.zeros(n_out), np.ones(n_out), method)), None, None, []
    path = config.path("minMaxJSONFile")
    if path is not None and path.is_file():
        return _from_file(path, n_in, n_out, method, pair), path, "minOutput", []
    train = config.path("trainingDatasetCSVFile")
    if train is not None and train.is_file():
        table = read_dataset(train, config)
        ranges = (MinMax.calculate(table.values[:, :n_in], method),
                  MinMax.calculate(table.values[:, n_in:], method))
        labels = config.inputNodeLabels + config.outputNodeLabels
        for scale, offset in zip(ranges, (0, n_in)):
            check_span(scale, train, lambda k, offset=offset: f"column {labels[offset + k]}")
        return ranges, train, None, table.notes
    raise InputError(config.source, "minMaxJSONFile",
                     "the config normalizes its data, but the min-max values it was trained with "
                     "cannot be found (no min-max file, no training CSV): give the min-max file "
                     "training wrote (--minmax PATH)")


def _from_file(path, n_in, n_out, method, pair):
    """The min-max file's ranges, once `pair(path, document)` found it saved with the weights."""
    document = read_json(path)
    ranges = read_minmax(path, n_in, n_out, document=document)
    pair(path, document)
    return (MinMax(ranges["minInput"], ranges["maxInput"], method),
            MinMax(ranges["minOutput"], ranges["maxOutput"], method))
