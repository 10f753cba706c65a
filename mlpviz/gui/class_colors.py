"""One colour per class, and decision regions as an image: the class that wins at each point in
its colour, paler where the network is less sure (the winning probability as strength)."""

from __future__ import annotations

import numpy as np

# Ten well-separated colours (the Tableau 10 set), then they repeat.
CLASS_COLOURS = ((31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                 (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207))
UNSURE = np.array([245.0, 245.0, 245.0])  # where the winner is barely ahead: almost white


def class_colour(k):
    return CLASS_COLOURS[k % len(CLASS_COLOURS)]


def region_rgb(probabilities):
    """(rows, cols, K) class probabilities → (rows, cols, 3) uint8: the argmax's colour, mixed
    from near-white at probability 1/K (a tie of all) to the full colour at probability 1."""
    K = probabilities.shape[-1]
    winner = np.argmax(probabilities, axis=-1)
    p = np.take_along_axis(probabilities, winner[..., None], axis=-1)[..., 0]
    strength = np.clip((p - 1.0 / K) / (1.0 - 1.0 / K), 0.0, 1.0)[..., None]
    palette = np.array([class_colour(k) for k in range(K)], dtype=float)
    rgb = UNSURE + (palette[winner] - UNSURE) * (0.2 + 0.8 * strength)
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
