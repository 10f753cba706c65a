"""Loss per sample E(y, z) and its derivative ∂E/∂y: the tutorials' two squared-error conventions,
and the two cross-entropies of classification.

y is the network's output, z the target; both have the output nodes on the last axis. These are
the textbook forms from y; the engine computes E through output_error.sample_loss, which takes
ln y from net where the output activation allows it (no ln 0 for a saturated sigmoid or softmax).
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


def xlogy(z, log_y):
    """z · ln y, taken as 0 where z = 0 (so a class the sample is not in adds nothing, even at y = 0)."""
    return np.where(z != 0, z * log_y, 0.0)


def cross_entropy(y, z):
    """E = −Σ_k z_k ln y_k  (z one-hot, or any distribution)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.sum(xlogy(z, np.log(y)), axis=-1)


def cross_entropy_derivative(y, z):
    """∂E/∂y_k = −z_k / y_k."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -z / y


def binary_cross_entropy(y, z):
    """E = −Σ_k [z_k ln y_k + (1 − z_k) ln(1 − y_k)]."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.sum(xlogy(z, np.log(y)) + xlogy(1.0 - z, np.log1p(-y)), axis=-1)


def binary_cross_entropy_derivative(y, z):
    """∂E/∂y_k = −z_k / y_k + (1 − z_k) / (1 − y_k)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -z / y + (1.0 - z) / (1.0 - y)


LOSSES = {"half-sse": half_sse, "mse": mse, "cross-entropy": cross_entropy,
          "binary-cross-entropy": binary_cross_entropy,
          # the cheat sheet's Go package calls ½(y − z)² "mean squared error": the same loss
          "mean-squared-error": half_sse}
LOSS_DERIVATIVES = {"half-sse": half_sse_derivative, "mse": mse_derivative,
                    "cross-entropy": cross_entropy_derivative,
                    "binary-cross-entropy": binary_cross_entropy_derivative,
                    "mean-squared-error": half_sse_derivative}
HALF_SSE_NAMES = ("half-sse", "mean-squared-error")
