"""An experiment: a config with its data, min-max ranges and initial weights, loaded and checked.

Loading reads and validates every file the config names before anything is returned, so a failed
load leaves the caller's previous experiment untouched. This is the one place the command line
and the window turn a config into a network and a trainer.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .checks import check_output_range, check_span, check_targets
from .class_data import class_names_needed, read_class_csv
from .classes import AUTO
from .config import Config, load_config
from .csv_files import read_csv
from .errors import InputError
from .files import read_json, read_minmax, read_weights, write_minmax, write_weights
from .model_pair import check_pair
from .network import Network, layer_views, parameter_layout
from .normalize import Identity, MinMax
from .optimizers import OptimizerSettings
from .trainer import Trainer


def read_dataset(path, config, progress=None, inputs_only=False):
    """A dataset CSV for `config`: inputs then targets, or inputs then one class column; columns by
    name when the header has the config's labels, else by position. `inputs_only`: the targets
    may be missing (a file to predict)."""
    if config.outputClasses is not None:
        return read_class_csv(path, config, progress, inputs_only=inputs_only)
    inputs = list(config.inputNodeLabels)
    both = inputs + list(config.outputNodeLabels)
    if inputs_only:
        return read_csv(path, (len(inputs), len(both)), progress, names=[both, inputs])
    return read_csv(path, len(both), progress, names=[both])


def random_params(config: Config):
    """Seeded initial weights: uniform in [−r, r] or normal(0, r); biases zero or drawn alike."""
    sizes = config.sizes
    rng = np.random.default_rng(config.seed)
    params = np.zeros(parameter_layout(sizes)[2])
    W, b = layer_views(params, sizes)
    init = config.randomInit

    def draw(shape):
        if init.weights == "normal":
            return rng.normal(0.0, init.scale, shape)
        return rng.uniform(-init.scale, init.scale, shape)

    for l in range(1, len(sizes)):
        W[l][:] = draw(W[l].shape)
        if init.biases == "random":
            b[l][:] = draw(b[l].shape)
    return params


def _part(progress, start, end):
    """A progress callback for one part of a longer job: fractions mapped into [start, end]."""
    if progress is None:
        return None
    return lambda fraction: progress(start + (end - start) * fraction)


@dataclass
class Experiment:
    config: Config
    initial_params: np.ndarray
    train: object  # files.Table of raw values, or None when the config names no training data
    test: object  # files.Table or None
    input_range: MinMax  # min and max of each input column (always known, written to the min-max file)
    output_range: MinMax
    warnings: list = field(default_factory=list)  # sentences to show once: near-miss keys, notes
    data_edited: bool = False  # training points were added or removed by hand (edits.py)

    @classmethod
    def load(cls, config: Config | str | Path, need_training_data=True, progress=None):
        """Read everything the config names; raise InputError on the first problem.

        `progress(fraction)` hears how far reading the datasets got; returning False cancels
        (files.Cancelled)."""
        if not isinstance(config, Config):
            config = load_config(config)
        config = dataclasses.replace(config)  # "auto" classes are settled on this copy
        train = test = None
        train_path = config.path("trainingDatasetCSVFile")
        test_path = config.path("testingDatasetCSVFile")
        if train_path is not None:
            share = 0.8 if test_path is not None else 1.0
            train = read_dataset(train_path, config, _part(progress, 0.0, share))
        elif need_training_data:
            raise InputError(config.source, "trainingDatasetCSVFile",
                             "missing; expected the path of a training CSV")
        elif config.outputClasses == AUTO:
            raise class_names_needed(config)
        if test_path is not None:
            start = 0.8 if train_path is not None else 0.0
            test = read_dataset(test_path, config, _part(progress, start, 1.0))
        input_range, output_range = cls._ranges(config, train)
        if train is not None:
            cls._check(config, train, input_range, output_range)
        if config.initWeightsBiasesMethod == "file":
            params = cls._read_start(config)
        else:
            params = random_params(config)
        notes = [note for table in (train, test) if table is not None for note in table.notes]
        return cls(config, params, train, test, input_range, output_range,
                   list(config.warnings) + notes)

    @staticmethod
    def _read_start(config):
        """The starting weights file's parameters; refused when the min-max values also come from
        a file and the two were not saved together (core/model_pair.py): training on from weights
        beside another run's min-max file would scale every input wrongly, in silence."""
        weights = config.path("initWeightsBiasesJSONFile")
        weights_doc = read_json(weights)
        params = read_weights(weights, config.sizes, document=weights_doc)
        minmax = config.path("minMaxJSONFile")
        if "file" in (config.minMaxInputMethod, config.minMaxOutputMethod) and minmax is not None:
            check_pair(weights, weights_doc, minmax, read_json(minmax))
        return params

    @staticmethod
    def _check(config, train, input_range, output_range):
        """No silent wrong answers (core/checks.py): every range computable, outputs that vary,
        targets the output activation can reach."""
        source = config.path("trainingDatasetCSVFile")
        from_file = config.path("minMaxJSONFile")
        sides = ((input_range, config.minMaxInputMethod, config.inputNodeLabels, "Input"),
                 (output_range, config.minMaxOutputMethod, config.outputNodeLabels, "Output"))
        for scale, method, labels, side in sides:
            if method == "file":
                check_span(scale, from_file, lambda k, side=side: f"max{side}[{k}]")
            else:
                check_span(scale, source, lambda k, labels=labels: f"column {labels[k]}")
        if config.minMaxOutputMethod == "file":
            check_output_range(config, output_range, from_file, "minOutput")
        else:
            check_output_range(config, output_range, source)
        scale = output_range if config.normalizeOutputData else Identity()
        check_targets(config, train, scale, source)

    @staticmethod
    def _ranges(config, train):
        n_in, n_out = config.inputNodes, config.outputNodes
        need = [k for k, side in (("minInput", config.minMaxInputMethod),
                                  ("maxInput", config.minMaxInputMethod),
                                  ("minOutput", config.minMaxOutputMethod),
                                  ("maxOutput", config.minMaxOutputMethod)) if side == "file"]
        from_file = {}
        if need:
            path = config.path("minMaxJSONFile")
            if path is None:
                raise InputError(config.source, "minMaxJSONFile",
                                 "required when a minMax…Method is \"file\"")
            from_file = read_minmax(path, n_in, n_out, need)
        ranges = []
        for side, cols, method in (("Input", slice(0, n_in), config.minMaxInputMethod),
                                   ("Output", slice(n_in, n_in + n_out), config.minMaxOutputMethod)):
            if method == "file":
                ranges.append(MinMax(from_file[f"min{side}"], from_file[f"max{side}"],
                                     config.normalizeMethod))
            elif train is not None:
                ranges.append(MinMax.calculate(train.values[:, cols], config.normalizeMethod))
            else:
                width = cols.stop - cols.start
                ranges.append(MinMax(np.zeros(width), np.ones(width), config.normalizeMethod))
        return ranges

    @property
    def classes(self):
        """The classes of a classifier (core.classes.Classes), or None."""
        return self.config.classes

    def read_table(self, path, progress=None):
        """A dataset for this experiment (inputs and targets, or inputs and a class column)."""
        return read_dataset(path, self.config, progress)

    def read_inputs(self, path, progress=None):
        """A file to predict: the inputs, and the targets (or class column) where it has them."""
        return read_dataset(path, self.config, progress, inputs_only=True)

    # -- normalization ------------------------------------------------------------------

    @property
    def input_scale(self):
        return self.input_range if self.config.normalizeInputData else Identity()

    @property
    def output_scale(self):
        return self.output_range if self.config.normalizeOutputData else Identity()

    def normalized(self, table):
        """(X, Z) of a data table, normalized as the config says."""
        n_in = self.config.inputNodes
        return (self.input_scale.normalize(table.values[:, :n_in]),
                self.output_scale.normalize(table.values[:, n_in:]))

    # -- the network and its training ---------------------------------------------------

    def network(self, params=None):
        c = self.config
        return Network(c.sizes, c.activationFunction, c.outputActivationFunction,
                       self.initial_params if params is None else params)

    def trainer(self, network=None, data=None):
        """A trainer at step 0 on the normalized training data (or on `data`, (X, Z) already
        normalized: another trainer's arrays, shared rather than copied)."""
        if self.train is None:
            raise InputError(self.config.source, "trainingDatasetCSVFile",
                             "missing; expected the path of a training CSV")
        c = self.config
        X, Z = self.normalized(self.train) if data is None else data
        return Trainer(network or self.network(), X, Z, learning_rate=c.learningRate,
                       batch_size=c.batchSize, loss=c.lossFunction, train_biases=c.trainBiases,
                       shuffle=c.shuffle, seed=c.seed,
                       optimizer=OptimizerSettings.from_config(c))

    def mean_loss(self, network, table):
        """Mean sample loss (normalized space) of `network` on a data table."""
        X, Z = self.normalized(table)
        return network.loss(X, Z, self.config.lossFunction)

    def predict(self, network, inputs):
        """Outputs for raw input rows, denormalized to the data's own units."""
        return self.output_scale.denormalize(network.predict(self.input_scale.normalize(inputs)))

    # -- saving -------------------------------------------------------------------------

    def save_weights(self, network, path=None):
        write_weights(path or self.config.path("trainedWeightsBiasesJSONFile"), network)

    def save_minmax(self, path=None):
        write_minmax(path or self.config.path("minMaxJSONFile"), self.input_range,
                     self.output_range)
