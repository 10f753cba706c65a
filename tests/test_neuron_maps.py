"""Each hidden neuron's output over the input plane (issue 15's small maps)."""

import numpy as np
import pytest

from mlpviz.core.neuron_maps import neuron_maps, plane_grid, value_range
from mlpviz.core.playground import open_dataset


def test_grid_runs_row_by_row_from_the_bottom_left():
    grid = plane_grid(((0, 1), (10, 12)), resolution=3)
    assert grid[:3].tolist() == [[0, 10], [0.5, 10], [1, 10]]
    assert grid[-1].tolist() == [1, 12]


def test_a_maps_pixel_is_that_neurons_out_at_that_point():
    e = open_dataset("spiral", points=30, seed=1)
    network = e.network()
    maps = neuron_maps(e, network, ((-1, 1), (-1, 1)), resolution=5)
    assert [m.shape for m in maps] == [(8, 5, 5), (8, 5, 5)]
    # pixel (row 1, column 3) is x1 = −1 + 3·0.5 = 0.5, x2 = −1 + 1·0.5 = −0.5
    # out_h1.j = tanh(W[1][j] · x + b[1][j]), by hand
    x = np.array([0.5, -0.5])
    h1 = np.tanh(network.W[1] @ x + network.b[1])
    h2 = np.tanh(network.W[2] @ h1 + network.b[2])
    assert np.allclose(maps[0][:, 1, 3], h1, atol=1e-15)
    assert np.allclose(maps[1][:, 1, 3], h2, atol=1e-15)


def test_maps_change_after_a_step():
    e = open_dataset("circle", points=30, seed=1)
    t = e.trainer()
    before = neuron_maps(e, t.network, ((-1, 1), (-1, 1)))
    t.run(1)
    after = neuron_maps(e, t.network, ((-1, 1), (-1, 1)))
    assert not np.array_equal(before[0], after[0])


def test_maps_are_of_the_normalized_inputs_the_network_sees():
    e = open_dataset("plane", points=30, seed=1)
    e.config.normalizeInputData = True  # the data's x1, x2 in [low, high] become [0, 1]
    network = e.network()
    low, high = e.input_range.low, e.input_range.high
    maps = neuron_maps(e, network, ((low[0], high[0]), (low[1], high[1])), resolution=2)
    expected = np.tanh(network.W[1] @ [1.0, 1.0] + network.b[1])  # the top right corner
    assert np.allclose(maps[0][:, 1, 1], expected)


def test_only_two_input_networks_have_maps():
    e = open_dataset("plane", points=10, seed=0)
    e.config.inputNodes = 3
    from mlpviz.core.network import Network
    with pytest.raises(ValueError):
        neuron_maps(e, Network((3, 2, 1)), ((0, 1), (0, 1)))


def test_value_ranges():
    assert value_range("tanh", np.zeros(3)) == (-1, 1)
    assert value_range("relu", np.array([0.0, 2.5])) == (0, 2.5)
    assert value_range("linear", np.array([-3.0, 2.0])) == (-3, 3)
    assert value_range("linear", np.zeros(2)) == (-1, 1)
