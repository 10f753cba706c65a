"""The math panel for classification outputs (SPEC section 8): softmax with its numbers,
E = −Σ z ln y, δ = y − z with why, and the general Jacobian form where softmax meets another loss."""

import numpy as np
import pytest

from mlpviz.core.explain import Names, explain_loss, explain_neuron
from mlpviz.core.network import Network

# the hand-worked 2-3 softmax network of test_classification_engine: x = (1, 2), class 2
W = [[0.1, 0.2], [0.3, -0.1], [0.0, 0.0]]
B = [0.0, 0.1, -0.2]
X, Z = np.array([[1.0, 2.0]]), np.array([0.0, 1.0, 0.0])


def panel(output, loss, j=0):
    network = Network((2, 3), "sigmoid", output, params=[v for row in W for v in row] + B)
    forward = network.forward(X)
    backward = network.backward(forward, Z[None, :], loss)
    names = Names.of(network.sizes)
    return (explain_neuron(network, names, forward, backward, 1, j, Z, loss),
            explain_loss(names, forward, Z, loss, output), backward)


def test_softmax_cross_entropy_reads_as_the_tutorials_write_it():
    neuron, loss, _ = panel("softmax", "cross-entropy")
    assert neuron[1] == "out_o1 = e^net_o1 / Σ_k e^net_k = e^0.5 / (e^0.5 + e^0.2 + e^(-0.2))"
    # e^0.5 = 1.648721271; Σ = 1.648721271 + 1.221402758 + 0.818730753 = 3.688854782
    assert neuron[2].split() == ["=", "1.648721271", "/", "3.688854782", "=", "0.446946646"]
    assert neuron[3] == "δ_o1 = ∂E/∂net_o1 = out_o1 − z_o1 = 0.446946646 − 0 = 0.446946646"
    assert "why so simple" in neuron[4] and "cancels" in neuron[4]
    assert loss[0] == "E = −Σ_k z_k ln out_k = −(z_o1 ln out_o1 + z_o2 ln out_o2 + z_o3 ln out_o3)"
    assert loss[1].endswith("= 1.105316053")  # −ln 0.331106219


def test_sigmoid_binary_cross_entropy_gives_y_minus_z_too():
    neuron, loss, _ = panel("sigmoid", "binary-cross-entropy", j=1)
    # net_o2 = 0.2: σ(0.2) = 0.549833997; δ = 0.549833997 − 1 = −0.450166003
    assert neuron[2] == "δ_o2 = ∂E/∂net_o2 = out_o2 − z_o2 = 0.549833997 − 1 = -0.450166003"
    assert "f' = out(1 − out) cancels" in neuron[3]
    assert loss[0].startswith("E = −Σ_k [z_k ln out_k + (1 − z_k) ln(1 − out_k)]")


@pytest.mark.parametrize("loss", ["half-sse", "mse", "binary-cross-entropy"])
def test_softmax_with_another_loss_shows_the_jacobian_form_with_the_engine_s_delta(loss):
    neuron, _, backward = panel("softmax", loss)
    assert neuron[3].startswith("g_o1 = ∂E/∂out_o1 = ")
    assert neuron[4].startswith("Σ_k g_k out_k = ")
    assert neuron[5].startswith("δ_o1 = out_o1 · (g_o1 − Σ_k g_k out_k) = ")
    assert neuron[5].endswith(f"= {float(backward.delta[1][0, 0]):.9f}".rstrip("0"))
    assert "J_f(net)ᵀ" in neuron[6]


def test_a_saturated_softmax_is_explained_without_overflow():
    network = Network((1, 2), "sigmoid", "softmax", params=[800.0, -800.0, 0.0, 0.0])
    forward = network.forward(np.array([[1.0]]))
    lines = explain_neuron(network, Names.of(network.sizes), forward, None, 1, 1)
    # e^800 overflows: the line takes the largest net out first, e^(−1600) / (1 + e^(−1600))
    assert lines[2].startswith("     = e^(-1600) / Σ_k e^(net_k − 800) = 0 / 1 = 0")


def test_mean_squared_error_explains_as_half_sse():
    _, loss, _ = panel("sigmoid", "mean-squared-error")
    assert loss[0].startswith("E = ½ Σ_k (z_k − out_k)²")
