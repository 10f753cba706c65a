"""The multi-layer perceptron and its forward and backward passes, as the tutorials compute them.

Layers are numbered 0..L; layer 0 is the input. W[l] has shape (n_l, n_{l-1}): row j holds the
weights *into* neuron j (the cheat sheet's wh[hidden node][input node]); b[l] has shape (n_l,).
All weights and biases live in one flat vector `params`; W[l] and b[l] are views into it, so a
whole network can be copied, stored or restored as one array.

The passes take a batch: X has one sample per row. One sample is a batch of one row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, DERIVATIVES
from .output_error import output_delta, sample_loss


def parameter_layout(sizes):
    """Offsets of W[l] and b[l] in the flat parameter vector, and its length."""
    w_offsets, b_offsets, at = [0], [0], 0
    for l in range(1, len(sizes)):
        w_offsets.append(at)
        at += sizes[l] * sizes[l - 1]
        b_offsets.append(at)
        at += sizes[l]
    return w_offsets, b_offsets, at


def layer_views(flat, sizes):
    """W[l] and b[l] as views into `flat` (index 0 is None: the input layer has no weights)."""
    w_offsets, b_offsets, _ = parameter_layout(sizes)
    W, b = [None], [None]
    for l in range(1, len(sizes)):
        W.append(flat[w_offsets[l] : b_offsets[l]].reshape(sizes[l], sizes[l - 1]))
        b.append(flat[b_offsets[l] : b_offsets[l] + sizes[l]])
    return W, b


class Network:
    """Sizes, activations and parameters of an MLP. `W[l]`, `b[l]` are views into `params`."""

    def __init__(self, sizes, hidden_activation="sigmoid", output_activation=None, params=None):
        self.sizes = tuple(int(n) for n in sizes)
        self.hidden_activation = hidden_activation
        self.output_activation = output_activation or hidden_activation
        _, _, count = parameter_layout(self.sizes)
        self.params = np.zeros(count) if params is None else np.array(params, dtype=float)
        if self.params.shape != (count,):
            raise ValueError(f"expected {count} parameters, got {self.params.shape}")
        self.W, self.b = layer_views(self.params, self.sizes)

    @property
    def L(self):
        """Index of the output layer."""
        return len(self.sizes) - 1

    def activation(self, l):
        """Name of f_l: the output layer has its own, every hidden layer shares one."""
        return self.output_activation if l == self.L else self.hidden_activation

    def copy(self):
        return Network(self.sizes, self.hidden_activation, self.output_activation, self.params)

    def set_params(self, params):
        """Overwrite every weight and bias in place (views stay valid)."""
        self.params[:] = params

    def forward(self, X):
        """net[l] = W[l] @ out[l-1] + b[l];  out[l] = f_l(net[l]);  out[0] = x."""
        out = [np.atleast_2d(np.asarray(X, dtype=float))]
        net = [None]
        for l in range(1, self.L + 1):
            net_l, out_l = self.forward_layer(l, out[l - 1])
            net.append(net_l)
            out.append(out_l)
        return Forward(net, out)

    def forward_layer(self, l, out_before):
        """One layer of the forward pass: net[l] = W[l] @ out[l-1] + b[l];  out[l] = f_l(net[l])."""
        net = out_before @ self.W[l].T + self.b[l]
        return net, ACTIVATIONS[self.activation(l)](net)

    def backward(self, forward, Z, loss="half-sse"):
        """δ[L] = J_f(net)ᵀ ∂E/∂y (∂E/∂y ⊙ f_L' elementwise);  δ[l] = (W[l+1]ᵀ δ[l+1]) ⊙ f_l';  ∇W[l] = δ[l] out[l-1]ᵀ;  ∇b[l] = δ[l].

        Over a batch the gradients are the mean over its samples.
        """
        backward = self.start_backward()
        for l in range(self.L, 0, -1):
            self.backward_layer(l, forward, Z, loss, backward)
        return backward

    def start_backward(self):
        """An empty Backward: no δ yet, every gradient 0."""
        grad = np.zeros_like(self.params)
        grad_W, grad_b = layer_views(grad, self.sizes)
        return Backward([None] * (self.L + 1), grad, grad_W, grad_b)

    def backward_layer(self, l, forward, Z, loss, backward):
        """One layer of the backward pass (δ[l+1] must be done): fills δ[l], ∇W[l] and ∇b[l]."""
        out, delta = forward.out, backward.delta
        if l == self.L:
            Z = np.atleast_2d(np.asarray(Z, dtype=float))
            delta[l] = output_delta(self.activation(l), loss, out[l], Z)
        else:
            delta[l] = (delta[l + 1] @ self.W[l + 1]) * DERIVATIVES[self.activation(l)](out[l])
        batch = out[0].shape[0]
        backward.grad_W[l][:] = delta[l].T @ out[l - 1] / batch
        backward.grad_b[l][:] = delta[l].sum(axis=0) / batch

    def loss(self, X, Z, loss="half-sse"):
        """Mean sample loss over the rows of X and Z."""
        return float(np.mean(self.sample_losses(self.forward(X), Z, loss)))

    def sample_losses(self, forward, Z, loss="half-sse"):
        """E of each sample of a forward pass (from net where output_error.py says so)."""
        Z = np.atleast_2d(np.asarray(Z, dtype=float))
        return sample_loss(loss, self.output_activation, forward.net[-1], forward.out[-1], Z)

    def predict(self, X):
        """The network's output for each row of X."""
        return self.forward(X).out[-1]


@dataclass
class Forward:
    """What the forward pass computed: net input and activation of every layer (rows = samples)."""

    net: list
    out: list


@dataclass
class Backward:
    """What the backward pass computed: error signals δ of every layer and the mean gradients."""

    delta: list
    grad: np.ndarray  # flat, laid out like Network.params
    grad_W: list
    grad_b: list


def gradient_step(network, X, Z, learning_rate, loss="half-sse", train_biases=True,
                  optimizer=None):
    """One update from the batch (X, Z): θ ← θ − η ∇θ, or `optimizer`'s update (optimizers.py,
    whose state then moves on). Returns (mean loss before it, forward, backward).

    Every gradient is computed from the weights before the update; then all parameters change.
    A loss that is not finite, or an update that would make a parameter (or the optimizer's
    state) infinite or NaN, stops it before the update (backward is then None): the parameters
    and the state stay as they were.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported, not warned
        forward = network.forward(X)
        mean_loss = float(np.mean(network.sample_losses(forward, Z, loss)))
        if not np.isfinite(mean_loss):
            return mean_loss, forward, None  # diverged: leave the parameters as they were
        backward = network.backward(forward, Z, loss)
        if not train_biases:
            for grad_b in backward.grad_b[1:]:
                grad_b[:] = 0.0
        if optimizer is None:
            updated, slots = network.params - learning_rate * backward.grad, None
        else:
            updated, slots = optimizer.propose(network.params, backward.grad, learning_rate,
                                               train_biases)
    if not np.isfinite(updated).all() or (slots is not None and not np.isfinite(slots).all()):
        return mean_loss, forward, None  # diverged: leave the parameters as they were
    network.params[:] = updated
    if optimizer is not None:
        optimizer.accept(slots)
    return mean_loss, forward, backward
