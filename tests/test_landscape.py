"""The loss landscape: batched losses, two-parameter slices, the trajectory and its PCA plane,
and the textbook surfaces' table. No Qt."""

import numpy as np
import pytest

from mlpviz.core import Experiment
from mlpviz.core.examples import config_path
from mlpviz.core.landscape import (Trajectory, batched_loss, pca_plane, plane_grid,
                                   slice_grid, sparse_batched_loss)
from mlpviz.core.network import Network, parameter_layout
from mlpviz.core.surfaces import SURFACES, cheat_sheet_table, descend, grid


def random_setup(sizes=(3, 4, 5, 2), hidden="tanh", output="sigmoid", rows=7, seed=1):
    rng = np.random.default_rng(seed)
    n = parameter_layout(sizes)[2]
    network = Network(sizes, hidden, output, rng.normal(0, 1, n))
    X, Z = rng.uniform(0, 1, (rows, sizes[0])), rng.uniform(0, 1, (rows, sizes[-1]))
    return network, X, Z, rng


@pytest.mark.parametrize("loss", ["half-sse", "mse"])
@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "linear"])
def test_batched_loss_equals_the_networks_loss_for_random_params(hidden, loss):
    network, X, Z, rng = random_setup(hidden=hidden)
    P = rng.normal(0, 1, (9, network.params.size))
    expected = [Network(network.sizes, hidden, "sigmoid", p).loss(X, Z, loss) for p in P]
    assert batched_loss(network, P, X, Z, loss) == pytest.approx(expected, rel=1e-12)


def test_batched_loss_in_many_chunks_is_the_same(monkeypatch):
    import mlpviz.core.landscape as landscape

    network, X, Z, rng = random_setup()
    P = rng.normal(0, 1, (50, network.params.size))
    whole = batched_loss(network, P, X, Z)
    monkeypatch.setattr(landscape, "CHUNK_FLOATS", 40)
    assert batched_loss(network, P, X, Z) == pytest.approx(whole, rel=1e-12)
    assert batched_loss(network, P, X, Z, cancelled=lambda: True) is None


@pytest.mark.parametrize("pair", [(0, 1), (3, 40), (20, 22), (41, 45), (12, 29)])
def test_sparse_batched_loss_equals_setting_the_two_params(pair):
    network, X, Z, rng = random_setup(sizes=(3, 4, 5, 2))
    values = rng.normal(0, 2, (6, 2))
    expected = []
    for v in values:
        p = network.params.copy()
        p[list(pair)] = v
        expected.append(Network(network.sizes, "tanh", "sigmoid", p).loss(X, Z))
    assert sparse_batched_loss(network, X, Z, "half-sse", pair, values) == pytest.approx(
        expected, rel=1e-12)


def test_the_slice_at_the_current_point_is_the_engines_loss():
    experiment = Experiment.load(config_path("cheat-sheet-4-rows"))
    trainer = experiment.trainer()
    trainer.run(37)
    network = trainer.network
    i, j = 3, 10  # w4 (hidden) and the output bias
    g = slice_grid(network, trainer.X, trainer.Z, trainer.loss, i, j, span=(0.5, 2.0),
                   resolution=21)
    assert g.loss.shape == (21, 21) and g.xs[10] == network.params[i]
    assert g.ys[10] == network.params[j]
    assert g.loss[10, 10] == pytest.approx(network.loss(trainer.X, trainer.Z, trainer.loss),
                                           rel=1e-13)
    # another cell: the loss with those two values set
    p = network.params.copy()
    p[i], p[j] = g.xs[3], g.ys[17]
    assert g.loss[17, 3] == pytest.approx(experiment.network(p).loss(trainer.X, trainer.Z),
                                          rel=1e-13)


def test_the_worked_example_slice_at_step_0_is_its_printed_error():
    experiment = Experiment.load(config_path("worked-example"))
    t = experiment.trainer()
    g = slice_grid(t.network, t.X, t.Z, t.loss, 4, 5, resolution=5)
    assert g.loss[2, 2] == pytest.approx(0.298371109, abs=5e-10)


def test_a_straight_line_trajectory_projects_to_a_line():
    rng = np.random.default_rng(3)
    start, direction = rng.normal(0, 1, 30), rng.normal(0, 1, 30)
    trajectory = Trajectory()
    for step, t in enumerate(np.sqrt(np.linspace(0, 1, 40))):  # uneven speed along the line
        trajectory.append(step, start + t * direction)
    plane = pca_plane(trajectory.points)
    assert plane.explained[0] == pytest.approx(1.0, abs=1e-12)
    assert plane.explained[1] == pytest.approx(0.0, abs=1e-12)
    assert np.allclose(plane.coords[:, 1], 0.0, atol=1e-9)  # every point on one line
    a = plane.coords[:, 0]
    assert np.all(np.diff(a) > 0) and a[-1] == pytest.approx(0.0, abs=1e-12)
    assert abs(a[0]) == pytest.approx(np.linalg.norm(direction))
    assert np.allclose(plane.directions @ plane.directions.T, np.eye(2), atol=1e-12)


def test_a_curved_trajectory_spreads_over_both_directions():
    rng = np.random.default_rng(4)
    u, v = np.linalg.qr(rng.normal(0, 1, (20, 2)))[0].T
    points = [np.cos(t) * u * 2 + np.sin(t) * v for t in np.linspace(0, 2 * np.pi, 30)]
    plane = pca_plane(points)
    assert 0.5 < plane.explained[0] < 1 and plane.explained[1] > 0.05
    assert plane.explained.sum() == pytest.approx(1.0)
    back = plane.origin + plane.coords @ plane.directions  # in the plane: nothing lost
    assert np.allclose(back, points, atol=1e-9)


def test_the_plane_grid_at_the_origin_is_the_current_loss():
    experiment = Experiment.load(config_path("xor"))
    t = experiment.trainer()
    trajectory = Trajectory()
    for _ in range(6):
        trajectory.append(t.step, t.network.params)
        t.run(50)
    trajectory.append(t.step, t.network.params)
    plane = pca_plane(trajectory.points)
    g = plane_grid(t.network, t.X, t.Z, t.loss, plane, resolution=5, margin=0.0)
    # margin 0, odd resolution: the grid spans the path's extent; check a cell exactly
    p = plane.origin + g.xs[1] * plane.directions[0] + g.ys[3] * plane.directions[1]
    assert g.loss[3, 1] == pytest.approx(experiment.network(p).loss(t.X, t.Z, t.loss), rel=1e-12)
    g0 = plane_grid(t.network, t.X, t.Z, t.loss, plane, resolution=3)
    assert g0.loss.shape == (3, 3)


def test_the_trajectory_stays_bounded_and_ends_at_the_newest_point():
    trajectory = Trajectory(max_points=100)
    for step in range(10_000):
        trajectory.append(step, np.array([step, -step], dtype=float))
    assert len(trajectory) <= 100
    assert trajectory.steps[0] == 0 and trajectory.steps[-1] == 9999
    assert trajectory.points[-1].tolist() == [9999, -9999]
    gaps = np.diff(trajectory.steps)
    assert gaps.max() <= 2 * trajectory.stride and np.all(gaps > 0)


def test_the_trajectory_keeps_large_networks_within_its_memory_budget():
    trajectory = Trajectory(max_points=2000, budget_mb=8)
    trajectory.append(0, np.zeros(79_510))
    assert trajectory._points.nbytes <= 8 * 2**20 + 32 * 8 * 79_510


def test_truncate_and_stepping_back_drop_the_later_points():
    trajectory = Trajectory()
    for step in range(10):
        trajectory.append(step, np.full(3, float(step)))
    trajectory.truncate(4)
    assert trajectory.steps.tolist() == [0, 1, 2, 3, 4]
    trajectory.append(2, np.full(3, 20.0))  # rewound to step 2 and showed it again
    assert trajectory.steps.tolist() == [0, 1, 2] and trajectory.points[-1][0] == 20.0


def test_the_x2_plus_y2_table_is_the_cheat_sheets_to_4_decimals():
    # The cheat sheet's table: x, ∇f(x), x_new, y, ∇f(y), y_new, f(x, y) at the new point.
    sheet = [
        (None, None, 3.0000, None, None, 4.0000, 25.0000),
        (3.0000, 6.0000, 2.4000, 4.0000, 8.0000, 3.2000, 16.0000),
        (2.4000, 4.8000, 1.9200, 3.2000, 6.4000, 2.5600, 10.2400),
        (1.9200, 3.8400, 1.5360, 2.5600, 5.1200, 2.0480, 6.5536),
        (1.5360, 3.0720, 1.2288, 2.0480, 4.0960, 1.6384, 4.1943),
        (1.2288, 2.4576, 0.9830, 1.6384, 3.2768, 1.3107, 2.6844),
        (0.9830, 1.9660, 0.7864, 1.3107, 2.6214, 1.0486, 1.7179),
        (0.7864, 1.5728, 0.6291, 1.0486, 2.0972, 0.8389, 1.0995),
        (0.6291, 1.2582, 0.5033, 0.8389, 1.6778, 0.6711, 0.7140),
        (0.5033, 1.0066, 0.4027, 0.6711, 1.3422, 0.5369, 0.3579),
        (0.4027, 0.8054, 0.3222, 0.5369, 1.0738, 0.4295, 0.2294),
    ]
    # The sheet computes some cells from its rounded numbers (2·0.9830 = 1.9660 where
    # 2·0.98304 = 1.96608), so they agree to within one unit of the 4th decimal; and its last
    # three f values slip (x_new² + y_new² is 0.7037, 0.4504, 0.2882, each step f × 0.64).
    slips = {(8, 6): 0.7037, (9, 6): 0.4504, (10, 6): 0.2882}
    surface = SURFACES["bowl"]
    table = cheat_sheet_table(descend(surface, surface.start, surface.learning_rate, 10))
    assert len(table) == len(sheet)
    for r, (ours, theirs) in enumerate(zip(table, sheet)):
        for c, (value, printed) in enumerate(zip(ours, theirs)):
            if printed is None:
                assert value is None
            elif (r, c) in slips:
                assert round(value, 4) == slips[(r, c)]
            else:
                assert abs(value - printed) <= 1e-4, (r, c, value, printed)
    exact = sum(round(v, 4) == p for ours, theirs in zip(table, sheet)
                for v, p in zip(ours, theirs) if p is not None)
    assert exact == 62  # of 73 printed numbers; the other 11 are within 1e-4 or the slips above


def test_the_surfaces_evaluate_a_whole_grid_at_once_and_their_gradients_match():
    xs, ys = np.linspace(-2, 2, 7), np.linspace(-1, 3, 5)
    for surface in SURFACES.values():
        f = grid(surface, xs, ys)
        assert f.shape == (5, 7)
        assert f[2, 3] == pytest.approx(surface.f(xs[3], ys[2]))
        x, y, h = 0.3, -0.7, 1e-6
        gx, gy = surface.gradient(x, y)
        assert gx == pytest.approx((surface.f(x + h, y) - surface.f(x - h, y)) / (2 * h), rel=1e-5)
        assert gy == pytest.approx((surface.f(x, y + h) - surface.f(x, y - h)) / (2 * h), rel=1e-5)


@pytest.mark.parametrize("sizes", [(2, 1), (1, 1), (3, 2, 2, 1)])
def test_slices_of_networks_without_or_with_several_hidden_layers(sizes):
    network, X, Z, rng = random_setup(sizes=sizes, hidden="sigmoid")
    n = network.params.size
    for i, j in [(0, n - 1), (n - 2, n - 1)]:
        g = slice_grid(network, X, Z, "mse", i, j, span=0.3, resolution=5)
        assert g.loss[2, 2] == pytest.approx(network.loss(X, Z, "mse"), rel=1e-12)
        p = network.params.copy()
        p[i], p[j] = g.xs[0], g.ys[4]
        expected = Network(sizes, "sigmoid", "sigmoid", p).loss(X, Z, "mse")
        assert g.loss[4, 0] == pytest.approx(expected, rel=1e-12)
