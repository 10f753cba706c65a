"""The experiment config: one JSON object, keys named after the cheat sheet's Go struct.

Every key but the network's shape has a default. Unknown keys are ignored. Relative paths resolve
against the config file's own folder. Validation names the key and what was expected.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from .activations import ACTIVATIONS
from .classes import Classes
from .errors import InputError
from .config_checker import Checker, RandomInit
from .config_keys import near_misses
from .files import read_json
from .losses import LOSSES
from .normalize import METHODS
from .optimizers import OPTIMIZERS

PATH_KEYS = ("initWeightsBiasesJSONFile", "minMaxJSONFile", "trainingDatasetCSVFile",
             "testingDatasetCSVFile", "trainedWeightsBiasesJSONFile")
# The files a run writes (the command line's train writes both; see outside_folder).
OUTPUT_KEYS = ("trainedWeightsBiasesJSONFile", "minMaxJSONFile")
LARGEST_LAYER = 100_000
NO_FILE = ("", "N/A")  # what the cheat sheet's Go package writes for "no file"
# randomInit.scale: beyond this every neuron saturates (and 1e308 overflows the generator).
LIMITS = {"epochs": (0, 10**12), "seed": (0, 2**63 - 1)}  # whole-number keys the command line sets
NOT_KEYS = ("folder", "source", "warnings")  # attributes that are not written to the JSON
# Weights and biases a network may have: 80 MB of float64, ~12× MNIST's 784-1000-1000-10. Larger
# shapes are refused by name rather than exhausting memory (each snapshot copies the parameters).
MAX_PARAMETERS = 10_000_000


@dataclass
class Config:
    """One experiment. Attribute names are the JSON keys."""

    inputNodes: int
    outputNodes: int | None  # None only while outputClasses "auto" waits for the training data
    hiddenNodesPerLayer: list = field(default_factory=list)
    inputNodeLabels: list | None = None
    outputNodeLabels: list | None = None
    activationFunction: str = "sigmoid"
    outputActivationFunction: str | None = None
    lossFunction: str = "half-sse"
    learningRate: float = 0.1
    epochs: int = 10
    startSpeed: float = 0.0  # updates a second a run starts at in the window (0: full speed)
    batchSize: int = 1
    shuffle: bool = False
    seed: int = 0
    trainBiases: bool = True
    optimizer: str = "sgd"  # SPEC section 9: sgd, momentum, nesterov, rmsprop, adam
    momentum: float = 0.9
    rmspropDecay: float = 0.99
    adamBeta1: float = 0.9
    adamBeta2: float = 0.999
    epsilon: float = 1e-8
    l2: float = 0.0
    l1: float = 0.0
    initWeightsBiasesMethod: str = "random"
    initWeightsBiasesJSONFile: str | None = None
    randomInit: RandomInit = field(default_factory=RandomInit)
    normalizeInputData: bool = False
    normalizeOutputData: bool = False
    normalizeMethod: str = "zero-to-one"
    minMaxInputMethod: str = "calculate"
    minMaxOutputMethod: str = "calculate"
    minMaxJSONFile: str | None = "minmax.json"
    trainingDatasetCSVFile: str | None = None
    testingDatasetCSVFile: str | None = None
    trainedWeightsBiasesJSONFile: str | None = "trained-weights-biases.json"
    title: str = ""
    description: str = ""
    outputClasses: list | str | None = None  # class names, "auto", or None (numeric targets)
    classColumn: str | None = None  # the class column's label in the CSVs (None: the one not an input)
    inputImage: list | None = None  # [height, width] when the inputs are an image's pixels
    folder: Path = field(default_factory=Path.cwd)  # where relative paths resolve; not a JSON key
    source: str | None = None  # the file it came from, for messages; not a JSON key
    warnings: list = field(default_factory=list)  # sentences to show (near-miss keys); not a key

    def __post_init__(self):
        if self.inputNodeLabels is None:
            self.inputNodeLabels = [f"i{i}" for i in range(self.inputNodes)]
        if self.outputNodeLabels is None and self.outputNodes is not None:
            self.outputNodeLabels = _class_labels(self.outputClasses, self.outputNodes) or \
                [f"z{k}" for k in range(self.outputNodes)]
        if self.outputActivationFunction is None:
            self.outputActivationFunction = self.activationFunction

    @property
    def sizes(self):
        return (self.inputNodes, *self.hiddenNodesPerLayer, self.outputNodes)

    @property
    def image_shape(self):
        """(height, width) when the inputs are an image: inputImage, or 8×8 and 28×28 by count."""
        if self.inputImage:
            return tuple(self.inputImage)
        return {64: (8, 8), 784: (28, 28)}.get(self.inputNodes)

    @property
    def classes(self):
        """The Classes of a classifier whose class names are known (None otherwise)."""
        if not isinstance(self.outputClasses, list) or self.outputNodes is None:
            return None
        return Classes(self.outputClasses, one_output=self.outputNodes == 1)

    def resolve_classes(self, names):
        """Settle outputClasses "auto" with the training data's classes: the output nodes and
        their labels follow, unless the config gave them (then they must fit)."""
        check = Checker({}, self.source)
        check.fit_outputs(names, self.outputNodes)
        self.outputClasses = list(names)
        if self.outputNodes is None:
            self.outputNodes = len(names)
            _check_parameter_count(vars(self), self.source)
        labels = _class_labels(self.outputClasses, self.outputNodes)
        if self.outputNodeLabels is None:
            self.outputNodeLabels = labels
        elif len(self.outputNodeLabels) != self.outputNodes:
            raise InputError(self.source, "outputNodeLabels", f"expected {self.outputNodes} "
                             f"labels (the classes are {', '.join(names)}), got "
                             f"{len(self.outputNodeLabels)}")
        return self.classes

    def path(self, key):
        """The file a path key names, resolved against the config's folder (None if unset)."""
        value = getattr(self, key)
        return None if not value else (self.folder / value)

    def outside_folder(self, keys=OUTPUT_KEYS):
        """(key, resolved path) of each file named under `keys` that lies outside the config's
        folder, through "..", an absolute path or a symbolic link: a config found somewhere must
        not quietly make mlpviz overwrite, say, ../../.bashrc."""
        folder = _resolved(self.folder)
        found = []
        for key in keys:
            path = self.path(key)
            if path is not None and not _resolved(path).is_relative_to(folder):
                found.append((key, _resolved(path)))
        return found

    def to_json(self):
        """The JSON object for this config (paths as written, not resolved)."""
        doc = {}
        for f in fields(self):
            if f.name in NOT_KEYS:
                continue
            value = getattr(self, f.name)
            if isinstance(value, RandomInit):
                value = {"weights": value.weights, "scale": value.scale, "biases": value.biases}
            if value is not None:
                doc[f.name] = value
        return doc

    @classmethod
    def from_json(cls, doc, folder=None, source=None):
        """A validated Config from a parsed JSON object; InputError names the bad key."""
        if not isinstance(doc, dict):
            raise InputError(source, None, "expected a JSON object of settings")
        check = Checker(doc, source)
        classes = check.output_classes("outputClasses")
        values = dict(
            inputNodes=check.integer("inputNodes", 1, LARGEST_LAYER, required=True),
            outputNodes=check.integer("outputNodes", 1, LARGEST_LAYER, required=classes is None),
            hiddenNodesPerLayer=check.int_list("hiddenNodesPerLayer", 1, LARGEST_LAYER),
            activationFunction=check.hidden_activation("activationFunction"),
            lossFunction=check.choice("lossFunction", LOSSES, "half-sse"),
            learningRate=check.real("learningRate", 0.0, 0.1),
            epochs=check.integer("epochs", *LIMITS["epochs"], 10),
            startSpeed=check.real("startSpeed", 0.0, 0.0),
            batchSize=check.integer("batchSize", 0, 10**12, 1),
            shuffle=check.boolean("shuffle", False),
            seed=check.integer("seed", *LIMITS["seed"], 0),
            trainBiases=check.boolean("trainBiases", True),
            **_optimizer_keys(check),
            initWeightsBiasesMethod=check.choice("initWeightsBiasesMethod", ("file", "random"),
                                                 "random"),
            randomInit=check.random_init("randomInit"),
            normalizeInputData=check.boolean("normalizeInputData", False),
            normalizeOutputData=check.boolean("normalizeOutputData", False),
            normalizeMethod=check.choice("normalizeMethod", METHODS, "zero-to-one"),
            minMaxInputMethod=check.choice("minMaxInputMethod", ("calculate", "file"), "calculate"),
            minMaxOutputMethod=check.choice("minMaxOutputMethod", ("calculate", "file"),
                                            "calculate"),
            title=check.text("title", ""),
            description=check.text("description", ""),
        )
        values["outputClasses"], values["classColumn"] = classes, check.class_column("classColumn")
        values["inputImage"] = check.image_shape("inputImage", values["inputNodes"])
        if isinstance(classes, list):
            values["outputNodes"] = check.fit_outputs(classes, values["outputNodes"])
        if classes is not None and values["normalizeOutputData"]:
            raise InputError(source, "normalizeOutputData", "output normalization does not apply "
                             "to classes (outputClasses); set it to false")
        if values["outputNodes"] is not None:
            _check_parameter_count(values, source)
        values["outputActivationFunction"] = check.choice(
            "outputActivationFunction", ACTIVATIONS, values["activationFunction"])
        if values["outputActivationFunction"] == "softmax" and (values["outputNodes"] or 2) < 2:
            raise InputError(source, "outputActivationFunction",
                             "expected at least two output nodes for softmax (its outputs "
                             "sum to 1); for one output use sigmoid")
        values["inputNodeLabels"] = check.labels("inputNodeLabels", values["inputNodes"], "i")
        values["outputNodeLabels"] = check.output_labels(values["outputNodes"], classes)
        for key in PATH_KEYS:
            value = check.text(key, getattr(cls, key, None), allow_none=True)
            values[key] = None if value is None or value.strip() in NO_FILE else value
        if values["initWeightsBiasesMethod"] == "file" and not values["initWeightsBiasesJSONFile"]:
            raise InputError(source, "initWeightsBiasesJSONFile",
                             "required when initWeightsBiasesMethod is \"file\"")
        folder = Path(folder) if folder is not None else Path.cwd()
        known = [f.name for f in fields(cls) if f.name not in NOT_KEYS]
        warnings = [f"{_place(source)}{text}" for text in near_misses(doc, known)]
        return cls(**values, folder=folder, source=source, warnings=warnings)


def override(config, key, value, option):
    """Set `key` from the command line's `option`, within the limits a config file has."""
    check = Checker({key: value}, "command line")
    try:
        if key in ("learningRate", "l2", "l1"):
            value = check.real(key, 0.0, None)
        elif key == "optimizer":
            value = check.choice(key, OPTIMIZERS, None)
        else:
            value = check.integer(key, *LIMITS[key])
    except InputError as e:
        raise InputError("command line", option, e.message) from None
    setattr(config, key, value)


def _place(source):
    return f"{source}: " if source else ""


def _optimizer_keys(check):
    """The optimizer's keys (SPEC section 9), with their defaults and PyTorch's ranges."""
    return dict(
        optimizer=check.choice("optimizer", OPTIMIZERS, "sgd"),
        momentum=check.fraction("momentum", 0.9, one=True),
        rmspropDecay=check.fraction("rmspropDecay", 0.99, one=True),
        adamBeta1=check.fraction("adamBeta1", 0.9),
        adamBeta2=check.fraction("adamBeta2", 0.999),
        epsilon=check.positive("epsilon", 1e-8),
        l2=check.real("l2", 0.0, 0.0),
        l1=check.real("l1", 0.0, 0.0),
    )


def _resolved(path):
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL byte: judge the text
        return Path(os.path.abspath(path))


def _check_parameter_count(values, source):
    sizes = (values["inputNodes"], *values["hiddenNodesPerLayer"], values["outputNodes"])
    count = sum(n * (m + 1) for m, n in zip(sizes, sizes[1:]))
    if count > MAX_PARAMETERS:
        raise InputError(source, "hiddenNodesPerLayer",
                         f"a {'-'.join(map(str, sizes))} network has {count:,} weights and "
                         f"biases; mlpviz trains networks of up to {MAX_PARAMETERS:,}")


def _class_labels(classes, outputs):
    """Output labels from class names: one per class, or the second class's for one output."""
    if not isinstance(classes, list):
        return None
    return [classes[1]] if outputs == 1 and len(classes) == 2 else list(classes)


def load_config(path):
    """Read and validate a config file."""
    path = Path(path)
    return Config.from_json(read_json(path), folder=path.resolve().parent, source=str(path))
