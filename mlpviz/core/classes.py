"""Class targets (SPEC section 8): a CSV's class column as one-hot target vectors, and back.

With `outputClasses` in the config, a dataset holds the inputs and then one column of class names
(or integer indices 0…K−1). Class k becomes the target vector with 1 at k and 0 elsewhere. Two
classes with one output node are the sigmoid case: the target is the index itself, 0 or 1, and
the prediction is class 1 when y ≥ 0.5. Otherwise the predicted class is the argmax of the
outputs (the first on ties).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .errors import InputError

AUTO = "auto"


def number(text):
    """The finite number a cell holds, or None when it is not one ("setosa", "nan")."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def number_name(value):
    """A numeric class's name: 3.0 → "3", 0.5 → "0.5"."""
    return str(int(value)) if value.is_integer() else repr(value)


def auto_names(cells):
    """The distinct classes of a column, sorted: numbers numerically, then text alphabetically."""
    numbers, texts = set(), set()
    for cell in cells:
        value = number(cell)
        if value is None:
            texts.add(cell)
        else:
            numbers.add(value)
    return [number_name(v) for v in sorted(numbers)] + sorted(texts)


@dataclass
class Classes:
    """The class names, in output order, and whether two classes share one sigmoid output."""

    names: list
    one_output: bool = False
    _lookup: dict = field(init=False, repr=False)

    def __post_init__(self):
        self.names = [str(n) for n in self.names]
        self._lookup = {name: k for k, name in enumerate(self.names)}
        numeric = {number(n): k for k, n in enumerate(self.names) if number(n) is not None}
        # names that are numbers: "1.0" is class "1", and a cell is never an index then;
        # names that are words: a cell may give the index 0…K−1 instead
        self.accepts_index = not numeric
        self._numbers = numeric or {float(k): k for k in range(len(self.names))}

    @property
    def count(self):
        return len(self.names)

    @property
    def outputs(self):
        """Output nodes: one per class, or one for two classes with a single sigmoid output."""
        return 1 if self.one_output else self.count

    def index_of(self, cell):
        """The class a cell names (by name, or its index 0…K−1), or None."""
        cell = cell.strip()
        if cell in self._lookup:
            return self._lookup[cell]
        value = number(cell)
        return None if value is None else self._numbers.get(value)

    def indices(self, cells, source=None, column=None, line_of=lambda row: row + 2):
        """The class index of every cell; an unknown class is refused naming its line
        (`line_of(row)`: the file line of data row `row`, the header being line 1)."""
        found = np.empty(len(cells), dtype=np.int64)
        for r, cell in enumerate(cells):
            k = self.index_of(cell)
            if k is None:
                where = f"line {line_of(r)}" + (f", column {column}" if column else "")
                raise InputError(source, where, self._expected(cell))
            found[r] = k
        return found

    def _expected(self, cell):
        shown = ", ".join(f'"{n}"' for n in self.names[:12])
        more = f" and {self.count - 12} more" if self.count > 12 else ""
        index = f", or an index 0…{self.count - 1}" if self.accepts_index else ""
        return (f"expected one of the classes {shown}{more}{index}; found {cell.strip()[:40]!r} "
                f"(add it to outputClasses, or use \"auto\")")

    def targets(self, indices):
        """One-hot rows (K columns), or the index itself as one column for one sigmoid output."""
        indices = np.asarray(indices, dtype=np.int64)
        if self.one_output:
            return indices.astype(float)[:, None]
        return np.eye(self.count)[indices]

    def predicted(self, outputs):
        """The predicted class of each row of outputs: argmax (first on ties), or y ≥ 0.5."""
        outputs = np.atleast_2d(outputs)
        if self.one_output:
            return (outputs[:, 0] >= 0.5).astype(np.int64)
        return np.argmax(outputs, axis=1)

    def probabilities(self, outputs):
        """One column per class: the outputs, or (1 − y, y) for one sigmoid output."""
        outputs = np.atleast_2d(outputs)
        if self.one_output:
            return np.column_stack([1.0 - outputs[:, 0], outputs[:, 0]])
        return outputs

