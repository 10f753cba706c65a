"""Softmax, cross-entropy and binary cross-entropy: gradients, the simplified δ = y − z, stability,
the compiled kernel, a hand-worked update, stepping and rewind (SPEC section 8)."""

import itertools

import numpy as np
import pytest

from mlpviz.core import Network, Trainer
from mlpviz.core.activations import sigmoid, softmax
from mlpviz.core.divergence import diagnose
from mlpviz.core.landscape import batched_loss, slice_grid
from mlpviz.core.losses import LOSS_DERIVATIVES, LOSSES
from mlpviz.core.online import OnlineKernel
from mlpviz.core.output_error import general_delta, output_delta, sample_loss
from mlpviz.core.phases import partial_pass
from mlpviz.core.timeline import Timeline

ALL_LOSSES = list(LOSSES)  # half-sse, mse, cross-entropy, binary-cross-entropy, mean-squared-error
DEPTHS = [[], [4], [4, 3]]
ROWS = [1, 3, 5]  # one sample, a mini-batch, the whole set
PAIRS = ([("softmax", loss) for loss in ALL_LOSSES]
         + [("sigmoid", "binary-cross-entropy"), ("sigmoid", "cross-entropy")])


def problem(hidden, output, loss, seed=0, K=3):
    """A network with tanh hidden layers; targets one-hot for cross-entropy, in (0, 1) otherwise."""
    rng = np.random.default_rng(seed)
    network = Network((3, *hidden, K), "tanh", output)
    network.set_params(rng.uniform(-1, 1, network.params.size))
    X = rng.uniform(-1, 1, (5, 3))
    if loss == "cross-entropy":
        Z = np.eye(K)[rng.integers(0, K, 5)]
        Z[0] = softmax(rng.normal(size=K))  # one sample with a soft target, a distribution
    else:
        Z = rng.uniform(0, 1, (5, K))
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


@pytest.mark.parametrize("output,loss,hidden,rows", [
    (o, l, h, r) for (o, l), h, r in itertools.product(PAIRS, DEPTHS, ROWS)])
def test_backward_pass_matches_central_differences(output, loss, hidden, rows):
    network, X, Z = problem(hidden, output, loss)
    analytic = network.backward(network.forward(X[:rows]), Z[:rows], loss).grad
    numeric = numeric_gradient(network, X[:rows], Z[:rows], loss)
    assert analytic == pytest.approx(numeric, rel=1e-5, abs=1e-8)


@pytest.mark.parametrize("output,loss", PAIRS)
def test_the_compiled_online_step_agrees_with_the_readable_one(output, loss):
    network, X, Z = problem([4], output, loss, seed=1)
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
    assert kernel.delta[-3:] == pytest.approx(backward.delta[-1][0], rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("output,loss", [("softmax", "cross-entropy"),
                                         ("sigmoid", "binary-cross-entropy")])
def test_the_simplified_delta_is_the_general_jacobian_form(output, loss):
    network, X, Z = problem([4], output, loss, seed=2)
    y = network.predict(X)
    simplified = output_delta(output, loss, y, Z)
    general = general_delta(output, y, LOSS_DERIVATIVES[loss](y, Z))
    assert simplified == pytest.approx(general, rel=1e-9, abs=1e-12)
    if output == "softmax":
        one_hot = Z[1:]  # targets that sum to 1: δ is exactly y − z
        assert np.array_equal(simplified[1:], y[1:] - one_hot)


def test_the_loss_from_net_agrees_with_the_loss_from_y_where_both_are_finite():
    rng = np.random.default_rng(5)
    net = rng.normal(size=(6, 4))
    Z = np.eye(4)[rng.integers(0, 4, 6)]
    for activation, loss in (("softmax", "cross-entropy"), ("sigmoid", "binary-cross-entropy"),
                             ("sigmoid", "cross-entropy"), ("softmax", "binary-cross-entropy")):
        y = softmax(net) if activation == "softmax" else 1 / (1 + np.exp(-net))
        assert sample_loss(loss, activation, net, y, Z) == pytest.approx(LOSSES[loss](y, Z),
                                                                         rel=1e-12)


def test_a_saturated_output_gives_a_large_finite_loss_not_ln_0():
    # softmax of (1000, 0): y = (1, e^-1000) = (1, 0) in floats; the target is class 2, so
    # E = −ln y_2 = ln(e^1000 + e^0) − 0 = 1000 (log-sum-exp), where ln 0 would be infinite.
    net = np.array([[1000.0, 0.0]])
    y = softmax(net)
    assert y[0, 1] == 0.0
    assert sample_loss("cross-entropy", "softmax", net, y, np.array([[0.0, 1.0]]))[0] == 1000.0
    # sigmoid(−800) = 0 in floats; BCE for z = 1: −ln σ(−800) = softplus(800) = 800
    net = np.array([[-800.0]])
    y = sigmoid(net)
    assert y[0, 0] == 0.0
    assert sample_loss("binary-cross-entropy", "sigmoid", net, y, np.ones((1, 1)))[0] == 800.0


def test_the_compiled_loop_keeps_a_saturated_softmax_finite():
    network = Network((1, 2), "tanh", "softmax", params=[500.0, -500.0, 0.0, 0.0])
    kernel = OnlineKernel(network, "cross-entropy")
    losses = np.zeros(1)
    # x = 1: net = (500, −500); target class 2: E = ln(e^500 + e^-500) + 500 = 1000
    done = kernel.run(np.ones((1, 1)), np.array([[0.0, 1.0]]), np.zeros(1, dtype=np.int64), 0.1,
                      True, losses)
    assert done == 1 and losses[0] == 1000.0
    # δ = y − z = (1, 0) − (0, 1) = (1, −1); w ← w − 0.1·δ·x
    assert network.params == pytest.approx([499.9, -499.9, -0.1, 0.1])


def test_a_softmax_cross_entropy_update_worked_by_hand():
    # A 2-3 network (no hidden layer), softmax outputs, cross-entropy, η = 0.5.
    # x = (1, 2), target class 2: z = (0, 1, 0).
    W = [[0.1, 0.2], [0.3, -0.1], [0.0, 0.0]]
    b = [0.0, 0.1, -0.2]
    network = Network((2, 3), "sigmoid", "softmax",
                      params=[v for row in W for v in row] + b)
    x, z = np.array([[1.0, 2.0]]), np.array([[0.0, 1.0, 0.0]])
    forward = network.forward(x)
    # net_1 = 0.1·1 + 0.2·2 + 0 = 0.5;  net_2 = 0.3·1 − 0.1·2 + 0.1 = 0.2;  net_3 = −0.2
    assert forward.net[1][0] == pytest.approx([0.5, 0.2, -0.2], abs=1e-15)
    # e^net = (1.648721271, 1.221402758, 0.818730753), Σ = 3.688854782
    # y = e^net / Σ = (0.446946646, 0.331106219, 0.221947136)
    assert forward.out[1][0] == pytest.approx([0.446946646, 0.331106219, 0.221947136], abs=1e-9)
    # E = −ln y_2 = ln 3.688854782 − 0.2 = 1.305316053 − 0.2 = 1.105316053
    assert network.loss(x, z, "cross-entropy") == pytest.approx(1.105316053, abs=1e-9)
    backward = network.backward(forward, z, "cross-entropy")
    # δ = y − z = (0.446946646, −0.668893781, 0.221947136)
    assert backward.delta[1][0] == pytest.approx([0.446946646, -0.668893781, 0.221947136],
                                                 abs=1e-9)
    # ∂E/∂w_kj = δ_k x_j; w⁺ = w − 0.5 ∂E/∂w:
    # w_11 = 0.1 − 0.5·0.446946646·1 = −0.123473323;  w_12 = 0.2 − 0.5·0.446946646·2 = −0.246946646
    # w_21 = 0.3 + 0.5·0.668893781·1 = 0.634446891;   w_22 = −0.1 + 0.5·0.668893781·2 = 0.568893781
    # w_31 = 0 − 0.5·0.221947136·1 = −0.110973568;    w_32 = 0 − 0.5·0.221947136·2 = −0.221947136
    # b⁺ = b − 0.5 δ = (−0.223473323, 0.434446891, −0.310973568)
    expected = [-0.123473323, -0.246946646, 0.634446891, 0.568893781, -0.110973568, -0.221947136,
                -0.223473323, 0.434446891, -0.310973568]
    for batch_size in (1, 0):  # the compiled online loop, and numpy's full batch of one row
        trainer = Trainer(network.copy(), x, z, learning_rate=0.5, batch_size=batch_size,
                          loss="cross-entropy")
        trainer.run(1)
        assert trainer.network.params == pytest.approx(expected, abs=1e-9)
        assert trainer.history.values[0] == pytest.approx(1.105316053, abs=1e-9)


def classifier(batch_size=1, shuffle=True, output="softmax", loss="cross-entropy"):
    rng = np.random.default_rng(3)
    K = 3 if output == "softmax" else 1
    network = Network((4, 8, K), "tanh", output)
    network.set_params(rng.uniform(-1, 1, network.params.size))
    X = rng.uniform(-1, 1, (30, 4))
    labels = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0.3).astype(int)
    Z = np.eye(3)[labels] if K == 3 else (labels[:, None] > 0).astype(float)
    return Trainer(network, X, Z, learning_rate=0.2, batch_size=batch_size, loss=loss,
                   shuffle=shuffle, seed=4)


@pytest.mark.parametrize("output,loss", [("softmax", "cross-entropy"),
                                         ("sigmoid", "binary-cross-entropy"),
                                         ("softmax", "half-sse")])
def test_stepping_equals_running_bit_for_bit(output, loss):
    stepped, ran = classifier(output=output, loss=loss), classifier(output=output, loss=loss)
    for _ in range(100):
        stepped.run(1)
    ran.run(100)
    assert np.array_equal(stepped.network.params, ran.network.params)
    assert np.array_equal(stepped.history.values, ran.history.values)
    assert ran.history.values[-30:].mean() < ran.history.values[:30].mean()  # it learns


@pytest.mark.parametrize("batch_size", [1, 4])
def test_rewind_is_exact(batch_size):
    original = classifier(batch_size)
    timeline = Timeline(original, every=16, max_keyframes=8)
    params = {}
    for step in range(200):
        params[step] = original.network.params.copy()
        timeline.run(1)
    losses = original.history.values.copy()
    for k in (0, 17, 131, 199):
        timeline.go_to(k)
        assert np.array_equal(original.network.params, params[k])
        assert np.array_equal(original.history.values, losses[:k])


def test_phases_end_at_the_engine_s_delta():
    network, X, Z = problem([4], "softmax", "cross-entropy", seed=7)
    done = partial_pass(network, X[:1], Z[:1], "cross-entropy", 2 * network.L)
    backward = network.backward(network.forward(X[:1]), Z[:1], "cross-entropy")
    assert np.array_equal(done.backward.grad, backward.grad)
    y = done.forward.out[-1]
    assert np.array_equal(done.backward.delta[-1], y - Z[:1])


def test_the_landscape_uses_the_engine_s_loss():
    trainer = classifier()
    network = trainer.network
    expected = network.loss(trainer.X, trainer.Z, "cross-entropy")
    got = batched_loss(network, network.params[None, :], trainer.X, trainer.Z, "cross-entropy")
    assert got[0] == pytest.approx(expected, rel=1e-12)
    grid = slice_grid(network, trainer.X, trainer.Z, "cross-entropy", 0, 5, span=0.5,
                      resolution=3)
    assert grid.loss[1, 1] == pytest.approx(expected, rel=1e-12)


def test_mean_squared_error_is_half_sse_by_another_name():
    network, X, Z = problem([4], "sigmoid", "half-sse")
    assert network.loss(X, Z, "mean-squared-error") == network.loss(X, Z, "half-sse")
    a, b = classifier(loss="half-sse"), classifier(loss="mean-squared-error")
    a.run(50)
    b.run(50)
    assert np.array_equal(a.network.params, b.network.params)


def test_cross_entropy_on_outputs_that_leave_0_1_says_what_to_change():
    # a linear output goes negative: ln of it is NaN, and the advice names the output activation
    network = Network((1, 2), "tanh", "linear", params=[1.0, -1.0, 0.0, 0.0])
    trainer = Trainer(network, np.ones((1, 1)), np.array([[0.0, 1.0]]), learning_rate=0.1,
                      loss="cross-entropy")
    assert trainer.run(5) == 0
    text = diagnose(trainer).text()
    assert "loss became NaN" in text and "softmax or sigmoid output (now linear)" in text
