"""Where the output activation meets the loss: E per sample, and the output error signal δ[L].

In general δ[L] = J_f(net[L])ᵀ ∂E/∂y. For an elementwise activation the Jacobian is diagonal and
that is ∂E/∂y ⊙ f'; for softmax, whose every output depends on every net,

    δ_k = Σ_j (∂y_j/∂net_k) g_j = y_k (g_k − Σ_j g_j y_j),   g = ∂E/∂y.

Two textbook pairs simplify to δ = y − z, and the engine uses those exact forms:
softmax with cross-entropy (δ_k = y_k Σ_j z_j − z_k, which is y_k − z_k when z sums to 1) and
sigmoid with binary cross-entropy. For them E is computed from net, never from ln y: ln y_k of a
softmax is net_k − ln Σ_j e^{net_j} (log-sum-exp), ln σ(net) = −softplus(−net) and
ln(1 − σ(net)) = −softplus(net), so a saturated output gives a large finite loss, not ln 0.
"""

from __future__ import annotations

import numpy as np

from .activations import DERIVATIVES
from .losses import LOSS_DERIVATIVES, LOSSES, xlogy

# (output activation, loss) pairs whose δ[L] simplifies to y − z
SIMPLIFIED = (("softmax", "cross-entropy"), ("sigmoid", "binary-cross-entropy"))


def simplifies(activation, loss):
    """Whether δ[L] = y − z for this pair (the textbook simplification)."""
    return (activation, loss) in SIMPLIFIED


def softplus(x):
    """ln(1 + e^x), without overflow: max(x, 0) + ln(1 + e^{−|x|})."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def log_sum_exp(net):
    """ln Σ_j e^{net_j} over the last axis, the largest net taken out first."""
    top = np.max(net, axis=-1, keepdims=True)
    return top + np.log(np.sum(np.exp(net - top), axis=-1, keepdims=True))


def log_out(activation, net, y):
    """ln y, from net where the activation allows (softmax, sigmoid), else from y."""
    if activation == "softmax":
        return net - log_sum_exp(net)
    if activation == "sigmoid":
        return -softplus(-net)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(y)


def log_one_minus_out(activation, net, y):
    """ln(1 − y), from net for a sigmoid, else from y."""
    if activation == "sigmoid":
        return -softplus(net)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log1p(-y)


def sample_loss(loss, activation, net, y, z):
    """E of each sample (rows), the cross-entropies taken from net as the module says."""
    if loss == "cross-entropy":
        return -np.sum(xlogy(z, log_out(activation, net, y)), axis=-1)
    if loss == "binary-cross-entropy":
        return -np.sum(xlogy(z, log_out(activation, net, y))
                       + xlogy(1.0 - z, log_one_minus_out(activation, net, y)), axis=-1)
    return LOSSES[loss](y, z)


def general_delta(activation, y, g):
    """δ[L] = J_f(net)ᵀ g: y ⊙ (g − Σ_k g_k y_k) for softmax, g ⊙ f'(net) for the others."""
    if activation == "softmax":
        return y * (g - np.sum(g * y, axis=-1, keepdims=True))
    return g * DERIVATIVES[activation](y)


def output_delta(activation, loss, y, z):
    """δ[L] for outputs y and targets z (rows are samples): the simplified form where it applies."""
    if (activation, loss) == ("softmax", "cross-entropy"):
        return y * np.sum(z, axis=-1, keepdims=True) - z  # y − z when z sums to 1
    if (activation, loss) == ("sigmoid", "binary-cross-entropy"):
        return y - z
    return general_delta(activation, y, LOSS_DERIVATIVES[loss](y, z))
