"""Optimizers racing on the network's own loss in the slice and the plane (issue 14): from the
weights shown, each path in its colour with a legend, stepped and run together; the run is not
touched. The paths are core/network_race.py's numbers (tests/test_network_race.py checks those
against full-batch runs of the engine)."""

import numpy as np
import pytest

from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def drawn(qtbot, view, test):
    qtbot.waitUntil(lambda: (view.tick(), test())[1], timeout=10000)


def steps_to(qtbot, window, step):
    window.session.worker.request_steps(step - window.model.snapshot.step)
    qtbot.waitUntil(lambda: (window.model.refresh(), window.model.snapshot.step == step)[1],
                    timeout=10000)


def test_the_slice_races_sgd_momentum_and_adam_from_the_weights_shown(qtbot, window):
    views = window.descent
    views.setCurrentWidget(views.slice)
    view = views.slice
    steps_to(qtbot, window, 2)
    shown = window.model.snapshot.params.copy()
    for _ in range(4):
        view.step()
    race = view.race
    assert list(race.racers) == ["sgd", "momentum", "adam"] and race.steps == 4
    assert race.start_step == 2 and np.array_equal(race.start, shown)
    i, j = view.pair  # w5, w6
    for name, racer in race.racers.items():
        x, y = view.race_paths.paths[name].getData()
        assert np.array_equal(x, racer.path[:, i]) and np.array_equal(y, racer.path[:, j])
        assert x[0] == shown[i] and len(x) == 5
    # the racers took different paths, and the run stayed where it was
    ends = [tuple(r.path[-1, [i, j]]) for r in race.racers.values()]
    assert len(set(ends)) == 3
    assert window.model.snapshot.step == 2 and np.array_equal(window.model.snapshot.params, shown)
    labels = [label.text for _, label in view.race_paths.legend.items]
    assert [label.split()[0] for label in labels] == ["sgd", "momentum", "adam"]
    # momentum's dotted arrow is −η·v in (w5, w6), from where momentum is now
    momentum = race.racers["momentum"]
    x, y = view.race_paths.arrows["momentum"].getData()
    v = -momentum.learning_rate * momentum.optimizer.slot("v")
    assert (x[1] - x[0], y[1] - y[0]) == pytest.approx((v[i], v[j]), abs=1e-15)
    # the slice is drawn through the race's start, wide enough to hold every path
    drawn(qtbot, view, lambda: getattr(view, "grid_key", (None,))[-1] == (id(race), 4))
    g = view.grid
    for racer in race.racers.values():
        assert g.xs[0] <= racer.path[:, i].min() and racer.path[:, i].max() <= g.xs[-1]
        assert g.ys[0] <= racer.path[:, j].min() and racer.path[:, j].max() <= g.ys[-1]
    assert "race" in view.caption.text()


def test_run_and_pause_race_together_and_choosing_racers_starts_again(qtbot, window):
    views = window.descent
    views.setCurrentWidget(views.slice)
    view = views.slice
    view.picker.checks["nesterov"].setChecked(True)  # no race yet: nothing to restart
    assert view.race is None
    view.toggle_run()
    assert view.run_button.text() == "Pause"
    qtbot.waitUntil(lambda: view.race is not None and view.race.steps >= 3, timeout=10000)
    view.toggle_run()
    assert not view.running and view.run_button.text() == "Run"
    steps = {name: len(r.points) for name, r in view.race.racers.items()}
    assert len(set(steps.values())) == 1 and "nesterov" in steps  # all stepped together
    view.picker.rates["adam"].setValue(0.05)  # a new η: the race starts again from the weights
    assert view.race.steps == 0 and view.race.racers["adam"].learning_rate == 0.05
    views.setCurrentWidget(views.plane)  # a hidden view's race pauses
    view.toggle_run()
    assert view.running
    views.setCurrentWidget(views.slice)
    views.setCurrentWidget(views.output)
    assert not view.running


def test_the_plane_shows_the_race_on_the_plane_of_its_paths(qtbot, window):
    views = window.descent
    views.setCurrentWidget(views.plane)
    view = views.plane
    for _ in range(6):
        view.step()
    race = view.race
    drawn(qtbot, view, lambda: view._plane_of is race and view.job.key[:3] == ("race", id(race), 6))
    plane = view.plane
    assert np.array_equal(plane.origin, race.start)
    assert 0.9 < plane.explained.sum() <= 1 + 1e-12
    for name, racer in race.racers.items():
        x, y = view.race_paths.paths[name].getData()
        expected = (racer.path - race.start) @ plane.directions.T
        assert np.allclose(x, expected[:, 0], atol=1e-12) and np.allclose(y, expected[:, 1],
                                                                         atol=1e-12)
        assert (x[0], y[0]) == (0.0, 0.0)
    # the loss drawn is the network's on that plane: at the cell nearest the start, the loss
    # of start + a·d₁ + b·d₂
    g = view.grid
    c, r = int(np.argmin(np.abs(g.xs))), int(np.argmin(np.abs(g.ys)))
    at = race.start + g.xs[c] * plane.directions[0] + g.ys[r] * plane.directions[1]
    s = window.descent.state
    assert g.loss[r, c] == pytest.approx(s.network(at).loss(s.X, s.Z, s.loss), abs=1e-12)
    assert "racing" in view.caption.text()
    view.restart()  # back to no steps: the plane is the run's trajectory's again
    assert all(len(p.getData()[0] if p.getData()[0] is not None else []) == 0
               for p in view.race_paths.paths.values())


def test_a_race_too_costly_for_the_window_says_so(qtbot, window, monkeypatch):
    import mlpviz.core.network_race as network_race

    monkeypatch.setattr(network_race, "WORK_BUDGET", 1)
    view = window.descent.slice
    view.step()
    assert view.race.steps == 0 and "too slow to race" in view.caption.text()
