"""The optimizer race on the textbook surfaces: several optimizers from the same start, each at its
own η, stepped together; their paths, arrows and tables are the engine's numbers."""

import numpy as np
import pytest

from mlpviz.core.optimizers import OptimizerSettings
from mlpviz.core.surfaces import SURFACES, race


@pytest.fixture
def view(qtbot):
    from mlpviz.gui.descent.race_view import RaceView

    widget = RaceView()
    qtbot.addWidget(widget)
    return widget


def test_sgd_momentum_and_adam_race_on_the_elongated_bowl(view):
    assert view.surface.name == "elongated bowl" and list(view.racers) == ["sgd", "momentum",
                                                                           "adam"]
    for _ in range(5):
        view.step()
    bowl = SURFACES["elongated bowl"]
    for name, racer in view.racers.items():
        expected = race(bowl, OptimizerSettings(name), bowl.start, racer.learning_rate, 5)
        assert np.array_equal(np.array(racer.rows), expected.rows)
        assert np.array_equal(np.array(racer.states), expected.state)
        x, y = view.paths[name].getData()
        assert np.array_equal(x, expected.rows[:, 0]) and np.array_equal(y, expected.rows[:, 1])
        assert len(view.table_text(name)) == 6  # the start and five steps
    # the momentum arrow is −η·v from where momentum is now
    momentum = view.racers["momentum"]
    x, y = view.arrows["momentum"].getData()
    v = momentum.optimizer.slot("v")
    assert (x[1] - x[0], y[1] - y[0]) == pytest.approx(tuple(-momentum.learning_rate * v))
    assert view.arrows["sgd"].getData()[0] is None or len(view.arrows["sgd"].getData()[0]) == 0
    labels = [label.text for _, label in view.legend.items]
    assert [label.split()[0] for label in labels] == ["sgd", "momentum", "adam"]


def test_adams_table_carries_m_and_s_and_its_first_step_is_eta(view):
    view.choose("bowl")
    view.step()
    rows = view.table_text("adam")
    header = [view.tables.widget(2).horizontalHeaderItem(c).text() for c in range(9)]
    assert header == ["x", "y", "f", "∂f/∂x", "∂f/∂y", "m_x", "m_y", "s_x", "s_y"]
    # from (3, 4) with η = 0.1: (2.9, 3.9); m = 0.1·(6, 8); s = 0.001·(36, 64)
    assert rows[1][:2] == ["2.9000", "3.9000"]
    assert rows[1][5:] == ["0.6000", "0.8000", "0.0360", "0.0640"]


def test_each_optimizer_its_own_eta_and_a_diverging_one_stops_alone(view):
    view.choose("bowl")
    view.checks["nesterov"].setChecked(True)
    view.rates["sgd"].setValue(1.5)  # |1 − 2·1.5| = 2 > 1: SGD diverges on x² + y²
    for _ in range(40):
        view.step()
    assert "sgd" in view.stopped and "adam" not in view.stopped
    assert len(view.racers["adam"].rows) == 41 and len(view.racers["nesterov"].rows) == 41
    assert any("diverged" in label.text for _, label in view.legend.items)


def test_run_and_pause_come_from_the_shared_descent_view_and_the_race_starts_where_asked(
        view, qtbot):
    from mlpviz.gui.descent.descent_view import DescentView
    from mlpviz.gui.descent.surface_view import SurfaceView

    assert isinstance(view, DescentView) and issubclass(SurfaceView, DescentView)
    view.set_start(-1.0, 0.5)  # as a click on the plot does
    assert all(racer.rows[0][:2] == (-1.0, 0.5) for racer in view.racers.values())
    view.toggle_run()
    assert view.running and view.run_button.text() == "Pause"
    qtbot.waitUntil(lambda: len(view.racers["adam"].rows) > 2, timeout=5000)
    view.toggle_run()
    assert not view.running and view.run_button.text() == "Run"
