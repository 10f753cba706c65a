"""The weights-and-biases file and the min-max file, in the cheat sheet's formats (SPEC section 3),
read into arrays with every shape checked, and written as text.
"""

from __future__ import annotations

import math

import numpy as np

from .errors import InputError
from .file_readers import read_json
from .file_writers import json_text, write_atomic

# -- typed access to JSON values ------------------------------------------------------------

def number_array(value, path, key, shape):
    """`value` as a float array of `shape` (None in shape: any length), or an InputError."""
    expected = _describe_shape(shape)
    try:
        depth = len(shape)
        if not _is_nested_numbers(value, depth):
            raise ValueError
        array = np.array(value, dtype=float)
    except (ValueError, TypeError, OverflowError, RecursionError):
        raise InputError(path, key, f"expected {expected}") from None
    if array.ndim != len(shape) or any(s is not None and s != a for s, a in zip(shape, array.shape)):
        raise InputError(path, key, f"expected {expected}, got shape {_shape_text(array.shape)}")
    if not np.all(np.isfinite(array)):
        raise InputError(path, key, "expected finite numbers, found infinity")
    return array


def _is_nested_numbers(value, depth):
    if depth == 0:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return isinstance(value, list) and all(_is_nested_numbers(v, depth - 1) for v in value)


def _shape_text(shape):
    return "×".join(str(s) for s in shape) if shape else "a single number"


def _describe_shape(shape):
    if not shape:
        return "a number"
    dims = "×".join("n" if s is None else str(s) for s in shape)
    return f"a {dims} array of numbers" if len(shape) > 1 else f"a list of {dims} numbers"


# -- the weights and biases file (the cheat sheet's format) --------------------------------

def read_weights(path, sizes, document=None):
    """Flat parameter vector for a network of `sizes` from a weights-and-biases file (`document`:
    its JSON, already read)."""
    from .network import layer_views, parameter_layout

    doc = read_json(path) if document is None else document
    if not isinstance(doc, dict):
        raise InputError(path, None, "expected a JSON object with hiddenWeights, hiddenBias, "
                                     "outputWeights and outputBias")
    for key in ("hiddenWeights", "hiddenBias", "outputWeights", "outputBias"):
        if key not in doc:
            raise InputError(path, key, "missing; a weights file needs hiddenWeights, "
                                        "hiddenBias, outputWeights and outputBias")
    hidden = len(sizes) - 2
    for key in ("hiddenWeights", "hiddenBias"):
        if not isinstance(doc[key], list) or len(doc[key]) != hidden:
            raise InputError(path, key, f"expected {hidden} hidden layer(s) for a "
                                        f"{'-'.join(map(str, sizes))} network")
    params = np.zeros(parameter_layout(sizes)[2])
    W, b = layer_views(params, sizes)
    for h in range(hidden):
        l = h + 1
        W[l][:] = number_array(doc["hiddenWeights"][h], path, f"hiddenWeights[{h}]",
                               (sizes[l], sizes[l - 1]))
        b[l][:] = number_array(doc["hiddenBias"][h], path, f"hiddenBias[{h}]", (sizes[l],))
    L = len(sizes) - 1
    W[L][:] = number_array(doc["outputWeights"], path, "outputWeights", (sizes[L], sizes[L - 1]))
    b[L][:] = number_array(doc["outputBias"], path, "outputBias", (sizes[L],))
    return params


def weights_document(network):
    """The cheat sheet's weights-and-biases JSON object for `network`."""
    L = network.L
    return {
        "hiddenWeights": [network.W[l].tolist() for l in range(1, L)],
        "hiddenBias": [network.b[l].tolist() for l in range(1, L)],
        "outputWeights": network.W[L].tolist(),
        "outputBias": network.b[L].tolist(),
    }


def write_weights(path, network):
    write_atomic(path, weights_text(network))


def weights_text(network):
    """The weights file's text for `network` (ValueError if a parameter is not finite)."""
    if not np.all(np.isfinite(network.params)):
        raise ValueError("refusing to write weights that are not finite")
    return json_text(weights_document(network))


# -- the min-max file (the cheat sheet's format) -------------------------------------------

MINMAX_KEYS = ("minInput", "maxInput", "minOutput", "maxOutput")


def read_minmax(path, inputs=None, outputs=None, need=MINMAX_KEYS, document=None):
    """The min-max file's lists as float arrays (keys not in `need` may be absent; `document`:
    its JSON, already read)."""
    doc = read_json(path) if document is None else document
    if not isinstance(doc, dict):
        raise InputError(path, None, "expected a JSON object with minInput, maxInput, "
                                     "minOutput and maxOutput")
    result = {}
    for key in MINMAX_KEYS:
        length = inputs if "Input" in key else outputs
        if key not in doc:
            if key in need:
                raise InputError(path, key, f"missing; expected a list of {length or 'n'} numbers")
            continue
        result[key] = number_array(doc[key], path, key, (length,))
    for low, high in (("minInput", "maxInput"), ("minOutput", "maxOutput")):
        if low in result and high in result:
            if result[low].shape != result[high].shape:
                raise InputError(path, high, f"expected as many numbers as {low}")
            if np.any(result[low] > result[high]):
                raise InputError(path, high, f"expected every value ≥ the one in {low}")
            with np.errstate(all="ignore"):
                wide = np.flatnonzero(~np.isfinite(result[high] - result[low]))
            if wide.size:
                raise InputError(path, f"{high}[{wide[0]}]", f"the range from {low} to {high} is "
                                 "too wide to compute with (max − min overflows)")
    return result


def write_minmax(path, inputs, outputs):
    """Write the min-max file from two MinMax ranges (inputs, outputs)."""
    write_atomic(path, minmax_text(inputs, outputs))


def minmax_text(inputs, outputs):
    """The min-max file's text for two MinMax ranges (inputs, outputs)."""
    return json_text({"minInput": inputs.low.tolist(), "maxInput": inputs.high.tolist(),
                      "minOutput": outputs.low.tolist(), "maxOutput": outputs.high.tolist()})
