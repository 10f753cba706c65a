"""Generated datasets on the input plane, as TensorFlow Playground has them: our own generators,
written from each shape's definition, seeded so that the same settings give the same points.

Every shape lies in the square [−1, 1]² (two inputs x1, x2).
- Classes (a class index 0, 1, … per point, the classes as even in size as the count allows):
  circle     class 0 in the disc of radius ½, class 1 in the ring between radii 0.7 and 1;
  xor        x1, x2 uniform with |x| ≥ 0.1; class 1 where the signs differ (x1·x2 < 0);
  gaussians  one round Gaussian cloud (σ = 0.15) per class, centred at radius 0.6, evenly apart;
  spiral     K arms: r = t, θ = 3.5π·t + 2πk/K with t uniform in [0, 1] (1¾ turns);
  moons      two interleaved half circles of radius 1: (cos θ, sin θ) and
             (1 − cos θ, ½ − sin θ), θ uniform in [0, π], shifted and scaled into the square.
- Regression (a target y per point; x uniform in the square):
  plane      y = (x1 + x2) / 2;
  bumps      y = Σ ±exp(−|x − c|² / (2·0.3²)) over the centres c = (±½, ±½), + on the
             diagonal x1 = x2 and − on the other.
Noise X adds Gaussian noise of standard deviation X/4 to each input coordinate (classes; the
class stays the one the point was drawn for) or to the target (regression): 0 is clean, 0.2
("20 %") blurs the edges, 1 mixes the classes.

Rows are shuffled (seeded), then the last round(F·N) rows are the test set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import InputError

CLASS_KINDS = ("circle", "xor", "gaussians", "spiral", "moons")
REGRESSION_KINDS = ("plane", "bumps")
KINDS = CLASS_KINDS + REGRESSION_KINDS
NOISE_SCALE = 0.25  # noise X is Gaussian with σ = X · NOISE_SCALE
DECIMALS = 6  # values are rounded so that a CSV holds them exactly, and short
MAX_POINTS = 1_000_000
MAX_CLASSES = 10


@dataclass
class Dataset:
    """Generated points: inputs (n, 2), targets (n, 1) (class index or y), split train/test."""

    kind: str
    inputs: np.ndarray
    targets: np.ndarray
    test_inputs: np.ndarray
    test_targets: np.ndarray
    classes: int  # 0 for regression

    @property
    def labels(self):
        return ["x1", "x2", "class" if self.classes else "y"]

    def rows(self, test=False):
        """(n, 3) rows: x1, x2 and the class or target."""
        if test:
            return np.hstack([self.test_inputs, self.test_targets])
        return np.hstack([self.inputs, self.targets])


def generate(kind, points=200, noise=0.0, test_fraction=0.0, seed=0, classes=2):
    """The dataset `kind` with `points` rows in all (before the split); InputError names a bad
    setting."""
    check_settings(kind, points, noise, test_fraction, seed, classes)
    rng = np.random.default_rng(seed)
    if kind in CLASS_KINDS:
        count = 2 if kind in ("circle", "xor", "moons") else classes
        sizes = [points // count + (k < points % count) for k in range(count)]
        x, c = SHAPES[kind](rng, sizes)
        x = x + rng.normal(0.0, noise * NOISE_SCALE, x.shape)
        targets = c.astype(float)[:, None]
    else:
        count = 0
        x = rng.uniform(-1.0, 1.0, (points, 2))
        y = TARGETS[kind](x) + rng.normal(0.0, noise * NOISE_SCALE, points)
        targets = y[:, None]
    order = rng.permutation(points)
    x, targets = np.round(x[order], DECIMALS) + 0.0, np.round(targets[order], DECIMALS) + 0.0
    n_train = points - int(round(test_fraction * points))
    return Dataset(kind, x[:n_train], targets[:n_train], x[n_train:], targets[n_train:], count)


def check_settings(kind, points, noise, test_fraction, seed, classes=2):
    """InputError naming the first setting out of range."""
    source = "dataset"
    if kind not in KINDS:
        raise InputError(source, "kind", f"expected one of {', '.join(KINDS)}, got \"{kind}\"")
    if not (isinstance(points, (int, np.integer)) and 2 <= points <= MAX_POINTS):
        raise InputError(source, "points", f"expected a whole number from 2 to {MAX_POINTS:,}")
    if not 0.0 <= noise <= 1.0:  # also refuses NaN
        raise InputError(source, "noise", "expected a number from 0 to 1 (0.2 is 20 % noise)")
    if not 0.0 <= test_fraction < 1.0:
        raise InputError(source, "test fraction", "expected a number from 0 up to (not) 1")
    if points - int(round(test_fraction * points)) < 1:
        raise InputError(source, "test fraction", "leaves no training points; use a smaller one")
    if not (isinstance(seed, (int, np.integer)) and 0 <= seed < 2**63):
        raise InputError(source, "seed", "expected a whole number ≥ 0")
    if not 2 <= classes <= MAX_CLASSES:
        raise InputError(source, "classes", f"expected a whole number from 2 to {MAX_CLASSES}")


# -- the shapes: (rng, points per class) -> (inputs (n, 2), class of each point) ------------

def _class_column(sizes):
    return np.repeat(np.arange(len(sizes)), sizes)


def _polar(r, theta):
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def circle(rng, sizes):
    """Area-uniform points: class 0 with r ≤ ½, class 1 with 0.7 ≤ r ≤ 1."""
    inner, outer = sizes
    r = np.concatenate([0.5 * np.sqrt(rng.uniform(0, 1, inner)),
                        np.sqrt(rng.uniform(0.7**2, 1.0, outer))])
    return _polar(r, rng.uniform(0, 2 * np.pi, inner + outer)), _class_column(sizes)


def xor(rng, sizes):
    """Class 0 in the quadrants where x1 and x2 have the same sign, class 1 where they differ."""
    same, differ = sizes
    magnitude = rng.uniform(0.1, 1.0, (same + differ, 2))
    first = rng.choice([-1.0, 1.0], same + differ)
    second = np.concatenate([first[:same], -first[same:]])
    return magnitude * np.column_stack([first, second]), _class_column(sizes)


def gaussians(rng, sizes):
    """One cloud per class around a centre at radius 0.6, the centres evenly apart on that circle
    (class 0's below left, at 225°)."""
    count = len(sizes)
    angles = 5 * np.pi / 4 + 2 * np.pi * np.arange(count) / count
    centres = _polar(0.6, angles)
    c = _class_column(sizes)
    return centres[c] + rng.normal(0.0, 0.15, (len(c), 2)), c


def spiral(rng, sizes):
    """Arm k: r = t, θ = 3.5π·t + 2πk/K."""
    c = _class_column(sizes)
    t = rng.uniform(0.0, 1.0, len(c))
    return _polar(t, 3.5 * np.pi * t + 2 * np.pi * c / len(sizes)), c


def moons(rng, sizes):
    """Upper moon (cos θ, sin θ) and lower moon (1 − cos θ, ½ − sin θ), centred and scaled by ⅔
    so that x1 spans [−1, 1]."""
    c = _class_column(sizes)
    theta = rng.uniform(0.0, np.pi, len(c))
    upper = np.column_stack([np.cos(theta), np.sin(theta)])
    lower = np.column_stack([1 - np.cos(theta), 0.5 - np.sin(theta)])
    x = np.where(c[:, None] == 0, upper, lower)
    return (x - [0.5, 0.25]) * (2 / 3), c


def plane(x):
    return (x[:, 0] + x[:, 1]) / 2


BUMP_CENTRES = np.array([[0.5, 0.5], [-0.5, -0.5], [0.5, -0.5], [-0.5, 0.5]])
BUMP_SIGNS = np.array([1.0, 1.0, -1.0, -1.0])
BUMP_WIDTH = 0.3


def bumps(x):
    squared = ((x[:, None, :] - BUMP_CENTRES[None]) ** 2).sum(axis=2)
    return np.exp(-squared / (2 * BUMP_WIDTH**2)) @ BUMP_SIGNS


SHAPES = {"circle": circle, "xor": xor, "gaussians": gaussians, "spiral": spiral, "moons": moons}
TARGETS = {"plane": plane, "bumps": bumps}


# -- files ------------------------------------------------------------------------------------

def csv_text(dataset, test=False):
    """The CSV of the training (or test) rows: header x1,x2,class (or y); classes as 0, 1, …."""
    rows = dataset.rows(test)
    lines = [",".join(dataset.labels)]
    for x1, x2, target in rows:
        last = str(int(target)) if dataset.classes else repr(float(target))
        lines.append(f"{float(x1)!r},{float(x2)!r},{last}")
    return "\n".join(lines) + "\n"


def test_path(path):
    """PATH-test.csv beside PATH.csv."""
    path = Path(path)
    return path.with_name(f"{path.stem}-test{path.suffix or '.csv'}")
