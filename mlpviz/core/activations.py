"""Activation functions f and their derivatives f', written from the activated value a = f(net).

The tutorials write the derivatives this way: sigmoid a(1-a), tanh 1-a², relu 1[net>0], linear 1.
softmax (output layer only) mixes the whole layer, y_k = e^{net_k} / Σ_j e^{net_j}: its derivative
is a Jacobian, not a number per neuron, so the output error signal takes it in output_error.py.
"""

import numpy as np


def sigmoid(net):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-net))


def tanh(net):
    return np.tanh(net)


def relu(net):
    return np.maximum(net, 0.0)


def linear(net):
    return np.asarray(net, dtype=float).copy()


def softmax(net):
    """y_k = e^{net_k} / Σ_j e^{net_j} over the last axis, with the largest net subtracted first
    (the same y, and e^{…} never overflows)."""
    shifted = np.exp(net - np.max(net, axis=-1, keepdims=True))
    return shifted / np.sum(shifted, axis=-1, keepdims=True)


def sigmoid_derivative(out):
    return out * (1.0 - out)


def tanh_derivative(out):
    return 1.0 - out**2


def relu_derivative(out):
    # relu's output is positive exactly where net > 0, and the derivative at 0 is taken as 0.
    return (out > 0.0).astype(float)


def linear_derivative(out):
    return np.ones_like(out)


ACTIVATIONS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "linear": linear,
               "softmax": softmax}
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")  # softmax is for the output layer only
# Elementwise derivatives f'(net) from out; softmax has none (output_error.py uses its Jacobian).
DERIVATIVES = {
    "sigmoid": sigmoid_derivative,
    "tanh": tanh_derivative,
    "relu": relu_derivative,
    "linear": linear_derivative,
}
# The symbol the math panel and the command line print for each function.
SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu", "linear": "id", "softmax": "softmax"}
