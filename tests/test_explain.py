"""The math panel's text: the tutorials' formulas carrying SPEC section 7's numbers."""

import pytest

from mlpviz.core import Experiment, Network
from mlpviz.core.examples import config_path
from mlpviz.core.explain import (Names, explain_bias, explain_loss, explain_neuron,
                                 explain_weight, number)


@pytest.fixture
def worked():
    net = Network((2, 2, 2), "sigmoid")
    net.W[1][:] = [[0.15, 0.20], [0.25, 0.30]]
    net.b[1][:] = 0.35
    net.W[2][:] = [[0.40, 0.45], [0.50, 0.55]]
    net.b[2][:] = 0.60
    forward = net.forward([0.05, 0.10])
    backward = net.backward(forward, [0.01, 0.99])
    return net, Names.of(net.sizes, ["i1", "i2"], ["o1", "o2"]), forward, backward


def test_h1_forward_reads_like_the_worked_example(worked):
    net, names, forward, _ = worked
    lines = explain_neuron(net, names, forward, None, 1, 0)
    assert lines == ["net_h1 = w1·i1 + w2·i2 + b_h1 = 0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.3775",
                     "out_h1 = σ(net_h1) = σ(0.3775) = 0.593269992"]


def test_output_error_signal_and_w5_update(worked):
    net, names, forward, backward = worked
    text = "\n".join(explain_neuron(net, names, forward, backward, 2, 0, [0.01, 0.99]))
    assert "net_o1 = w5·h1 + w6·h2 + b_o1" in text and "= 1.105905967" in text
    assert "(0.75136507 − 0.01) · 0.75136507·(1 − 0.75136507) = 0.138498562" in text
    lines = explain_weight(net, names, forward, backward, 2, 0, 0, 0.5)
    assert lines[1] == "∂E/∂w5 = δ_o1 · out_h1 = 0.138498562 · 0.593269992 = 0.082167041"
    assert lines[2] == "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648"


def test_hidden_weight_and_frozen_bias(worked):
    net, names, forward, backward = worked
    assert explain_weight(net, names, forward, backward, 1, 0, 0, 0.5)[2].endswith(
        "= 0.149780716")
    assert [explain_weight(net, names, forward, backward, 2, j, i, 0.5)[2].split(" = ")[-1]
            for j in (0, 1) for i in (0, 1)] == ["0.35891648", "0.408666186", "0.51130127",
                                                 "0.561370121"]
    assert "frozen" in explain_bias(net, names, backward, 1, 0, 0.5, train_biases=False)[-1]


def test_loss_line_carries_the_total_error(worked):
    _, names, forward, _ = worked
    assert explain_loss(names, forward, [0.01, 0.99])[-1].endswith("= 0.298371109")
    assert explain_loss(names, forward, [0.01, 0.99], "mse")[0].startswith("E = (1/2)")


def test_cheat_sheet_first_update():
    experiment = Experiment.load(config_path("cheat-sheet"))
    net = experiment.network()
    X, Z = experiment.normalized(experiment.train)
    forward = net.forward(X[0])
    backward = net.backward(forward, Z[0])
    names = Names.of(net.sizes, ["i0", "i1"], ["z0"])
    out = "\n".join(explain_neuron(net, names, forward, backward, 2, 0, Z[0]))
    assert "= 0.524094428" in out and "δ_z0" in out and "-0.096252" in out
    # SPEC section 7: new w_o = (0.50421, …), b_o = 0.50963
    assert explain_weight(net, names, forward, backward, 2, 0, 0, 0.1)[2] == \
        "w7⁺ = w7 − η · ∂E/∂w7 = 0.5 − 0.1 · (-0.042141545) = 0.504214154"
    assert explain_bias(net, names, backward, 2, 0, 0.1)[-1].endswith("= 0.509625236")


def test_numbers_print_like_the_tutorial():
    assert [number(v) for v in (0.3775, 0.5932699921071872, 0.08216704056, 0.0, -0.5,
                                3.5102e-05)] == ["0.3775", "0.593269992", "0.082167041", "0",
                                                 "-0.5", "3.5102e-05"]


def test_large_networks_name_weights_by_index():
    names = Names.of((784, 100, 10))
    assert names.weight(2, 3, 7) == "w[2][3][7]" and names.neurons[1][0] == "h1"
    assert Names.of((2, 3, 3, 1)).neurons[2][1] == "h2.2"
