"""Loss per sample E(y, z) and its derivative ∂E/∂y, in the two conventions the tutorials use.

y is the network's output, z the target; both have the output nodes on the last axis.
"""

import numpy as np


def half_sse(y, z):
    """E = ½ Σ_k (z_k − y_k)²  (cheat sheet; worked example)."""
    return 0.5 * np.sum((z - y) ** 2, axis=-1)


def half_sse_derivative(y, z):
    """∂E/∂y = y − z."""
    return y - z


def mse(y, z):
    """E = (1/K) Σ_k (z_k − y_k)²."""
    return np.mean((z - y) ** 2, axis=-1)


def mse_derivative(y, z):
    """∂E/∂y = (2/K)(y − z)."""
    return (2.0 / y.shape[-1]) * (y - z)


LOSSES = {"half-sse": half_sse, "mse": mse}
LOSS_DERIVATIVES = {"half-sse": half_sse_derivative, "mse": mse_derivative}
