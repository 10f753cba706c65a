"""The gradient-descent views, offscreen: slice, trajectory plane, output and surfaces."""

import numpy as np
import pytest

from mlpviz.core.examples import config_path
from mlpviz.gui.descent.contours import contour_segments
from mlpviz.gui.graph.style import Selection
from mlpviz.gui.descent.surface_view import SurfaceView, arrow_angle
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def steps_to(qtbot, window, step):
    window.session.worker.request_steps(step - window.model.snapshot.step)
    qtbot.waitUntil(lambda: (window.model.refresh(), window.model.snapshot.step == step)[1], timeout=10000)


def drawn(qtbot, view, test):
    """Tick the view until `test()` holds (its grid comes from the grid thread)."""
    qtbot.waitUntil(lambda: (view.tick(), test())[1], timeout=10000)


def test_the_slice_shows_the_engines_loss_at_the_current_point_and_changes_after_a_step(
        qtbot, window):
    views = window.descent
    views.setCurrentWidget(views.slice)
    view = views.slice
    assert [view.x_box.currentText(), view.y_box.currentText()] == ["w5", "w6"]
    drawn(qtbot, view, lambda: getattr(view, "current_loss", None) is not None)
    assert view.current_loss == pytest.approx(0.298371109, abs=5e-10)
    assert "0.298371" in view.caption.text()
    before = view.grid.loss.copy()
    image = view.plot.grab().toImage()
    steps_to(qtbot, window, 1)
    drawn(qtbot, view, lambda: "after step 1" in view.caption.text())
    assert view.current_loss == pytest.approx(0.2910277737, abs=1e-9)
    assert not np.array_equal(view.grid.loss, before)
    assert view.plot.grab().toImage() != image
    x, y = view.plot.path.getData()
    assert len(x) == 2 and x[-1] == pytest.approx(0.35891648) and y[-1] == pytest.approx(
        0.408666186)


def test_the_slice_grid_value_at_the_current_point_is_the_loss(qtbot, window):
    view = window.descent.slice
    window.descent.setCurrentWidget(view)
    view.span.setValue(0.5)
    drawn(qtbot, view, lambda: getattr(view, "grid", None) is not None)
    g = view.grid
    cx, cy = (window.model.snapshot.params[k] for k in view.pair)
    c = int(np.argmin(np.abs(g.xs - cx)))
    r = int(np.argmin(np.abs(g.ys - cy)))
    assert (g.xs[c], g.ys[r]) == pytest.approx((cx, cy))  # the range is centred on it
    assert g.loss[r, c] == pytest.approx(0.298371109, abs=5e-10)


def test_clicking_weights_in_the_graph_chooses_the_slices_parameters(window):
    view = window.descent.slice
    window.graph.selected.emit(Selection("weight", 1, 0, 1))  # w2
    assert [view.x_box.currentText(), view.y_box.currentText()] == ["w6", "w2"]
    window.graph.selected.emit(Selection("bias", 2, 1))
    assert [view.x_box.currentText(), view.y_box.currentText()] == ["w2", "b_o2"]
    window.graph.selected.emit(Selection("neuron", 1, 0))  # a neuron changes nothing
    assert view.pair == (1, 11)
    view.follow.setChecked(False)
    window.graph.selected.emit(Selection("weight", 2, 0, 0))
    assert view.pair == (1, 11)


def test_the_trajectory_plane_shows_the_path_and_its_explained_variance(qtbot, window):
    views = window.descent
    views.setCurrentWidget(views.plane)
    for step in (5, 10, 20, 40):
        steps_to(qtbot, window, step)
    view = views.plane
    drawn(qtbot, view, lambda: view.plane is not None and len(view.plane.coords) == 5)
    assert "explained variance" in view.variance.text() and "%" in view.variance.text()
    assert 0.9 < view.plane.explained.sum() <= 1 + 1e-12
    assert view.plane.coords[-1] == pytest.approx([0, 0], abs=1e-12)
    image = view.plot.grab().toImage()
    steps_to(qtbot, window, 80)
    drawn(qtbot, view, lambda: len(view.plane.coords) == 6)
    assert view.plot.grab().toImage() != image


def test_a_step_back_drops_the_later_trajectory(window):
    views = window.descent
    for step in range(1, 6):
        views.trajectory.append(step, window.model.snapshot.params + step)
    views.truncate(3)
    assert views.trajectory.steps.tolist() == [0, 1, 2, 3]


def test_the_output_view_of_a_two_input_network_changes_after_a_step(qtbot, window):
    assert window.open_config(config_path("xor"))
    views = window.descent
    views.setCurrentWidget(views.output)
    view = views.output
    drawn(qtbot, view, lambda: view.shown_key is not None)
    assert view.stack.currentWidget() is view.heat
    before = view.outputs.copy()
    x, _ = view.train_points.getData()
    assert len(x) == 4
    steps_to(qtbot, window, 200)
    drawn(qtbot, view, lambda: view.shown_key[0] == 200)
    assert not np.array_equal(view.outputs, before)
    # the map is the network's output in the data's units
    e = window.session.experiment
    corner = e.predict(window.session.network(window.model.snapshot.params),
                       np.array([[view.heat.image.mapRectToParent(
                           view.heat.image.boundingRect()).left(), 0]]))
    assert np.isfinite(corner).all()


def test_the_output_view_of_a_one_input_network_is_a_curve_over_the_data(qtbot, window):
    assert window.open_config(config_path("sine"))
    views = window.descent
    views.setCurrentWidget(views.output)
    view = views.output
    drawn(qtbot, view, lambda: view.shown_key is not None)
    assert view.stack.currentWidget() is view.curve_plot
    xs, ys = view.curve.getData()
    e = window.session.experiment
    assert ys == pytest.approx(e.predict(window.session.network(window.model.snapshot.params),
                                         xs[:, None])[:, 0])
    assert len(view.curve_train.getData()[0]) == len(e.train.values)


def test_the_surface_view_unfolds_the_cheat_sheets_table_step_by_step(qtbot):
    view = SurfaceView()
    qtbot.addWidget(view)
    view.show()
    assert view.table_text() == [["", "", "3.0000", "", "", "4.0000", "25.0000"]]
    image = view.plot.grab().toImage()
    view.step_button.click()
    assert view.table_text()[1] == ["3.0000", "6.0000", "2.4000", "4.0000", "8.0000", "3.2000",
                                    "16.0000"]
    assert view.plot.grab().toImage() != image
    for _ in range(9):
        view.step()
    rows = view.table_text()
    assert len(rows) == 11
    assert rows[4] == ["1.5360", "3.0720", "1.2288", "2.0480", "4.0960", "1.6384", "4.1943"]
    assert [r[2] for r in rows] == ["3.0000", "2.4000", "1.9200", "1.5360", "1.2288", "0.9830",
                                    "0.7864", "0.6291", "0.5033", "0.4027", "0.3221"]
    # the arrow is the next step −η∇f from the current point
    x, y = view.step_line.getData()
    assert (x[0], y[0]) == pytest.approx((3 * 0.8**10, 4 * 0.8**10))
    assert (x[1], y[1]) == pytest.approx((3 * 0.8**11, 4 * 0.8**11))


def test_the_surface_view_starts_where_asked_and_runs_other_surfaces(qtbot):
    view = SurfaceView()
    qtbot.addWidget(view)
    view.choose("elongated bowl")
    view.set_start(-3.0, 2.0)
    assert view.table_text()[0][2] == "-3.0000" and view.table_text()[0][5] == "2.0000"
    for _ in range(4):
        view.step()
    ys = [float(r[5]) for r in view.table_text()]
    assert np.all(np.sign(ys[1:]) == [-1, 1, -1, 1])  # η·20 = 1.8 > 1: y zig-zags across 0
    view.choose("rosenbrock")
    view.toggle_run()
    qtbot.waitUntil(lambda: view.table.rowCount() > 3, timeout=5000)
    view.toggle_run()
    assert not view.timer.isActive() and view.run_button.text() == "Run"
    view.choose("saddle")
    view.rate.setValue(2.0)  # too large: diverges, and the run stops by itself
    view.toggle_run()
    qtbot.waitUntil(lambda: not view.timer.isActive(), timeout=20000)
    assert "diverged" in view.caption.text() or "stopped" in view.caption.text()


def test_arrow_angles_and_contour_lines():
    assert arrow_angle(1, 0) == pytest.approx(180) and arrow_angle(0, 1) == pytest.approx(90)
    assert arrow_angle(-1, 0) == pytest.approx(0)
    xs, ys = np.linspace(-3, 3, 61), np.linspace(-3, 3, 41)
    gx, gy = np.meshgrid(xs, ys)
    x, y = contour_segments(gx**2 + gy**2, [1.0, 4.0], xs, ys)
    r = np.hypot(x, y)
    assert len(x) % 2 == 0 and len(x) > 50
    assert np.all((np.abs(r - 1) < 0.01) | (np.abs(r - 2) < 0.01))


def test_clicking_the_surface_plot_starts_there(qtbot):
    from PySide6.QtCore import QPointF, Qt

    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.step()
    vb = view.plot.getPlotItem().vb
    at = view.plot.mapFromScene(vb.mapViewToScene(QPointF(1.0, -2.0)))
    qtbot.mouseClick(view.plot.viewport(), Qt.LeftButton, pos=at)
    assert len(view.rows) == 1
    assert (view.start_x.value(), view.start_y.value()) == pytest.approx((1.0, -2.0), abs=0.05)
    assert view.table_text()[0][2] == f"{view.start_x.value():.4f}"


def test_a_failed_or_cancelled_grid_does_not_stop_the_views(qtbot):
    from mlpviz.gui.descent.grid_job import GridJob

    job = GridJob(min_interval=0)

    def broken(cancelled):
        raise ValueError("no grid")

    job.submit("a", broken)
    qtbot.waitUntil(lambda: job.take() is None and not job.busy, timeout=5000)
    assert isinstance(job.error, ValueError)
    job.submit("b", lambda cancelled: 42)
    qtbot.waitUntil(lambda: not job.busy or job._future.done(), timeout=5000)
    assert job.take() == 42 and job.finished == 1
    assert not job.ready("b") and job.ready("c")
    job.cancel()
    assert job.key is None and job.ready("b")


def test_the_slice_grid_is_computed_off_the_gui_thread_and_only_when_the_run_moved(
        qtbot, window, monkeypatch):
    import threading

    import mlpviz.gui.descent.slice_view as slice_view

    threads = []
    real = slice_view.slice_grid

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(slice_view, "slice_grid", recording)
    view = window.descent.slice
    window.descent.setCurrentWidget(view)
    view.grid = None
    view.span.setValue(0.7)  # a new range: a new grid
    drawn(qtbot, view, lambda: view.grid is not None)
    assert threads and all(name.startswith("mlpviz-grid") for name in threads)
    assert threading.current_thread() is threading.main_thread()
    computed = len(threads)
    view.job.min_interval = 0
    for _ in range(5):  # nothing changed: no new grid
        view.tick()
        qtbot.wait(20)
    assert len(threads) == computed
