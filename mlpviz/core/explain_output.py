"""The math panel's lines for classification outputs: softmax, the cross-entropies, and the δ = y − z
they lead to (SPEC section 8), in the tutorials' way, with the engine's numbers substituted:

    out_o1 = e^net_o1 / Σ_j e^net_j = e^0.5 / (e^0.5 + e^0.2 + e^(−0.2)) = … = 0.446946646
    E = −Σ_k z_k ln out_k = −(0·ln 0.446946646 + 1·ln 0.331106219 + …) = 1.105316053
    δ_o1 = out_o1 − z_o1 = 0.446946646 − 0 = 0.446946646

and, where softmax meets another loss, the general Jacobian form δ = out ⊙ (g − Σ_k g_k out_k).
"""

from __future__ import annotations

import numpy as np

from .explain import derivative_text, factor, number, plus
from .losses import LOSS_DERIVATIVES
from .output_error import sample_loss, simplifies

CROSS_ENTROPIES = ("cross-entropy", "binary-cross-entropy")
WHY_SIMPLE = {
    "softmax": "  (why so simple: ∂E/∂out_k = −z_k/out_k, and softmax's Jacobian ∂out_k/∂net_j = "
               "out_k(1[k=j] − out_j) cancels the 1/out_k; since Σ_k z_k = 1, what is left is "
               "out − z)",
    "sigmoid": "  (why so simple: ∂E/∂out = (out − z) / (out(1 − out)), and the sigmoid's "
               "f' = out(1 − out) cancels the denominator)",
}


def handles(activation, loss):
    """Whether these lines, not explain.py's squared-error ones, describe the output layer."""
    return activation == "softmax" or loss in CROSS_ENTROPIES


def softmax_lines(names, forward, l, j):
    """out_j = e^net_j / Σ_k e^net_k, with the numbers."""
    net, out = forward.net[l][0], forward.out[l][0]
    name = names.neurons[l][j]
    first = (f"out_{name} = e^net_{name} / Σ_k e^net_k = e^{factor(net[j])} / "
             f"({plus([f'e^{factor(v)}' for v in net])})")
    with np.errstate(over="ignore"):
        powers = np.exp(net)
    if np.all(np.isfinite(powers)):
        return [first, f"     = {number(powers[j])} / {number(powers.sum())} = {number(out[j])}"]
    top = net.max()
    shifted = np.exp(net - top)
    return [first, f"     = e^{factor(net[j] - top)} / Σ_k e^(net_k − {number(top)}) = "
                   f"{number(shifted[j])} / {number(shifted.sum())} = {number(out[j])}  "
                   f"(the largest net taken out first: the same ratio, without overflow)"]


def loss_lines(names, forward, target, loss, activation):
    """E = −Σ_k z_k ln out_k (or the binary form), term by term; the value is the engine's."""
    out, L = forward.out[-1][0], len(forward.out) - 1
    labels = names.neurons[L]
    z = np.asarray(target, dtype=float)
    E = sample_loss(loss, activation, forward.net[-1][:1], forward.out[-1][:1], z[None, :])[0]
    if loss == "cross-entropy":
        terms = [f"z_{labels[k]} ln out_{labels[k]}" for k in range(len(out))]
        values = [f"{number(z[k])}·ln {number(out[k])}" for k in range(len(out))]
        return [f"E = −Σ_k z_k ln out_k = −({plus(terms)})",
                f"  = −({plus(values)}) = {number(E)}"]
    terms = [f"z_{labels[k]} ln out_{labels[k]} + (1 − z_{labels[k]}) ln(1 − out_{labels[k]})"
             for k in range(len(out))]
    values = [f"{number(z[k])}·ln {number(out[k])} + {number(1 - z[k])}·ln {number(1 - out[k])}"
              for k in range(len(out))]
    return [f"E = −Σ_k [z_k ln out_k + (1 − z_k) ln(1 − out_k)] = −({plus(terms)})",
            f"  = −({plus(values)}) = {number(E)}"]


def delta_lines(network, names, forward, backward, j, target, loss):
    """δ of output neuron j: y − z for the two textbook pairs, else the general form."""
    L = network.L
    activation = network.activation(L)
    name = names.neurons[L][j]
    out, z = forward.out[L][0], np.asarray(target, dtype=float)
    delta = backward.delta[L][0, j]
    if simplifies(activation, loss):
        if activation == "softmax" and z.sum() != 1.0:
            return [f"δ_{name} = ∂E/∂net_{name} = out_{name}·Σ_k z_k − z_{name} = "
                    f"{factor(out[j])}·{factor(z.sum())} − {factor(z[j])} = {number(delta)}",
                    "  (the targets do not sum to 1, so out − z gains the factor Σ_k z_k)"]
        return [f"δ_{name} = ∂E/∂net_{name} = out_{name} − z_{name} = "
                f"{number(out[j])} − {factor(z[j])} = {number(delta)}",
                WHY_SIMPLE[activation]]
    g = LOSS_DERIVATIVES[loss](out[None, :], z[None, :])[0]
    g_sym, g_num = _loss_derivative_text(loss, name, out[j], z[j], len(out))
    if activation != "softmax":
        f_sym, f_num = derivative_text(activation, f"out_{name}", out[j])
        return [f"δ_{name} = ∂E/∂out_{name} · f'(net_{name}) = {g_sym} · {f_sym}",
                f"     = {g_num} · {f_num} = {number(delta)}"]
    labels = names.neurons[L]
    gy = float(np.sum(g * out))
    return [f"g_{name} = ∂E/∂out_{name} = {g_sym} = {g_num} = {number(g[j])}",
            f"Σ_k g_k out_k = {plus([f'{factor(g[k])}·{factor(out[k])}' for k in range(len(out))])}"
            f" = {number(gy)}  (g_k for {', '.join(labels)})",
            f"δ_{name} = out_{name} · (g_{name} − Σ_k g_k out_k) = {factor(out[j])} · "
            f"({number(g[j])} − {factor(gy)}) = {number(delta)}",
            "  (softmax mixes every output: δ = J_f(net)ᵀ ∂E/∂out, which for softmax is "
            "out ⊙ (g − Σ_k g_k out_k))"]


def _loss_derivative_text(loss, name, out, z, K):
    """∂E/∂out for one output: (symbolic, numeric)."""
    o, t = f"out_{name}", f"z_{name}"
    if loss == "cross-entropy":
        return f"−{t}/{o}", f"−{factor(z)}/{factor(out)}"
    if loss == "binary-cross-entropy":
        return (f"(−{t}/{o} + (1 − {t})/(1 − {o}))",
                f"(−{factor(z)}/{factor(out)} + (1 − {factor(z)})/(1 − {factor(out)}))")
    if loss == "mse":
        return f"(2/{K})({o} − {t})", f"(2/{K})({number(out)} − {number(z)})"
    return f"({o} − {t})", f"({number(out)} − {number(z)})"
