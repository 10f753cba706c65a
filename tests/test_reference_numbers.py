"""SPEC section 7: the tutorials' printed numbers, reproduced to the printed digits."""

import numpy as np
import pytest

from mlpviz.core import Experiment, Network, gradient_step
from mlpviz.core.config import load_config
from mlpviz.core.examples import config_path
from mlpviz.core.normalize import MinMax
from mlpviz.core.surfaces import SURFACES, descend

X, Z = [0.05, 0.10], [0.01, 0.99]


def worked_example():
    """The 2-2-2 network: W[1] = [[w1, w2], [w3, w4]], W[2] = [[w5, w6], [w7, w8]]."""
    net = Network((2, 2, 2), "sigmoid")
    net.W[1][:] = [[0.15, 0.20], [0.25, 0.30]]
    net.b[1][:] = 0.35
    net.W[2][:] = [[0.40, 0.45], [0.50, 0.55]]
    net.b[2][:] = 0.60
    return net


def test_worked_example_forward_pass():
    forward = worked_example().forward(X)
    # net_h1 = 0.15·0.05 + 0.20·0.10 + 0.35·1 = 0.3775
    assert forward.net[1][0, 0] == pytest.approx(0.3775, abs=1e-12)
    assert forward.out[1][0] == pytest.approx([0.593269992, 0.596884378], abs=5e-10)
    assert forward.net[2][0, 0] == pytest.approx(1.105905967, abs=5e-10)
    assert forward.out[2][0] == pytest.approx([0.75136507, 0.772928465], abs=5e-9)
    assert worked_example().loss(X, Z) == pytest.approx(0.298371109, abs=5e-10)


def test_worked_example_backward_pass():
    net = worked_example()
    backward = net.backward(net.forward(X), Z)
    assert backward.delta[2][0, 0] == pytest.approx(0.138498562, abs=5e-10)  # δ_o1
    assert backward.grad_W[2][0, 0] == pytest.approx(0.082167041, abs=5e-10)  # ∂E/∂w5
    assert backward.grad_W[1][0, 0] == pytest.approx(0.000438568, abs=5e-10)  # ∂E/∂w1


def test_worked_example_first_update():
    net = worked_example()
    loss, _, _ = gradient_step(net, X, Z, 0.5, train_biases=False)
    assert loss == pytest.approx(0.298371109, abs=5e-10)
    assert net.W[2].ravel() == pytest.approx([0.35891648, 0.408666186, 0.511301270, 0.561370121],
                                             abs=5e-9)
    assert net.W[1].ravel() == pytest.approx([0.149780716, 0.19956143, 0.24975114, 0.29950229],
                                             abs=5e-9)
    assert list(net.b[1]) == [0.35, 0.35] and list(net.b[2]) == [0.6, 0.6]  # biases frozen
    # The tutorial prints 0.291027924 (its spreadsheet rounded); the exact value:
    assert net.loss(X, Z) == pytest.approx(0.2910277737, abs=5e-11)


def test_worked_example_bundled_run_of_10000_updates():
    experiment = Experiment.load(config_path("worked-example"))
    trainer = experiment.trainer()
    trainer.run(1)
    assert trainer.network.W[2].ravel() == pytest.approx(
        [0.35891648, 0.408666186, 0.511301270, 0.561370121], abs=5e-9)
    trainer.run(9999)
    assert trainer.history.values[1] == pytest.approx(0.2910277737, abs=5e-11)
    assert trainer.network.loss(X, Z) == pytest.approx(3.5102e-05, rel=5e-5)
    assert trainer.network.predict(X)[0] == pytest.approx([0.015914, 0.984064], abs=5e-7)


def cheat_sheet(activation="sigmoid"):
    experiment = Experiment.load(config_path("cheat-sheet"))
    experiment.config.activationFunction = activation
    experiment.config.outputActivationFunction = activation
    return experiment


def test_cheat_sheet_normalizes_its_one_row():
    X, Z = cheat_sheet().normalized(cheat_sheet().train)
    assert X.tolist() == [[0.5, 0.5]] and Z.tolist() == [[0.91]]


def test_cheat_sheet_first_update():
    trainer = cheat_sheet().trainer()
    network = trainer.network
    forward = network.forward([0.5, 0.5])
    assert forward.out[1][0] == pytest.approx([0.43782, 0.62246, 0.73106], abs=5e-6)
    assert forward.out[2][0, 0] == pytest.approx(0.52409, abs=5e-6)
    backward = network.backward(forward, [0.91])
    assert backward.delta[2][0, 0] == pytest.approx(-0.096252, abs=5e-7)
    assert backward.delta[1][0] == pytest.approx([-0.01185, 0.02262, 0.0], abs=5e-6)
    trainer.run(1)
    assert network.W[2][0] == pytest.approx([0.50421, -0.99401, 0.00704], abs=5e-6)
    assert network.b[2][0] == pytest.approx(0.50963, abs=5e-6)
    assert network.W[1] == pytest.approx(np.array([[-0.49941, -0.99941], [-0.50113, 0.49887],
                                                   [1, 0]]), abs=5e-6)
    assert network.b[1] == pytest.approx([0.50118, 0.49774, 0.5], abs=5e-6)


def test_cheat_sheet_with_tanh():
    experiment = cheat_sheet("tanh")
    network = experiment.network()
    y = network.predict([0.5, 0.5])[0, 0]
    assert y == pytest.approx(-0.08438, abs=5e-6)
    assert network.loss([0.5, 0.5], [0.91]) == pytest.approx(0.49439, abs=5e-6)


def test_cheat_sheet_loss_table():
    trainer = cheat_sheet().trainer()
    trainer.run(1001)
    losses = trainer.history.values
    assert np.round(losses[:10], 5).tolist() == [0.07446, 0.07242, 0.07044, 0.06852, 0.06666,
                                                 0.06486, 0.06312, 0.06143, 0.05979, 0.05820]
    assert round(losses[100], 5) == 0.00985
    assert round(losses[1000], 5) == 0.00006


def test_cheat_sheet_four_row_table_normalizes_as_printed():
    experiment = Experiment.load(config_path("cheat-sheet-4-rows"))
    X, Z = experiment.normalized(experiment.train)
    assert np.round(np.hstack([X, Z]), 3).tolist() == [[1.0, 1.0, 1.0], [0.556, 0.581, 0.609],
                                                       [0.889, 0.0, 0.522], [0.0, 0.903, 0.0]]
    scale = MinMax.calculate(experiment.train.values, "minus-one-to-one")
    assert np.round(scale.normalize(experiment.train.values)[1], 3).tolist() == [0.111, 0.161,
                                                                                 0.217]
    assert scale.denormalize(scale.normalize(experiment.train.values)) == pytest.approx(
        experiment.train.values)


def test_gradient_descent_on_x2_plus_y2_reproduces_the_cheat_sheet_table():
    rows = descend(SURFACES["bowl"], (3.0, 4.0), 0.1, 10)
    x, y, f, gx, gy = rows.T
    assert np.round(x[:11], 4).tolist() == [3.0, 2.4, 1.92, 1.536, 1.2288, 0.983, 0.7864, 0.6291,
                                            0.5033, 0.4027, 0.3221]
    assert np.round(gx[:4], 4).tolist() == [6.0, 4.8, 3.84, 3.072]
    assert np.round(y[:5], 4).tolist() == [4.0, 3.2, 2.56, 2.048, 1.6384]
    # The sheet's f column: 25, 16, 10.24, 6.5536, 4.1943, 2.6844, 1.7179, 1.0995 (its last rows
    # slip); every step multiplies both coordinates by 0.8, so f by 0.64.
    assert np.round(f[:8], 4).tolist() == [25.0, 16.0, 10.24, 6.5536, 4.1943, 2.6844, 1.7180,
                                           1.0995]
    assert f == pytest.approx(25 * 0.64 ** np.arange(11))
