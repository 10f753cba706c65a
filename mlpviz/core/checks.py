"""Setups that would train or predict without an error and give wrong numbers: refused by name.

SPEC section 10: targets the output activation cannot reach (a sigmoid output and targets of
25–346 with output normalization off); a column of class numbers fed to a one-output sigmoid
regression; an output column whose min equals its max (every prediction would be that value);
min-max ranges too wide to compute with. Each InputError names the file and the column or key, and
says what to change.
"""

from __future__ import annotations

import math

import numpy as np

from .errors import InputError

# The values each output activation can give: targets outside can never be reached.
OUTPUT_RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, math.inf),
                 "linear": (-math.inf, math.inf), "softmax": (0.0, 1.0)}
MOST_CLASSES = 20  # more distinct whole numbers than this look like a measured quantity


def check_targets(config, table, scale, source):
    """Refuse training targets (raw `table` values, `scale` the output normalization) that the
    output activation cannot reach, or that are class numbers meant for `outputClasses`."""
    targets = table.values[:, config.inputNodes:]
    if targets.shape[1] == 0 or getattr(config, "outputClasses", None):
        return
    _check_class_numbers(config, targets, source)
    low, high = OUTPUT_RANGES.get(config.outputActivationFunction, (-math.inf, math.inf))
    with np.errstate(all="ignore"):
        scaled = scale.normalize(targets)
    for k, label in enumerate(config.outputNodeLabels):
        below, above = scaled[:, k].min(), scaled[:, k].max()
        if below >= low - 1e-12 and above <= high + 1e-12:
            continue
        raise InputError(source, f"column {label}",
                         _out_of_range(config, targets[:, k], (below, above), (low, high)))


def _out_of_range(config, raw, scaled, reach):
    act = config.outputActivationFunction
    gives = f"a {act} output only gives values from {reach[0]:g} to {reach[1]:g}"
    if not config.normalizeOutputData:
        return (f"the targets run from {raw.min():g} to {raw.max():g}, but {gives}: set "
                f"\"normalizeOutputData\": true (or use \"outputActivationFunction\": \"linear\")")
    return (f"the normalized targets run from {scaled[0]:g} to {scaled[1]:g} "
            f"(normalizeMethod \"{config.normalizeMethod}\", minMaxOutputMethod "
            f"\"{config.minMaxOutputMethod}\"), but {gives}: choose a normalizeMethod or output "
            f"activation whose ranges agree, or min-max values that cover the targets")


def _check_class_numbers(config, targets, source):
    if config.outputNodes != 1 or config.outputActivationFunction != "sigmoid":
        return
    column = targets[:, 0]
    if not np.all(column == np.round(column)):
        return
    classes = np.unique(column)
    first = classes[0]
    consecutive = np.array_equal(classes, np.arange(first, first + len(classes)))
    if 2 < len(classes) <= MOST_CLASSES and consecutive and first in (0, 1):
        shown = ", ".join(f"{c:g}" for c in classes[:5]) + (", …" if len(classes) > 5 else "")
        raise InputError(source, f"column {config.outputNodeLabels[0]}",
                         f"holds {len(classes)} class numbers ({shown}), which one sigmoid output "
                         f"cannot tell apart: set \"outputClasses\": \"auto\" for one output per "
                         f"class")


def check_output_range(config, output_range, source, key=None):
    """With output normalization on, refuse an output column whose min equals its max."""
    if not config.normalizeOutputData:
        return
    for k, label in enumerate(config.outputNodeLabels):
        if output_range.low[k] == output_range.high[k]:
            value = f"{output_range.low[k]:g}"
            raise InputError(source, key or f"column {label}",
                             f"min == max ({value}) for output {label}, so every prediction "
                             f"would be {value}: use data in which {label} varies, or set "
                             f"\"normalizeOutputData\": false")


def check_span(min_max, source, where):
    """Refuse a min-max range whose width overflows (every normalized value would be 0 or NaN,
    every prediction infinite)."""
    with np.errstate(all="ignore"):
        span = min_max.high - min_max.low
    bad = np.flatnonzero(~np.isfinite(span))
    if bad.size:
        k = int(bad[0])
        raise InputError(source, where(k),
                         f"the range from {min_max.low[k]:g} to {min_max.high[k]:g} is too wide "
                         f"to compute with (max − min overflows); rescale this column")
