"""The worked example of one update, for any network, in the tutorials' order: a handout.

The network as a table of weights; the sample; the forward pass (every net and out); the total
error; the backward pass (every δ and every gradient); the update (every new weight); and the
error after it. Every formula is one of core/explain.py's lines, the math panel's own, so the
mathematics is written once; core/handout_write.py typesets the handout as Markdown with LaTeX
or as a standalone HTML page with MathML.

A layer wider than MAX_NEURONS is followed through a few neurons only, the chosen ones or its
first (core/handout_neurons.py), and the handout says which. With a mini-batch the update uses
the mean of the batch's gradients: the handout follows one sample through the passes and then
writes each gradient as the batch mean. Which update of which run: core/handout_run.py.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np

from . import explain as ex
from .explain_optimizer import explain_update, penalty_line
from .handout_neurons import MAX_NEURONS, is_chosen, shown_neurons
from .losses import HALF_SSE_NAMES
from .mathtext import split_note
from .network import gradient_step, parameter_layout


@dataclass
class Block:
    """One piece of the handout. kind: "heading" (level, parts), "text" (parts), "math" (lines:
    one computation, continuations starting with "="), "table" (cells: rows of cells). Prose
    parts are strings; ("math", line) is a formula inside the prose."""

    kind: str
    parts: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    cells: list = field(default_factory=list)
    level: int = 2


@dataclass
class Handout:
    title: str
    blocks: list
    known: tuple = ()  # labels to keep whole when typesetting (core/mathtext.py)


@dataclass
class Update:
    """One update to explain: the network before it, the step's batch (normalized rows, as the
    network sees them) and which row of it to follow through the passes."""

    network: object
    names: ex.Names
    X: np.ndarray
    Z: np.ndarray
    sample: int
    learning_rate: float
    loss: str
    train_biases: bool
    optimizer: object = None  # core.optimizers.Optimizer with its state before the update
    chosen: dict = None  # {layer: [neuron, …]} to follow in wide layers (handout_neurons.py)

    def __post_init__(self):
        self.X, self.Z = np.atleast_2d(self.X), np.atleast_2d(self.Z)
        net = self.network
        self.forward = net.forward(self.X[self.sample])
        self.backward = net.backward(self.forward, self.Z[self.sample], self.loss)
        self.batch_backward = net.backward(net.forward(self.X), self.Z, self.loss)
        self.after = net.copy()  # the engine's own update, with the run's optimizer
        optimizer = None
        if self.optimizer is not None:
            optimizer = copy.deepcopy(self.optimizer)
        with np.errstate(all="ignore"):
            gradient_step(self.after, self.X, self.Z, self.learning_rate, self.loss,
                          self.train_biases, optimizer)
        self.shown = shown_neurons(net.sizes, self.chosen)

    @property
    def target(self):
        return self.Z[self.sample]

    @property
    def named_loss(self):
        """The loss as explain.py names it (mean-squared-error is half-sse by another name)."""
        return "half-sse" if self.loss in HALF_SSE_NAMES else self.loss

    def layer_name(self, l):
        L = self.network.L
        kind = "input" if l == 0 else "output" if l == L else "hidden"
        return f"layer {l} ({kind})"


class Unsupported(ValueError):
    """explain.py's formula ends in another number than the engine computed: it does not know
    this loss, activation or optimizer yet. Never print such a line."""

    def __init__(self, what, key):
        super().__init__(f"the worked example cannot write {what} yet: mlpviz's formulas for "
                         "it are not written")
        self.what = what
        self.key = key


def checked(lines, value, what, key):
    """The lines, after checking that their last number is the engine's `value`."""
    formula = [line for line in lines if split_note(line)[0].strip()][-1]
    last = split_note(formula)[0].rsplit(" = ", 1)[-1].strip()
    if last != ex.number(value):
        raise Unsupported(what, key)
    return lines


def _update_what(u):
    """What the update is: the optimizer and the penalties (SPEC section 9)."""
    if u.optimizer is None:
        return "the update"
    s = u.optimizer.settings
    parts = [s.name] + [f"{name} {value:g}" for name, value in (("l2", s.l2), ("l1", s.l1))
                        if value]
    return f"the update ({', '.join(parts)})"


def _delta_what(u, l):
    net = u.network
    if l == net.L:
        return f"δ of a {net.output_activation} output with the loss {u.loss}"
    return f"δ of a {net.hidden_activation} hidden layer"


def heading(text, level=2):
    return Block("heading", [text], level=level)


def text(*parts):
    return Block("text", list(parts))


def math(lines):
    return Block("math", lines=list(lines))


def inline(line):
    return ("math", line)


def listing(formulas, sep=", "):
    """Prose parts: the formulas separated by commas."""
    parts = []
    for k, formula in enumerate(formulas):
        parts += ([sep] if k else []) + [inline(formula)]
    return parts


def build(update, title, about=()):
    """The handout of `update`; `about`: prose lines saying which experiment, step and sample."""
    u = update
    blocks = [heading(title, 1)] + [text(line) for line in about]
    for section in (network_section, sample_section, forward_section, error_section,
                    backward_section, update_section, after_section):
        blocks += section(u)
    known = tuple(label for layer in u.names.neurons for label in layer)
    return Handout(title, [part for block in blocks for part in notes_apart(block)], known)


def notes_apart(block):
    """A computation's lines that are only a remark ("  (why so simple: …)") become prose
    after its formulas."""
    if block.kind != "math":
        return [block]
    formulas = [line for line in block.lines if split_note(line)[0].strip()]
    remarks = [split_note(line)[1] for line in block.lines if not split_note(line)[0].strip()]
    return [math(formulas)] + [text(f"({remark})") for remark in remarks]


def network_section(u):
    net, names = u.network, u.names
    sizes = "-".join(str(n) for n in net.sizes)
    acts = {net.activation(l) for l in range(1, net.L + 1)}
    act = (f"every neuron uses {net.activation(1)}" if len(acts) == 1 else
           f"hidden neurons use {net.hidden_activation}, outputs {net.output_activation}")
    blocks = [heading("The network"),
              text(f"A {sizes} network; {act}; the loss is {u.loss}; the learning rate is ",
                   inline(f"η = {ex.number(u.learning_rate)}"),
                   "; the biases are trained." if u.train_biases else
                   "; the biases are frozen (never updated).")]
    if u.optimizer is not None and _update_what(u) != "the update (sgd)":
        blocks.append(text(f"The optimizer: {_update_what(u)[len('the update ('):-1]}, "
                           f"update {u.optimizer.t + 1} of its run (its state before it is "
                           "the run's, as the lines below show)."))
    wide = [l for l, n in enumerate(net.sizes) if n > MAX_NEURONS]
    if wide:
        blocks.append(text("Large layers are shown by a few neurons only: " + "; ".join(
            f"{u.layer_name(l)} has {net.sizes[l]} neurons, of which this handout follows "
            f"{', '.join(names.neurons[l][j] for j in u.shown[l])} "
            + ("(chosen)" if is_chosen(net.sizes, u.chosen, l) else
               f"(its first {len(u.shown[l])}; none of it was chosen)") for l in wide)
            + ". The others are computed in the same way."))
    for l in range(1, net.L + 1):
        blocks += [heading(f"Weights into {u.layer_name(l)}", 3), weights_table(u, l)]
    return blocks


def weights_table(u, l):
    net, names = u.network, u.names
    before = u.shown[l - 1]
    more = len(before) < net.sizes[l - 1]
    header = [["into ↓ from →"]] + [[inline(names.neurons[l - 1][i])] for i in before] \
        + ([["…"]] if more else []) + [["bias"]]
    rows = [header]
    for j in u.shown[l]:
        row = [[inline(names.neurons[l][j])]]
        row += [[inline(f"{names.weight(l, j, i)} = {ex.number(net.W[l][j, i])}")] for i in before]
        row += [["…"]] if more else []
        row.append([inline(f"{names.bias(l, j)} = {ex.number(net.b[l][j])}")])
        rows.append(row)
    return Block("table", cells=rows)


def sample_section(u):
    names, n_in = u.names, u.network.sizes[0]
    x, z = u.X[u.sample], u.target
    inputs = [f"{names.neurons[0][i]} = {ex.number(x[i])}" for i in u.shown[0]]
    targets = [f"z_{names.neurons[-1][k]} = {ex.number(z[k])}" for k in u.shown[-1]]
    blocks = [heading("The sample"),
              text("Inputs ", *listing(inputs), " …" if len(u.shown[0]) < n_in else "",
                   "; targets ", *listing(targets), ".")]
    if len(u.X) > 1:
        blocks.append(text(f"This step's batch holds {len(u.X)} samples; the passes below "
                           "follow this one, and the update uses the mean of the batch's "
                           "gradients."))
    return blocks


def forward_section(u):
    blocks = [heading("The forward pass")]
    for l in range(1, u.network.L + 1):
        blocks.append(heading(u.layer_name(l).capitalize(), 3))
        for j in u.shown[l]:
            lines = ex.explain_neuron(u.network, u.names, u.forward, None, l, j)
            blocks += [math([line]) for line in lines]
    return blocks


def error_section(u):
    blocks = [heading("The total error"),
              math(checked(ex.explain_loss(u.names, u.forward, u.target, u.named_loss,
                                           u.network.output_activation),
                           u.network.sample_losses(u.forward, u.target, u.loss)[0],
                           f"the loss ({u.loss})", "lossFunction"))]
    opt = u.optimizer
    if opt is not None and opt.settings.penalized:
        blocks += [text("The penalty on the weights, beside the data loss (the gradients below "
                        "are the data loss's; the optimizer adds the penalty's):"),
                   math(checked([penalty_line(opt.settings, u.network.params, opt.is_weight)],
                                opt.penalty(u.network.params), "the penalty", "l2"))]
    return blocks


def backward_section(u):
    blocks = [heading("The backward pass"),
              text("Every error signal δ and every gradient, from the weights before the "
                   "update.")]
    for l in range(u.network.L, 0, -1):
        blocks.append(heading(u.layer_name(l).capitalize(), 3))
        for j in u.shown[l]:
            lines = ex.explain_delta(u.network, u.names, u.forward, u.backward, l, j, u.target,
                                     u.named_loss)
            blocks.append(math(checked(lines, u.backward.delta[l][0, j], _delta_what(u, l),
                                       "outputActivationFunction")))
        for j in u.shown[l]:
            for i in u.shown[l - 1]:
                line = ex.explain_weight(u.network, u.names, u.forward, u.backward, l, j, i,
                                         u.learning_rate)[1]
                blocks += [math([line])] + batch_mean(u, line, l, j, i)
            line = ex.explain_bias(u.network, u.names, u.backward, l, j, u.learning_rate)[1]
            blocks += [math([line])] + batch_mean(u, line, l, j, None)
    return blocks


def batch_mean(u, line, l, j, i):
    """With a batch of several samples: the gradient as the mean over them."""
    if len(u.X) == 1:
        return []
    net = u.network
    values = []
    for row in range(len(u.X)):
        back = net.backward(net.forward(u.X[row]), u.Z[row], u.loss)
        values.append(back.grad_b[l][j] if i is None else back.grad_W[l][j, i])
    grads = u.batch_backward
    mean = grads.grad_b[l][j] if i is None else grads.grad_W[l][j, i]
    return [math(ex.explain_mean(line.split(" = ")[0], values, mean))]


def update_section(u):
    blocks = [heading("The update"),
              text("Every parameter changes at once, by the gradients above: ",
                   inline("θ⁺ = θ − η · ∂E/∂θ"), ".")]
    for l in range(u.network.L, 0, -1):
        blocks.append(heading(u.layer_name(l).capitalize(), 3))
        for j in u.shown[l]:
            for i in u.shown[l - 1]:
                blocks.append(math(checked(update_lines(u, l, j, i), u.after.W[l][j, i],
                                           _update_what(u), "optimizer")))
        for j in u.shown[l]:
            blocks.append(math(checked(update_lines(u, l, j, None), u.after.b[l][j],
                                       _update_what(u), "optimizer")))
    return blocks


def update_lines(u, l, j, i):
    """From the batch's ∂E/∂θ to θ⁺ for weight W[l][j][i] (bias b[l][j] when i is None): plain
    gradient descent's line (explain.py), or the optimizer's and the penalties' lines
    (explain_optimizer.py) with the state the update starts from."""
    net, names, grads, opt = u.network, u.names, u.batch_backward, u.optimizer
    if opt is None or (opt.settings.name == "sgd" and not opt.settings.penalized):
        if i is None:
            return ex.explain_bias(net, names, grads, l, j, u.learning_rate, u.train_biases)[2:]
        return ex.explain_weight(net, names, u.forward, grads, l, j, i, u.learning_rate)[2:]
    w_off, b_off, _ = parameter_layout(net.sizes)
    if i is None:
        index, name = b_off[l] + j, names.bias(l, j)
        value, grad = net.b[l][j], grads.grad_b[l][j]
    else:
        index, name = w_off[l] + j * net.sizes[l - 1] + i, names.weight(l, j, i)
        value, grad = net.W[l][j, i], grads.grad_W[l][j, i]
    state = {slot: float(opt.slot(slot)[index]) for slot in opt.settings.slots}
    return explain_update(opt.settings, name, float(value), float(grad), state, opt.t + 1,
                          u.learning_rate, is_weight=i is not None,
                          frozen=i is None and not u.train_biases)


def after_section(u):
    forward = u.after.forward(u.X[u.sample])
    return [heading("After the update"),
            text("The same sample through the new weights:"),
            math(checked(ex.explain_loss(u.names, forward, u.target, u.named_loss,
                                         u.network.output_activation),
                         u.after.sample_losses(forward, u.target, u.loss)[0],
                         f"the loss ({u.loss})", "lossFunction"))]
