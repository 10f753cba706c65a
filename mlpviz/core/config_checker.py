"""Reading a config's keys one at a time (core/config.py): each with its default when absent,
and one message naming the key and what was expected when its value is wrong."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .activations import HIDDEN_ACTIVATIONS
from .class_config import ClassChecks
from .errors import InputError

LARGEST_SCALE = 1e6


@dataclass
class RandomInit:
    weights: str = "uniform"  # uniform in [-scale, scale], or normal(0, scale)
    scale: float = 1.0
    biases: str = "zero"  # zero, or drawn like the weights


class Checker(ClassChecks):
    """Reads one key at a time from a config object, with the default when it is absent."""

    def __init__(self, doc, source):
        self.doc, self.source = doc, source

    def fail(self, key, expected):
        raise InputError(self.source, key, f"expected {expected}, got {_show(self.doc.get(key))}")

    def integer(self, key, low, high, default=None, required=False):
        if key not in self.doc:
            if required:
                raise InputError(self.source, key, f"missing; expected a whole number ≥ {low}")
            return default
        value = self.doc[key]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.fail(key, f"a whole number from {low} to {high}")
        return value

    def hidden_activation(self, key):
        if self.doc.get(key) == "softmax":
            raise InputError(self.source, key, "softmax is for the output layer only "
                             "(outputActivationFunction); expected one of "
                             + ", ".join(f'"{o}"' for o in HIDDEN_ACTIVATIONS))
        return self.choice(key, HIDDEN_ACTIVATIONS, "sigmoid")

    def int_list(self, key, low, high):
        value = self.doc.get(key, [])
        ok = isinstance(value, list) and len(value) <= 64 and all(
            isinstance(v, int) and not isinstance(v, bool) and low <= v <= high for v in value)
        if not ok:
            self.fail(key, f"a list of layer widths, whole numbers from {low} to {high}")
        return list(value)

    def real(self, key, low, default, high=math.inf):
        value = self.doc.get(key, default)
        try:  # an integer too large for a float overflows in isfinite
            ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
                  and math.isfinite(value) and low <= value <= high)
        except OverflowError:
            ok = False
        if not ok:
            self.fail(key, f"a number ≥ {low}" if high == math.inf else
                      f"a number from {low:g} to {high:g}")
        return float(value)

    def fraction(self, key, default, one=False):
        """A number from 0 up to 1 (1 itself only if `one`)."""
        value = self.real(key, 0.0, default)
        if value > 1.0 or (value == 1.0 and not one):
            self.fail(key, f"a number from 0 to 1{'' if one else ' (not 1)'}")
        return value

    def positive(self, key, default):
        value = self.real(key, 0.0, default)
        if value == 0.0:
            self.fail(key, "a number > 0")
        return value

    def boolean(self, key, default):
        value = self.doc.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, "true or false")
        return value

    def choice(self, key, options, default):
        value = self.doc.get(key, default)
        if not isinstance(value, str) or value not in options:  # a list or object is unhashable
            self.fail(key, "one of " + ", ".join(f'"{o}"' for o in options))
        return value

    def text(self, key, default, allow_none=False):
        value = self.doc.get(key, default)
        if value is None and allow_none:
            return None
        if not isinstance(value, str):
            self.fail(key, "a string")
        return value

    def labels(self, key, count, prefix):
        value = self.doc.get(key)
        if value is None:
            return [f"{prefix}{i}" for i in range(count)]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"a list of {count} strings")
        if len(value) != count:
            raise InputError(self.source, key, f"expected {count} labels, got {len(value)}")
        return list(value)

    def random_init(self, key):
        value = self.doc.get(key, {})
        if not isinstance(value, dict):
            self.fail(key, 'an object like {"weights": "uniform", "scale": 1.0, "biases": "zero"}')
        inner = Checker(value, self.source)
        return RandomInit(
            weights=inner.choice_in(key, "weights", ("uniform", "normal"), "uniform"),
            scale=inner.real_in(key, "scale", 1.0, LARGEST_SCALE),
            biases=inner.choice_in(key, "biases", ("zero", "random"), "zero"),
        )

    def choice_in(self, outer, key, options, default):
        try:
            return self.choice(key, options, default)
        except InputError as e:
            raise InputError(self.source, f"{outer}.{key}", e.message) from None

    def real_in(self, outer, key, default, high=math.inf):
        try:
            return self.real(key, 0.0, default, high)
        except InputError as e:
            raise InputError(self.source, f"{outer}.{key}", e.message) from None


def _show(value):
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 40 else text[:37] + "..."
