"""One update taken apart into phases: each phase's numbers, and all of them equal one update."""

import numpy as np
import pytest

import re

from mlpviz.core import Experiment
from mlpviz.core.examples import config_path
from mlpviz.core.explain import Names, explain_loss, explain_neuron, explain_weight
from mlpviz.core.network import layer_views
from mlpviz.core.phases import partial_pass, phases


def last_number(line):
    return float(re.findall(r"-?\d+\.?\d*(?:e-?\d+)?", line)[-1])


def experiment(name):
    e = Experiment.load(config_path(name))
    return e, e.trainer()


def test_an_update_has_forward_then_backward_phases_then_the_update():
    kinds = [(p.kind, p.layer) for p in phases(2)]
    assert kinds == [("forward", 1), ("forward", 2), ("backward", 2), ("backward", 1),
                     ("update", None)]
    assert phases(3)[0].describe(["inputs", "hidden", "hidden", "outputs"]) == \
        "forward through layer 1 (hidden): net and out"


def test_each_phase_computes_one_layer_more():
    _, t = experiment("worked-example")
    x, z = t.X[0], t.Z[0]
    p0 = partial_pass(t.network, x, z, t.loss, 0)
    assert p0.forward_done(0) and not p0.forward_done(1) and p0.backward is None
    p1 = partial_pass(t.network, x, z, t.loss, 1)
    assert p1.forward.out[1][0] == pytest.approx([0.593269992, 0.596884378], abs=5e-10)
    assert not p1.forward_done(2)
    p3 = partial_pass(t.network, x, z, t.loss, 3)  # backward through the output layer
    assert p3.backward_done(2) and not p3.backward_done(1)
    assert p3.backward.grad_W[2][0, 0] == pytest.approx(0.082167041, abs=5e-10)
    assert not p3.backward.grad_W[1].any()  # the hidden layer's gradients are still to come
    with pytest.raises(ValueError):
        partial_pass(t.network, x, z, t.loss, 5)


@pytest.mark.parametrize("name", ["worked-example", "cheat-sheet-4-rows", "xor", "sine"])
def test_all_passing_phases_are_the_engines_pass_bit_for_bit(name):
    _, t = experiment(name)
    rows = t.batch_indices(0)
    X, Z = t.X[rows], t.Z[rows]
    done = partial_pass(t.network, X, Z, t.loss, 2 * t.network.L)
    forward = t.network.forward(X)
    backward = t.network.backward(forward, Z, t.loss)
    for l in range(t.network.L + 1):
        assert np.array_equal(done.forward.out[l], forward.out[l])
    for l in range(1, t.network.L + 1):
        assert np.array_equal(done.backward.delta[l], backward.delta[l])
    assert np.array_equal(done.backward.grad, backward.grad)


@pytest.mark.parametrize("name", ["worked-example", "cheat-sheet", "xor", "sine"])
def test_stepping_through_the_phases_of_one_update_equals_one_update(name):
    """The phases' gradient, applied as θ ← θ − η∇θ, gives the trainer's own step (online: the
    compiled kernel, to 1e-12; mini-batch: the same numpy code, exactly)."""
    e, t = experiment(name)
    for _ in range(3):
        before = t.network.params.copy()
        rows = t.batch_indices(t.step)
        done = partial_pass(t.network.copy(), t.X[rows], t.Z[rows], t.loss, 2 * t.network.L)
        grad = done.backward.grad.copy()
        if not t.train_biases:
            for g in layer_views(grad, t.network.sizes)[1][1:]:
                g[:] = 0.0  # frozen: the update leaves them
        t.run(1)
        expected = before - t.learning_rate * grad
        if t.batch == 1:
            assert np.allclose(t.network.params, expected, rtol=0, atol=1e-12)
        else:
            assert np.array_equal(t.network.params, expected)


def test_math_panel_text_follows_the_phases_of_the_worked_example():
    """h1 in the forward phase, w5 in the backward phase, with SPEC section 7's numbers."""
    _, t = experiment("worked-example")
    net, x, z = t.network, t.X[0], t.Z[0]
    names = Names.of(net.sizes, ["i1", "i2"], ["o1", "o2"])
    before = partial_pass(net, x, z, t.loss, 0)
    assert "not computed yet" in explain_neuron(net, names, before.forward, before.backward,
                                                1, 0, z)[0]
    p1 = partial_pass(net, x, z, t.loss, 1)
    h1 = explain_neuron(net, names, p1.forward, p1.backward, 1, 0, z)
    assert h1[0].endswith("0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.3775")
    assert h1[1] == "out_h1 = σ(net_h1) = σ(0.3775) = 0.593269992"
    assert "not computed yet" in explain_loss(names, p1.forward, z)[0]
    p2 = partial_pass(net, x, z, t.loss, 2)
    assert "not computed yet" in explain_weight(net, names, p2.forward, p2.backward,
                                                2, 0, 0, 0.5)[1]
    assert explain_loss(names, p2.forward, z)[1].endswith("= 0.298371109")
    p3 = partial_pass(net, x, z, t.loss, 3)
    w5 = explain_weight(net, names, p3.forward, p3.backward, 2, 0, 0, 0.5)
    assert w5[1] == "∂E/∂w5 = δ_o1 · out_h1 = 0.138498562 · 0.593269992 = 0.082167041"
    assert w5[2] == "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648"
    assert "not computed yet" in explain_weight(net, names, p3.forward, p3.backward,
                                                1, 0, 0, 0.5)[1]
    p4 = partial_pass(net, x, z, t.loss, 4)
    w1 = explain_weight(net, names, p4.forward, p4.backward, 1, 0, 0, 0.5)
    assert w1[2].endswith("= 0.149780716")


def test_math_panel_text_follows_the_phases_of_the_cheat_sheet():
    _, t = experiment("cheat-sheet")
    net, x, z = t.network, t.X[0], t.Z[0]
    names = Names.of(net.sizes)
    p1 = partial_pass(net, x, z, t.loss, 1)
    hidden = [explain_neuron(net, names, p1.forward, p1.backward, 1, j, z)[1] for j in range(3)]
    assert [last_number(line) for line in hidden] == pytest.approx([0.43782, 0.62246, 0.73106],
                                                                   abs=5e-6)
    p3 = partial_pass(net, x, z, t.loss, 3)
    output = explain_neuron(net, names, p3.forward, p3.backward, 2, 0, z)
    assert last_number(output[1]) == pytest.approx(0.52409, abs=5e-6)
    assert last_number(output[3]) == pytest.approx(-0.096252, abs=5e-7)  # δ_o
    assert len(explain_neuron(net, names, p3.forward, p3.backward, 1, 0, z)) == 2  # no δ yet
    p4 = partial_pass(net, x, z, t.loss, 4)
    deltas = [explain_neuron(net, names, p4.forward, p4.backward, 1, j, z)[-1] for j in range(3)]
    assert [last_number(line) for line in deltas] == pytest.approx([-0.01185, 0.02262, 0],
                                                                   abs=5e-6)
    w = explain_weight(net, names, p4.forward, p4.backward, 2, 0, 0, 0.1)
    assert last_number(w[2]) == pytest.approx(0.50421, abs=5e-6)
