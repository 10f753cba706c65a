"""The tutorials' formulas with the current numbers substituted, for one neuron, weight or bias.

Given the network, what its forward and backward passes computed for one sample, the target,
the loss convention and the learning rate, each function returns lines of plain text such as

    net_h1 = w1·i1 + w2·i2 + b_h1 = 0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.3775
    out_h1 = σ(net_h1) = σ(0.3775) = 0.593269992

in the worked example's names: neurons by their labels (hidden ones h1, h2, …; h2.1 with several
hidden layers), weights numbered w1, w2, … layer by layer and row by row, biases b_<neuron>.
The numbers are the engine's own, printed to 9 decimals, as the tutorial prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import SYMBOLS
from .losses import HALF_SSE_NAMES

MAX_NUMBERED_WEIGHTS = 999  # beyond this, weights are named w[l][j][i]
MAX_TERMS = 12  # a longer sum is written with its first and last terms around "…"


def number(value):
    """Like the tutorial: 9 decimals without trailing zeros; tiny values in scientific form."""
    value = float(value)
    if value != 0 and abs(value) < 1e-4:
        return f"{value:.6g}"
    text = f"{value:.9f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def plus(terms):
    """Terms joined by " + "; a long sum keeps its first three and last two terms around "…"."""
    if len(terms) > MAX_TERMS:
        terms = terms[:3] + ["…"] + terms[-2:]
    return " + ".join(terms)


def factor(value):
    """A number as a factor in a product: negative ones in parentheses."""
    text = number(value)
    return f"({text})" if text.startswith("-") else text


@dataclass
class Names:
    """What the tutorial calls each neuron and weight of a network."""

    neurons: list  # neurons[l][j]
    sizes: tuple

    @classmethod
    def of(cls, sizes, input_labels=None, output_labels=None):
        L = len(sizes) - 1
        neurons = [list(input_labels or [f"i{i + 1}" for i in range(sizes[0])])]
        for l in range(1, L):
            prefix = "h" if L == 2 else f"h{l}."
            neurons.append([f"{prefix}{j + 1}" for j in range(sizes[l])])
        neurons.append(list(output_labels or [f"o{k + 1}" for k in range(sizes[L])]))
        return cls(neurons, tuple(sizes))

    def weight(self, l, j, i):
        """w1, w2, … counted layer by layer, row by row (the worked example's numbering)."""
        before = sum(self.sizes[k] * self.sizes[k - 1] for k in range(1, l))
        total = sum(self.sizes[k] * self.sizes[k - 1] for k in range(1, len(self.sizes)))
        if total > MAX_NUMBERED_WEIGHTS:
            return f"w[{l}][{j}][{i}]"
        return f"w{before + j * self.sizes[l - 1] + i + 1}"

    def bias(self, l, j):
        return f"b_{self.neurons[l][j]}"


def derivative_text(activation, out_name, out):
    """f'(net) written from the activated value, as the tutorials do: (symbolic, numeric)."""
    if activation == "sigmoid":
        return f"{out_name}(1 − {out_name})", f"{factor(out)}·(1 − {factor(out)})"
    if activation == "tanh":
        return f"(1 − {out_name}²)", f"(1 − {factor(out)}²)"
    if activation == "relu":
        return f"1[{out_name} > 0]", "1" if out > 0 else "0"
    return "1", "1"


def explain_neuron(network, names, forward, backward, l, j, target=None, loss="half-sse"):
    """net and out of neuron j in layer l, and its error signal δ when the backward pass ran."""
    name = names.neurons[l][j]
    if forward.out[l] is None:
        return [f"net_{name} and out_{name}: not computed yet (the forward pass through "
                f"layer {l} comes first)"]
    out = forward.out[l][0, j]
    if l == 0:
        return [f"out_{name} = {name} = {number(out)}  (an input)"]
    prev = forward.out[l - 1][0]
    terms = [f"{names.weight(l, j, i)}·{names.neurons[l - 1][i]}" for i in range(len(prev))]
    values = [f"{factor(network.W[l][j, i])}·{factor(prev[i])}" for i in range(len(prev))]
    bias = network.b[l][j]
    net = forward.net[l][0, j]
    symbol = SYMBOLS[network.activation(l)]
    lines = [f"net_{name} = {plus(terms)} + {names.bias(l, j)} = "
             f"{plus(values)} + {factor(bias)}·1 = {number(net)}",
             f"out_{name} = {symbol}(net_{name}) = {symbol}({number(net)}) = {number(out)}"]
    if network.activation(l) == "softmax":
        from .explain_output import softmax_lines
        lines[1:] = softmax_lines(names, forward, l, j)
    if backward is not None and backward.delta[l] is not None:
        lines += explain_delta(network, names, forward, backward, l, j, target, loss)
    return lines


def explain_delta(network, names, forward, backward, l, j, target, loss):
    name = names.neurons[l][j]
    out = forward.out[l][0, j]
    delta = backward.delta[l][0, j]
    f_sym, f_num = derivative_text(network.activation(l), f"out_{name}", out)
    if l == network.L:
        from .explain_output import delta_lines, handles
        if handles(network.activation(l), loss):
            return delta_lines(network, names, forward, backward, j, target, loss)
        z = target[j]
        if loss in HALF_SSE_NAMES:
            dE_sym, dE_num = f"(out_{name} − z_{name})", f"({number(out)} − {number(z)})"
        else:
            K = network.sizes[-1]
            dE_sym = f"(2/{K})(out_{name} − z_{name})"
            dE_num = f"(2/{K})({number(out)} − {number(z)})"
        return [f"δ_{name} = ∂E/∂out_{name} · f'(net_{name}) = {dE_sym} · {f_sym}",
                f"     = {dE_num} · {f_num} = {number(delta)}"]
    after = names.neurons[l + 1]
    next_delta = backward.delta[l + 1][0]
    sym = plus([f"{names.weight(l + 1, k, j)}·δ_{after[k]}" for k in range(len(after))])
    num = plus([f"{factor(network.W[l + 1][k, j])}·{factor(next_delta[k])}"
                for k in range(len(after))])
    return [f"δ_{name} = (Σ_k w_k·δ_k) · f'(net_{name}) = ({sym}) · {f_sym}",
            f"     = ({num}) · {f_num} = {number(delta)}"]


def explain_weight(network, names, forward, backward, l, j, i, learning_rate):
    """The gradient of weight W[l][j][i] and the update it gets."""
    w = names.weight(l, j, i)
    to, frm = names.neurons[l][j], names.neurons[l - 1][i]
    value = network.W[l][j, i]
    first = f"{w} connects {frm} → {to}: {w} = {number(value)}"
    if backward is None or backward.delta[l] is None:
        return [first, f"∂E/∂{w}: not computed yet (the backward pass through layer {l})"]
    delta, out = backward.delta[l][0, j], forward.out[l - 1][0, i]
    grad = backward.grad_W[l][j, i]
    return [first,
            f"∂E/∂{w} = δ_{to} · out_{frm} = {factor(delta)} · {factor(out)} = {number(grad)}",
            f"{w}⁺ = {w} − η · ∂E/∂{w} = {number(value)} − {number(learning_rate)} · "
            f"{factor(grad)} = {number(value - learning_rate * grad)}"]


def explain_bias(network, names, backward, l, j, learning_rate, train_biases=True):
    b = names.bias(l, j)
    value = network.b[l][j]
    if backward is None or backward.delta[l] is None:
        return [f"{b} = {number(value)}",
                f"∂E/∂{b}: not computed yet (the backward pass through layer {l})"]
    grad = backward.grad_b[l][j]
    lines = [f"{b} = {number(value)}",
             f"∂E/∂{b} = δ_{names.neurons[l][j]} · 1 = {number(grad)}"]
    if train_biases:
        lines.append(f"{b}⁺ = {b} − η · ∂E/∂{b} = {number(value)} − {number(learning_rate)} · "
                     f"{factor(grad)} = {number(value - learning_rate * grad)}")
    else:
        lines.append(f"{b}⁺ = {b} = {number(value)}  (biases are frozen)")
    return lines


def explain_loss(names, forward, target, loss="half-sse", activation=None):
    """E for one sample, term by term (`activation`: the output layer's, for the cross-entropies,
    whose E the engine takes from net)."""
    if forward.out[-1] is None:
        return ["E: not computed yet (the forward pass reaches the outputs first)"]
    if loss in ("cross-entropy", "binary-cross-entropy"):
        from .explain_output import loss_lines
        return loss_lines(names, forward, target, loss, activation)
    out, L = forward.out[-1][0], len(forward.out) - 1
    labels = names.neurons[L]
    terms = [f"(z_{labels[k]} − out_{labels[k]})²" for k in range(len(out))]
    values = [f"({number(target[k])} − {number(out[k])})²" for k in range(len(out))]
    squares = (np.asarray(target) - out) ** 2
    if loss in HALF_SSE_NAMES:
        E = 0.5 * squares.sum()
        return [f"E = ½ Σ_k (z_k − out_k)² = ½ ({plus(terms)})",
                f"  = ½ ({plus(values)}) = {number(E)}"]
    E = squares.mean()
    return [f"E = (1/{len(out)}) Σ_k (z_k − out_k)² = (1/{len(out)}) ({plus(terms)})",
            f"  = (1/{len(out)}) ({plus(values)}) = {number(E)}"]


def explain_mean(name, values, mean):
    """A batch's gradient: the mean of its samples' gradients (SPEC section 2)."""
    n = len(values)
    return [f"{name} = (1/{n}) ({plus([factor(v) for v in values])}) = {number(mean)}  "
            f"(the mean over the step's {n} samples)"]
