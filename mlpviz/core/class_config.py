"""The config keys of classification and image inputs, checked like every other key (config.py's
Checker in config_checker.py inherits these): outputClasses, outputNodes and outputNodeLabels for classes, inputImage."""

from __future__ import annotations

from .classes import AUTO, number, number_name
from .errors import InputError

LARGEST_LAYER = 100_000


class ClassChecks:
    """Needs self.doc, self.source, self.fail(key, expected) and self.labels(key, count, prefix)."""

    def image_shape(self, key, inputs):
        """[height, width] whose product is the number of inputs, or None."""
        value = self.doc.get(key)
        if value is None:
            return None
        ok = (isinstance(value, list) and len(value) == 2
              and all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value))
        if not ok:
            self.fail(key, "[height, width]: two whole numbers of pixels")
        if value[0] * value[1] != inputs:
            raise InputError(self.source, key, f"expected height × width = inputNodes ({inputs}), "
                                               f"got {value[0]} × {value[1]}")
        return list(value)

    def output_labels(self, outputs, classes):
        """outputNodeLabels as given; when absent, None for a classifier (the class names)."""
        given = self.doc.get("outputNodeLabels")
        if given is None and classes is not None:
            return None
        if outputs is None:  # "auto": how many outputs is known only from the training data
            return self.labels("outputNodeLabels", len(given) if isinstance(given, list) else 0,
                               "z")
        return self.labels("outputNodeLabels", outputs, "z")

    def output_classes(self, key):
        """None, "auto", or a list of at least two distinct class names (numbers become names)."""
        value = self.doc.get(key)
        if value is None or value == AUTO:
            return value
        expected = 'a list of at least two distinct class names, or "auto"'
        if not isinstance(value, list) or len(value) < 2 or len(value) > LARGEST_LAYER:
            self.fail(key, expected)
        names = []
        for v in value:
            if isinstance(v, (int, float)) and not isinstance(v, bool) and number(str(v)) is not None:
                names.append(number_name(float(v)))
            elif isinstance(v, str) and v.strip():
                names.append(v.strip())
            else:
                self.fail(key, expected)
        if len(set(names)) != len(names):
            raise InputError(self.source, key, f"expected distinct class names, got {repr(value)[:40]}")
        return names

    def class_column(self, key):
        """The label of the dataset CSVs' class column, or None (core/class_data.py finds it)."""
        value = self.doc.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            self.fail(key, "the label of the CSV's class column (a string)")
        return None if value is None else value.strip()

    def fit_outputs(self, names, outputs):
        """outputNodes for these classes: one per class (the default), or 1 for two classes."""
        K = len(names)
        if outputs is None or outputs == K or (outputs == 1 and K == 2):
            return K if outputs is None else outputs
        two = " (or 1 for two classes: one sigmoid output)" if K == 2 else ""
        raise InputError(self.source, "outputNodes",
                         f"expected {K}, one per class in outputClasses{two}, got {outputs}")
