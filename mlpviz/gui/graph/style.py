"""What the network graph draws with: its limits, colours and sizes, how it prints numbers, and
what a click selects. Shared by the parts of the graph; Qt only for colours."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

MAX_EDGES = 5000  # above this, only the strongest edges are drawn
ANTIALIAS_EDGES = 600  # smooth lines only where few enough to afford them
MAX_LABELLED_WEIGHTS = 40  # numbers on edges up to this many weights ...
MAX_LABELLED_NEURONS = 12  # ... and numbers on neurons of layers up to this size
DELTA_GAMMA = 0.5  # δ rings on a square-root scale: hidden δ are often 10× smaller than output δ

SELECT_COLOR = QColor(20, 20, 20)
EMPHASIS_COLOR = QColor(255, 176, 0, 210)  # amber halo of highlighted neurons
BAND_COLOR = QColor(255, 240, 196)  # behind the edges into a highlighted layer
OUTLINE_COLOR = QColor(90, 90, 90)
NO_DATA_COLOR = QColor(250, 250, 250)
BIAS_NODE_COLOR = QColor(225, 225, 225)

@dataclass(frozen=True)
class Selection:
    """What was clicked: a neuron (layer, node), a weight w[layer][node][source] or a bias b[layer][node]."""

    kind: str  # "neuron", "weight" or "bias"
    layer: int
    node: int
    source: int | None = None

@dataclass
class Style:
    """Sizes that presentation mode enlarges."""

    font_pt: float
    small_font_pt: float
    neuron_px: int  # largest neuron diameter
    ring_px: float  # largest δ ring width
    edge_px: float  # widest edge of a small network

NORMAL = Style(font_pt=11, small_font_pt=11, neuron_px=74, ring_px=6, edge_px=5)
PRESENTATION = Style(font_pt=16, small_font_pt=15, neuron_px=104, ring_px=8, edge_px=7)


def zoomed(style, factor):
    """`style` with its text (and the neurons that hold numbers) `factor` times as large."""
    return Style(font_pt=style.font_pt * factor, small_font_pt=style.small_font_pt * factor,
                 neuron_px=int(round(style.neuron_px * factor)), ring_px=style.ring_px,
                 edge_px=style.edge_px)

FMT_CHARS = 7  # the width the graph makes room for: "−0.0000"


def fmt(value):
    """A number as the graph prints it: 4 significant digits, in at most FMT_CHARS characters
    (fewer digits, then a short exponent, as needed): after a divergence −3.5e+154 overflowed
    its neuron (defect 18); it is "−4e154" now, and an infinity "∞"."""
    if value is None:
        return "–"
    value = float(value)
    if not np.isfinite(value):
        return "nan" if np.isnan(value) else ("∞" if value > 0 else "−∞")
    if value == 0:
        return "0"
    text = f"{value:.4g}"
    for digits in (3, 2, 1, 0):  # the most digits that fit, plain before scientific
        if len(text) <= FMT_CHARS and "e" not in text:
            return text
        mantissa, exponent = f"{value:.{digits}e}".split("e")
        short = f"{mantissa}e{int(exponent)}"
        if len(short) <= FMT_CHARS:
            return short
        text = f"{value:.{digits}g}"
    return short

def fmt3(value):
    """A number as the legends print it: 3 significant digits."""
    return f"{value:.3g}"

def centred():
    from PySide6.QtGui import QTextOption

    return QTextOption(Qt.AlignmentFlag.AlignHCenter)

def labels_or_defaults(labels, n, prefix):
    labels = list(labels or [])
    return [str(labels[k]) if k < len(labels) else f"{prefix}{k + 1}" for k in range(n)]

def per_layer(arrays, sizes):
    """One sample's values per layer as 1-D arrays (a batch of one row is accepted)."""
    if arrays is None:
        return None
    result = []
    for l, a in enumerate(arrays):
        if a is None:
            result.append(None)
            continue
        a = np.asarray(a, dtype=float).reshape(-1)
        if a.size != sizes[l]:
            raise ValueError(f"layer {l}: expected {sizes[l]} values, got {a.size}")
        result.append(a)
    return result

def same_arrays(a, b):
    return all((x is None and y is None) or (x is not None and y is not None and np.array_equal(x, y))
               for x, y in zip(a, b))

def range_text(activation):
    if activation == "sigmoid":
        return "0", "0.5", "1"
    if activation == "tanh":
        return "−1", "0", "1"
    return "0", "", "layer max"

MAX_LABEL_CHARS = 16  # an input or output label longer than this is shortened; hover shows it all


def short_label(label):
    """A label as the graph prints it beside its neuron: control characters as spaces, and a
    long one shortened in the middle ("mean concav…oints"), so that a wide CSV's column names
    leave the graph its room (the full name is in the neuron's tooltip)."""
    text = " ".join("".join(c if c.isprintable() else " " for c in str(label)).split())
    if len(text) <= MAX_LABEL_CHARS:
        return text
    head = (MAX_LABEL_CHARS - 1) * 2 // 3
    return f"{text[:head].rstrip()}…{text[len(text) - (MAX_LABEL_CHARS - 1 - head):].lstrip()}"
