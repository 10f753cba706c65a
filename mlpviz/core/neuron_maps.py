"""What each hidden neuron computes over the input plane (TensorFlow Playground's small maps).

For a network with two inputs, every hidden neuron's activation out[l][j] is a function of the
point (x1, x2); evaluated over a grid of the plane (in the data's own units, normalized as the
network sees them) it is a small image per neuron.
"""

from __future__ import annotations

import numpy as np

RESOLUTION = 24  # points per side: the maps are drawn inside circles a few dozen pixels wide

# The range each activation's values lie in, for a colour scale that means the same at every
# step (None: unbounded, scaled to what the map holds).
RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, None), "linear": (None, None)}


def plane_grid(bounds, resolution=RESOLUTION):
    """(resolution², 2) points of the rectangle bounds = ((x1 low, x1 high), (x2 low, x2 high)),
    row by row from x2 low: point [r·resolution + c] is (x1 of column c, x2 of row r)."""
    (x_low, x_high), (y_low, y_high) = bounds
    gx, gy = np.meshgrid(np.linspace(x_low, x_high, resolution),
                         np.linspace(y_low, y_high, resolution))
    return np.column_stack([gx.ravel(), gy.ravel()])


def neuron_maps(experiment, network, bounds, resolution=RESOLUTION):
    """out[l][j] over the grid, for every hidden layer l: a list (index l − 1) of arrays of shape
    (n_l, resolution, resolution), [j, row (x2), column (x1)]."""
    if network.sizes[0] != 2:
        raise ValueError("neuron maps are drawn for networks with two inputs")
    points = experiment.input_scale.normalize(plane_grid(bounds, resolution))
    forward = network.forward(points)
    return [forward.out[l].T.reshape(network.sizes[l], resolution, resolution)
            for l in range(1, network.L)]


def value_range(activation, maps):
    """(low, high) for colouring maps of this activation: its range, or the maps' own extent."""
    low, high = RANGES.get(activation, (None, None))
    if low is None or high is None:
        extent = float(np.max(np.abs(maps))) if np.size(maps) else 1.0
        extent = extent if extent > 0 and np.isfinite(extent) else 1.0
        low = -extent if low is None else low
        high = extent if high is None else high
    return low, high
