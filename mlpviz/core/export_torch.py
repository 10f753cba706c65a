"""A trained network as one Python file that needs only PyTorch (SPEC section 11, export-torch).

The file builds the network as torch.nn.Sequential in float64 (torch.nn.Linear keeps its weight
as (outputs, inputs), the layout of mlpviz's W[l], so the numbers go in as they are), holds the
weights and the min-max values, and defines predict(rows): rows of inputs in the data's own units
in, outputs in the data's own units out, normalized and denormalized as mlpviz does. Run as
`python model.py DATA.csv` it prints the CSV `mlpviz predict` writes.

Every number is written with repr(), which reads back to the same float, bit for bit.
"""

from __future__ import annotations

import numpy as np

from mlpviz import __version__

from .explain import Names

TORCH_ACTIVATIONS = {"sigmoid": "torch.nn.Sigmoid()", "tanh": "torch.nn.Tanh()",
                     "relu": "torch.nn.ReLU()", "linear": None, "softmax": "torch.nn.Softmax(dim=1)"}


def _floats(values):
    """A nested list of floats as Python source, every number exact (repr)."""
    array = np.asarray(values, dtype=float)
    if array.ndim == 0:
        return repr(float(array))
    return "[" + ", ".join(_floats(v) for v in array) + "]"


def _matrix(values, indent="    "):
    """A matrix, one row per line."""
    rows = [_floats(row) for row in np.asarray(values, dtype=float)]
    return "[\n" + "".join(f"{indent}    {row},\n" for row in rows) + f"{indent}]"


def _layers(network, names):
    lines = []
    for l in range(1, network.L + 1):
        into = ", ".join(names[l][:6]) + (", …" if len(names[l]) > 6 else "")
        lines.append(f"    torch.nn.Linear({network.sizes[l - 1]}, {network.sizes[l]}, "
                     f"dtype=torch.float64),  # layer {l}: {into}")
        act = TORCH_ACTIVATIONS[network.activation(l)]
        if act is not None:
            lines.append(f"    {act},")
    return "\n".join(lines)


def _range(scale, side):
    if scale is None:
        return f"{side}_MIN = None  # not normalized\n{side}_MAX = None\n"
    return f"{side}_MIN = {_floats(scale.low)}\n{side}_MAX = {_floats(scale.high)}\n"


def torch_source(experiment, network):
    """The Python source of the exported model."""
    c = experiment.config
    names = Names.of(c.sizes, c.inputNodeLabels, c.outputNodeLabels).neurons
    weights = "\n".join(f"    {_matrix(network.W[l], '    ')}," for l in range(1, network.L + 1))
    biases = "\n".join(f"    {_floats(network.b[l])}," for l in range(1, network.L + 1))
    return TEMPLATE.format(
        title=c.title or "A network trained with mlpviz", version=__version__,
        sizes="-".join(map(str, c.sizes)), layers=_layers(network, names),
        weights=weights, biases=biases, inputs=repr(list(c.inputNodeLabels)),
        outputs=repr(list(c.outputNodeLabels)), method=repr(c.normalizeMethod),
        classes=repr(list(experiment.classes.names)) if experiment.classes else "None",
        one_output=repr(bool(experiment.classes and experiment.classes.one_output)),
        input_range=_range(experiment.input_range if c.normalizeInputData else None, "INPUT"),
        output_range=_range(experiment.output_range if c.normalizeOutputData else None,
                            "OUTPUT"))


TEMPLATE = '''"""{title}: a {sizes} network trained with mlpviz, for PyTorch.

Written by mlpviz {version} (mlpviz export-torch). Needs only PyTorch.

    from model import predict, model
    predict([[x1, x2, ...], ...])     # inputs in the data's own units -> outputs in its units

    python model.py DATA.csv          # prints the CSV `mlpviz predict` writes

`model` is the network itself (torch.nn.Sequential, float64); it works in normalized units:
inputs are min-max normalized before it and its outputs denormalized after it, as mlpviz does.
"""

import csv
import sys

import torch

INPUT_LABELS = {inputs}
OUTPUT_LABELS = {outputs}
# a classifier's class names (None: a regression); ONE_OUTPUT: two classes on one sigmoid output
CLASSES = {classes}
ONE_OUTPUT = {one_output}

# min-max normalization ({method}); None: that side is not normalized
NORMALIZE_METHOD = {method}
{input_range}{output_range}
# WEIGHTS[l][j][i]: the weight into neuron j of layer l+1 from neuron i of the layer before
WEIGHTS = [
{weights}
]
BIASES = [
{biases}
]

model = torch.nn.Sequential(
{layers}
)
with torch.no_grad():
    for linear, W, b in zip([m for m in model if isinstance(m, torch.nn.Linear)], WEIGHTS, BIASES):
        linear.weight.copy_(torch.tensor(W, dtype=torch.float64))
        linear.bias.copy_(torch.tensor(b, dtype=torch.float64))
model.eval()


def normalize(values, low, high):
    """(v - min) / (max - min), or 2 (v - min) / (max - min) - 1; the middle where max == min."""
    if low is None:
        return values
    low, high = torch.tensor(low, dtype=torch.float64), torch.tensor(high, dtype=torch.float64)
    span = high - low
    flat = span == 0
    unit = torch.where(flat, torch.tensor(0.5, dtype=torch.float64),
                       (values - low) / torch.where(flat, torch.ones_like(span), span))
    return unit if NORMALIZE_METHOD == "zero-to-one" else 2.0 * unit - 1.0


def denormalize(values, low, high):
    """The inverse of normalize (min where max == min)."""
    if low is None:
        return values
    low, high = torch.tensor(low, dtype=torch.float64), torch.tensor(high, dtype=torch.float64)
    unit = values if NORMALIZE_METHOD == "zero-to-one" else (values + 1.0) / 2.0
    span = high - low
    return torch.where(span == 0, low, low + unit * span)


def predict(rows):
    """Outputs, in the data's own units, for rows of inputs in the data's own units."""
    x = torch.tensor(rows, dtype=torch.float64).reshape(-1, len(INPUT_LABELS))
    with torch.no_grad():
        y = model(normalize(x, INPUT_MIN, INPUT_MAX))
    return denormalize(y, OUTPUT_MIN, OUTPUT_MAX).tolist()


def probabilities(outputs):
    """One column per class: the outputs, or (1 - y, y) for one sigmoid output."""
    return [[1.0 - row[0], row[0]] for row in outputs] if ONE_OUTPUT else outputs


def predict_class(rows):
    """The predicted class name of each row (see classes_of)."""
    return classes_of(predict(rows))


def classes_of(outputs):
    """The class of each row of outputs: the largest (the first on ties), or y >= 0.5."""
    if ONE_OUTPUT:
        return [CLASSES[1] if row[0] >= 0.5 else CLASSES[0] for row in outputs]
    return [CLASSES[max(range(len(row)), key=lambda k: (row[k], -k))] for row in outputs]


def read_inputs(path):
    """The input columns of a CSV with a header, and a classifier's class column where the file
    has one: by name when the header holds every input label, otherwise by position; "," or
    ";" or tab separated (";" files may write decimal commas)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        text = f.read()
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and lines[0].lower().startswith("sep="):
        sep, lines = lines[0][4:5], lines[1:]
    else:
        sep = max((",", ";", "\\t"), key=lines[0].count) if lines else ","
    rows = list(csv.reader(lines, delimiter=sep))
    header = [cell.strip() for cell in rows[0]]
    n = len(INPUT_LABELS)
    columns = ([header.index(label) for label in INPUT_LABELS]
               if all(label in header for label in INPUT_LABELS) else list(range(n)))
    comma = sep == ";"
    inputs = [[number(row[k], comma) for k in columns] for row in rows[1:]]
    target = None if columns != list(range(n)) or len(header) <= n else n
    label = header[target] if target is not None else None
    cells = [row[target].strip() for row in rows[1:]] if target is not None else None
    return inputs, label, cells


def number(cell, comma):
    cell = cell.strip()
    if cell.lower() in ("true", "false"):
        return float(cell.lower() == "true")
    return float(cell.replace(",", ".") if comma else cell)


def main(argv):
    if len(argv) != 2:
        print(f"usage: python {{argv[0]}} DATA.csv", file=sys.stderr)
        return 2
    inputs, label, cells = read_inputs(argv[1])
    outputs = predict(inputs) if inputs else []
    if CLASSES is None:
        print(",".join(INPUT_LABELS + OUTPUT_LABELS))
        for row, out in zip(inputs, outputs):
            print(",".join(repr(float(v)) for v in row + out))
        return 0
    writer = csv.writer(sys.stdout, lineterminator="\\n")
    header = INPUT_LABELS + CLASSES + ["class"]
    if cells is not None:
        header.append(label if label not in header else f"{{label}} (target)")
    writer.writerow(header)
    names = classes_of(outputs)
    for k, (row, p, name) in enumerate(zip(inputs, probabilities(outputs), names)):
        writer.writerow([repr(float(v)) for v in row + p] + [name]
                        + ([cells[k]] if cells is not None else []))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
'''
