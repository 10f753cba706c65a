"""Min-max normalization per column, in the cheat sheet's two ranges, and its inverse.

zero-to-one:       v' = (v − min) / (max − min)
minus-one-to-one:  v' = 2 (v − min) / (max − min) − 1
Where max == min the value becomes the middle of the range (0.5, or 0); denormalizing gives min.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

METHODS = ("zero-to-one", "minus-one-to-one")


@dataclass
class MinMax:
    """Per-column minimum and maximum, and the range they are scaled to."""

    low: np.ndarray
    high: np.ndarray
    method: str = "zero-to-one"

    @classmethod
    def calculate(cls, values, method="zero-to-one"):
        """Min and max of each column of `values` (rows are samples)."""
        values = np.atleast_2d(values)
        return cls(values.min(axis=0), values.max(axis=0), method)

    def normalize(self, values):
        span = self.high - self.low
        flat = span == 0
        with np.errstate(divide="ignore", invalid="ignore"):
            unit = np.where(flat, 0.5, (np.asarray(values, dtype=float) - self.low)
                            / np.where(flat, 1.0, span))
        return unit if self.method == "zero-to-one" else 2.0 * unit - 1.0

    def denormalize(self, values):
        unit = np.asarray(values, dtype=float)
        if self.method == "minus-one-to-one":
            unit = (unit + 1.0) / 2.0
        span = self.high - self.low
        return np.where(span == 0, self.low, self.low + unit * span)


class Identity:
    """Stands in for MinMax when a side is not normalized."""

    def normalize(self, values):
        return np.asarray(values, dtype=float)

    denormalize = normalize
