"""Where the network graph puts things, in data units (pure: no Qt, no pixels).

Layer l is drawn at x = l, its neurons spread vertically and centred; y grows downwards so
neuron 0 is on top. Every bias is drawn as an edge from a "+1" node at the bottom of the
previous column (the tutorials' picture: the bias is the weight of a constant input 1).
"""

from __future__ import annotations

import numpy as np


def column_positions(sizes):
    """y of every neuron per layer and of the bias node of layer l (in column l-1), in [0, 1].

    Big columns fill the height; small ones keep the spacing of an 8-high column, centred.
    """
    L = len(sizes) - 1
    counts = [sizes[l] + (1 if l < L else 0) for l in range(L + 1)]  # + the next layer's bias node
    cap = 1.0 / (min(max(counts), 8) - 1) if max(counts) > 1 else 1.0
    columns = []
    for m in counts:
        spacing = min(1.0 / (m - 1), cap) if m > 1 else 0.0
        columns.append(0.5 + (np.arange(m) - (m - 1) / 2) * spacing)
    neuron_y = [columns[l][: sizes[l]] for l in range(L + 1)]
    bias_y = [None] + [columns[l - 1][sizes[l - 1]] for l in range(1, L + 1)]
    spacing = [c[1] - c[0] if len(c) > 1 else 1.0 for c in columns]
    return neuron_y, bias_y, spacing


def label_fractions(y_from, y_to):
    """Where along each edge (0 = source, 1 = destination) its number goes, per edge (i, j).

    All numbers of one layer gap sit in one or two vertical columns; this picks the
    positions that keep the numbers in each column furthest apart. Returns t[i, j] and the
    smallest vertical gap between two numbers of the same column (data units).
    """
    y_from, y_to = np.asarray(y_from, float), np.asarray(y_to, float)
    i, j = np.meshgrid(np.arange(len(y_from)), np.arange(len(y_to)), indexing="ij")
    candidates = [np.full(i.shape, t) for t in np.arange(0.3, 0.71, 0.05)]
    for a in (0.27, 0.31, 0.35):
        for b in (0.65, 0.69, 0.73):
            candidates += [np.where(j % 2 == 0, a, b), np.where(j % 2 == 0, b, a),
                           np.where(i % 2 == 0, a, b)]

    def min_gap(t):
        y = (1 - t) * y_from[i] + t * y_to[j]
        gaps = [np.diff(np.sort(y[t == c])) for c in np.unique(t)]
        gaps = np.concatenate(gaps) if gaps else np.array([])
        return gaps.min() if gaps.size else np.inf

    scores = [min_gap(t) for t in candidates]
    best = int(np.argmax(scores))
    return candidates[best], scores[best]

