"""Decision regions of a two-input classifier on the output view: each point of the input plane
in the colour of the class the network predicts there (the argmax), paler where its winning
probability is lower; for one sigmoid output also the line y = 0.5, the decision boundary."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF

import pyqtgraph as pg

from ..class_colors import class_colour, region_rgb
from .contours import contour_segments


@dataclass
class Regions:
    xs: np.ndarray
    ys: np.ndarray
    rgb: np.ndarray  # (len(ys), len(xs), 3) uint8
    boundary: tuple  # segment pairs of the 0.5 line (one sigmoid output), else empty


def compute_regions(experiment, network, xs, ys):
    """The regions over the grid xs × ys of raw inputs (numpy only: safe in the grid thread)."""
    classes = experiment.classes
    gx, gy = np.meshgrid(xs, ys)
    with np.errstate(all="ignore"):
        outputs = experiment.predict(network, np.column_stack([gx.ravel(), gy.ravel()]))
    probabilities = classes.probabilities(outputs).reshape(gx.shape + (classes.count,))
    boundary = (np.empty(0), np.empty(0))
    if classes.one_output:
        boundary = contour_segments(outputs[:, 0].reshape(gx.shape), [0.5], xs, ys)
    return Regions(xs, ys, region_rgb(probabilities), boundary)


def draw_regions(heat, regions):
    """Show the regions on a HeatPlot: the image in true colours, the boundary as a black line."""
    xs, ys = regions.xs, regions.ys
    heat.image.setLookupTable(None)
    heat.image.setImage(np.ascontiguousarray(regions.rgb.transpose(1, 0, 2)), autoLevels=False,
                        levels=(0, 255))
    dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
    dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
    heat.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx,
                              ys[-1] - ys[0] + dy))
    heat.contours.setData(*regions.boundary)
    heat.contours.setPen(pg.mkPen("k", width=2.5))


def class_brushes(truth):
    """One brush per point, in its true class's colour."""
    return [pg.mkBrush(*class_colour(int(k))) for k in truth]


def point_size(count):
    """Large points for a few samples, smaller ones when there are many."""
    return 18 if count <= 40 else 12 if count <= 150 else 9
