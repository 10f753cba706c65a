"""Every gradient against central finite differences: activation × loss × batch mode × depth."""

import itertools

import numpy as np
import pytest

from mlpviz.core import Network, Trainer
from mlpviz.core.online import OnlineKernel

ACTIVATIONS = ["sigmoid", "tanh", "relu", "linear"]
LOSSES = ["half-sse", "mse"]
DEPTHS = [[], [3], [4, 3], [3, 4, 2]]
BATCHES = [1, 3, 0]  # online, mini-batch, full batch (of 5 samples)


def problem(hidden, activation, seed=0):
    rng = np.random.default_rng(seed)
    network = Network((3, *hidden, 2), activation, "sigmoid" if activation == "relu" else None)
    network.set_params(rng.uniform(-1, 1, network.params.size))
    X = rng.uniform(-1, 1, (5, 3))
    Z = rng.uniform(0, 1, (5, 2))
    return network, X, Z


def numeric_gradient(network, X, Z, loss, h=1e-6):
    grad = np.zeros_like(network.params)
    for i in range(network.params.size):
        saved = network.params[i]
        network.params[i] = saved + h
        up = network.loss(X, Z, loss)
        network.params[i] = saved - h
        down = network.loss(X, Z, loss)
        network.params[i] = saved
        grad[i] = (up - down) / (2 * h)
    return grad


@pytest.mark.parametrize("activation,loss,hidden,batch",
                         list(itertools.product(ACTIVATIONS, LOSSES, DEPTHS, BATCHES)))
def test_backward_pass_matches_central_differences(activation, loss, hidden, batch):
    network, X, Z = problem(hidden, activation)
    rows = slice(0, {1: 1, 3: 3, 0: 5}[batch])
    analytic = network.backward(network.forward(X[rows]), Z[rows], loss).grad
    numeric = numeric_gradient(network, X[rows], Z[rows], loss)
    assert analytic == pytest.approx(numeric, rel=1e-5, abs=1e-8)


@pytest.mark.parametrize("activation,loss,hidden",
                         list(itertools.product(ACTIVATIONS, LOSSES, DEPTHS)))
def test_compiled_online_step_agrees_with_the_readable_one(activation, loss, hidden):
    network, X, Z = problem(hidden, activation, seed=1)
    readable = network.copy()
    kernel = OnlineKernel(network, loss)
    losses = np.zeros(5)
    kernel.run(X, Z, np.arange(5, dtype=np.int64), 0.3, True, losses)
    expected = []
    for s in range(5):
        forward = readable.forward(X[s])
        backward = readable.backward(forward, Z[s], loss)
        expected.append(readable.loss(X[s], Z[s], loss))
        readable.params -= 0.3 * backward.grad
    assert losses == pytest.approx(expected, rel=1e-12, abs=1e-15)
    assert network.params == pytest.approx(readable.params, rel=1e-12, abs=1e-14)
    assert kernel.delta[-2:] == pytest.approx(backward.delta[-1][0], rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("batch_size", [1, 2, 0])
def test_trainer_step_is_the_gradient_of_the_batch_loss(batch_size):
    network, X, Z = problem([3], "tanh")
    before = network.copy()
    trainer = Trainer(network, X, Z, learning_rate=0.01, batch_size=batch_size, loss="mse")
    trainer.run(1)
    rows = trainer.batch_indices(0)
    numeric = numeric_gradient(before, X[rows], Z[rows], "mse")
    assert network.params == pytest.approx(before.params - 0.01 * numeric, abs=1e-10)
