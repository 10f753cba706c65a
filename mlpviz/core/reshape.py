"""Neurons and hidden layers added or removed by hand, as in TensorFlow Playground.

The new network's parameters are first drawn by the seeded initializer for the new shape (what
a fresh run of that shape would start from), then every weight and bias of the old network that
still has a place in the new one is copied over it:
- a weight W[l][j, i] is kept when neuron j of layer l and neuron i of the layer before it both
  survive, in a layer that keeps its place; where the layer before it is a different one
  (a layer removed or inserted in between), the old weights are kept by position, wherever the
  old matrix reaches;
- a bias b[l][j] is kept when neuron j survives.
A new hidden layer is inserted with as many neurons as the layer before it, so that the layer
after it reads as many values as before and keeps all its weights: only the new layer's own
weights are new.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .config import LARGEST_LAYER
from .edits import Change
from .errors import InputError
from .experiment import random_params
from .network import layer_views

MAX_HIDDEN_LAYERS = 64


def add_neuron(experiment, params, l):
    """One more neuron at the end of hidden layer l (1 ≤ l < L)."""
    sizes = experiment.config.sizes
    _check_hidden(sizes, l)
    if sizes[l] >= LARGEST_LAYER:
        raise InputError("network", f"hidden layer {l}", f"has the most neurons a layer may have")
    maps = _identity_maps(sizes)
    maps[l] = np.append(maps[l], -1)
    counterparts = list(range(len(sizes)))
    return _reshaped(experiment, params, maps, counterparts,
                     f"added a neuron to hidden layer {l}")


def remove_neuron(experiment, params, l, j=None):
    """Remove neuron j (default: the last) of hidden layer l; a layer keeps at least one."""
    sizes = experiment.config.sizes
    _check_hidden(sizes, l)
    j = sizes[l] - 1 if j is None else int(j)
    if not 0 <= j < sizes[l]:
        raise ValueError(f"hidden layer {l} has no neuron {j}")
    if sizes[l] == 1:
        raise InputError("network", f"hidden layer {l}", "has one neuron left; remove the "
                                                          "layer instead")
    maps = _identity_maps(sizes)
    maps[l] = np.delete(maps[l], j)
    return _reshaped(experiment, params, maps, list(range(len(sizes))),
                     f"removed neuron {j + 1} of hidden layer {l}")


def add_layer(experiment, params, at=None):
    """A new hidden layer at index `at` (1 ≤ at ≤ L; default L: just before the output), as wide
    as the layer before it."""
    sizes = experiment.config.sizes
    at = len(sizes) - 1 if at is None else int(at)
    if not 1 <= at <= len(sizes) - 1:
        raise ValueError(f"a hidden layer goes at 1 to {len(sizes) - 1}, not {at}")
    if len(sizes) - 2 >= MAX_HIDDEN_LAYERS:
        raise InputError("network", "hiddenNodesPerLayer", f"has the most hidden layers "
                                                           f"({MAX_HIDDEN_LAYERS}) mlpviz trains")
    maps = _identity_maps(sizes)
    maps.insert(at, np.full(sizes[at - 1], -1))
    counterparts = list(range(at)) + [None] + list(range(at, len(sizes)))
    return _reshaped(experiment, params, maps, counterparts,
                     f"added hidden layer {at} of {sizes[at - 1]} neurons")


def remove_layer(experiment, params, l=None):
    """Remove hidden layer l (default: the last hidden layer)."""
    sizes = experiment.config.sizes
    l = len(sizes) - 2 if l is None else int(l)
    if len(sizes) == 2:
        raise InputError("network", "hiddenNodesPerLayer", "has no hidden layer to remove")
    _check_hidden(sizes, l)
    maps = _identity_maps(sizes)
    del maps[l]
    counterparts = [k for k in range(len(sizes)) if k != l]
    return _reshaped(experiment, params, maps, counterparts, f"removed hidden layer {l}")


def _check_hidden(sizes, l):
    if not 1 <= l < len(sizes) - 1:
        raise ValueError(f"layer {l} is not a hidden layer of a {'-'.join(map(str, sizes))} "
                         "network")


def _identity_maps(sizes):
    return [np.arange(n) for n in sizes]


def _reshaped(experiment, params, maps, counterparts, did):
    """The Change to the network whose layer k has len(maps[k]) neurons, neuron j being old
    neuron maps[k][j] (−1: new) of old layer counterparts[k] (None: a new layer)."""
    old_config = experiment.config
    sizes = tuple(len(m) for m in maps)
    config = dataclasses.replace(old_config, hiddenNodesPerLayer=list(sizes[1:-1]),
                                 initWeightsBiasesMethod="random", initWeightsBiasesJSONFile=None)
    fresh = random_params(config)
    new, kept = carry_over(old_config.sizes, np.asarray(params, dtype=float), sizes, fresh,
                           maps, counterparts)
    changed = dataclasses.replace(experiment, config=config, initial_params=fresh)
    init = config.randomInit
    drawn = (f"uniform in ±{init.scale:g}" if init.weights == "uniform"
             else f"normal with σ {init.scale:g}")
    parts = [f"{kept} weights and biases kept"]
    if len(params) > kept:
        parts.append(f"{len(params) - kept} dropped")
    if new.size > kept:
        parts.append(f"{new.size - kept} new ones drawn {drawn} (seed {config.seed})")
    sentence = (f"{did}: {'-'.join(map(str, old_config.sizes))} → {'-'.join(map(str, sizes))}; "
                + ", ".join(parts))
    return Change(changed, new, sentence)


def carry_over(old_sizes, old_params, sizes, fresh, maps, counterparts):
    """`fresh` with the old parameters copied in where they still have a place; and how many."""
    old_W, old_b = layer_views(old_params, old_sizes)
    params = fresh.copy()
    W, b = layer_views(params, sizes)
    kept = 0
    for l in range(1, len(sizes)):
        ol = counterparts[l]
        if ol is None:
            continue
        rows = maps[l]
        if counterparts[l - 1] == ol - 1:
            cols = maps[l - 1]
        else:  # a different layer before it now: keep by position
            cols = np.where(np.arange(sizes[l - 1]) < old_sizes[ol - 1],
                            np.arange(sizes[l - 1]), -1)
        r, c = rows >= 0, cols >= 0
        W[l][np.ix_(r, c)] = old_W[ol][np.ix_(rows[r], cols[c])]
        b[l][r] = old_b[ol][rows[r]]
        kept += r.sum() * c.sum() + r.sum()
    return params, int(kept)
