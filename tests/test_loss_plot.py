"""The loss plot: what it stores, what its curves hold after refresh(), and what it redraws."""

from PySide6.QtWidgets import QApplication  # PySide6 before pyqtgraph

import numpy as np
import pytest

from mlpviz.gui.panels.loss_benchmark import benchmark_refresh
from mlpviz.gui.panels.loss_plot import MAX_TEST_MARKERS, LossPlot
from mlpviz.gui.panels.loss_series import LOG_FLOOR, GrowableArray, step_label


@pytest.fixture
def plot(qtbot):
    w = LossPlot()
    qtbot.addWidget(w)
    w.resize(900, 350)
    return w


def curve(item):
    x, y = item.getData()
    return (np.array([]), np.array([])) if x is None else (np.asarray(x), np.asarray(y))


def count_set_data(plot, monkeypatch):
    """Count setData() calls per series, so a test can see what a refresh rebuilt."""
    calls = {"step": 0, "epoch": 0, "test": 0}
    for name, item in (("step", plot.step_curve), ("epoch", plot.epoch_curve),
                       ("test", plot.test_curve)):
        def counting(*args, _name=name, _set_data=item.setData, **kwargs):
            calls[_name] += 1
            return _set_data(*args, **kwargs)
        monkeypatch.setattr(item, "setData", counting)
    return calls


def test_growable_array_doubles_and_views_without_copying():
    a = GrowableArray(capacity=2)
    a.extend(np.array([1.0, 2.0]))
    a.extend(np.array([3.0]))
    assert len(a._data) == 4  # doubled, not grown by one
    a.extend(np.arange(4.0, 11.0))
    assert len(a._data) == 10  # a chunk larger than double is taken whole
    assert a.view.tolist() == list(np.arange(1.0, 11.0))
    assert np.shares_memory(a.view, a._data)
    a.truncate(3)
    a.extend(np.array([9.0]))
    assert a.view.tolist() == [1.0, 2.0, 3.0, 9.0]


def test_appended_chunks_show_only_after_refresh(plot):
    plot.append_steps(np.array([0.5, 0.4, 0.3]))
    plot.append_steps([0.2, 0.1])
    assert curve(plot.step_curve)[0].size == 0  # appending never draws
    plot.refresh()
    x, y = curve(plot.step_curve)
    assert x.tolist() == [0, 1, 2, 3, 4]
    assert y.tolist() == [0.5, 0.4, 0.3, 0.2, 0.1]
    assert plot.step_count() == 5


def test_curve_gets_a_view_of_the_buffer_not_a_copy(plot):
    plot.append_steps(np.linspace(1, 0, 100))
    plot.refresh()
    _, y = plot.step_curve.getOriginalDataset()
    assert np.shares_memory(y, plot.steps.y.view)


def test_epoch_means_of_completed_epochs_only(plot):
    plot.set_steps_per_epoch(4)
    plot.append_steps([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])  # epochs 0 and 1, then half of 2
    plot.refresh()
    x, y = curve(plot.epoch_curve)
    assert y.tolist() == [2.5, 6.5]  # (1+2+3+4)/4, (5+6+7+8)/4
    assert x.tolist() == [1.5, 5.5]  # the middle of steps 0..3 and 4..7
    plot.append_steps([11, 12])
    plot.refresh()
    assert curve(plot.epoch_curve)[1].tolist() == [2.5, 6.5, 10.5]


def test_epoch_means_are_computed_once(plot):
    plot.set_steps_per_epoch(2)
    plot.append_steps([1.0, 3.0])
    plot.refresh()
    plot.steps.y.view[:2] = 100.0  # were epoch 0 recomputed, its mean would change
    plot.append_steps([5.0, 7.0])
    plot.refresh()
    assert curve(plot.epoch_curve)[1].tolist() == [2.0, 6.0]


def test_changing_steps_per_epoch_recomputes_the_means(plot):
    plot.set_steps_per_epoch(2)
    plot.append_steps([1, 3, 5, 7])
    plot.refresh()
    plot.set_steps_per_epoch(4)
    plot.refresh()
    assert curve(plot.epoch_curve)[1].tolist() == [4.0]
    with pytest.raises(ValueError):
        plot.set_steps_per_epoch(0)


def test_test_points_with_markers_replace_and_order(plot):
    plot.append_test(0, 1.0)
    plot.append_test(4, 0.5)
    plot.append_test(8, 0.4)
    plot.append_test(8, 0.3)  # measured again at the same step: replaces
    plot.refresh()
    x, y = curve(plot.test_curve)
    assert x.tolist() == [0, 4, 8] and y.tolist() == [1.0, 0.5, 0.3]
    assert plot.test_curve.opts["symbol"] == "o"
    with pytest.raises(ValueError):
        plot.append_test(2, 0.9)


def test_many_test_points_become_a_plain_line(plot):
    for s in range(MAX_TEST_MARKERS + 1):
        plot.append_test(s, 1.0 / (s + 1))
    plot.refresh()
    assert plot.test_curve.opts["symbol"] is None


def test_log_scale_toggles_data_axis_and_checkbox(plot):
    plot.append_steps([1.0, 0.1, 0.0, 0.01])  # a zero loss must not break log scale
    plot.append_test(2, 0.001)
    plot.refresh()
    changes = []
    plot.log_scale_changed.connect(changes.append)

    plot.log_check.setChecked(True)  # as the user does
    assert plot.is_log_scale()
    assert plot.plot_widget.getPlotItem().getAxis("left").logMode
    y = curve(plot.step_curve)[1]
    np.testing.assert_allclose(y, [0.0, -1.0, np.log10(LOG_FLOOR), -2.0])
    assert np.isfinite(y).all()
    np.testing.assert_allclose(curve(plot.test_curve)[1], [-3.0])

    plot.append_steps([0.001])  # appended while in log scale
    plot.refresh()
    assert curve(plot.step_curve)[1][-1] == pytest.approx(-3.0)

    plot.set_log_scale(False)  # as the window does
    assert not plot.log_check.isChecked()
    assert not plot.plot_widget.getPlotItem().getAxis("left").logMode
    assert curve(plot.step_curve)[1].tolist() == [1.0, 0.1, 0.0, 0.01, 0.001]
    assert changes == [True, False]


def test_truncate_forgets_later_steps_epochs_and_tests(plot):
    plot.set_steps_per_epoch(4)
    plot.append_steps(np.arange(10.0))
    for s in (0, 4, 6, 8):
        plot.append_test(s, 1.0)
    plot.refresh()
    plot.truncate(6)
    plot.refresh()
    assert curve(plot.step_curve)[0].tolist() == [0, 1, 2, 3, 4, 5]
    assert curve(plot.epoch_curve)[1].tolist() == [1.5]  # epoch 1 (steps 4..7) is incomplete
    assert curve(plot.test_curve)[0].tolist() == [0, 4, 6]  # measured with <= 6 updates done
    plot.append_steps([60.0, 70.0])  # step numbers continue from the cut
    plot.refresh()
    x, y = curve(plot.step_curve)
    assert x.tolist()[-2:] == [6, 7] and y.tolist()[-2:] == [60.0, 70.0]
    assert curve(plot.epoch_curve)[1].tolist() == [1.5, (4 + 5 + 60 + 70) / 4]


def test_truncate_in_log_scale(plot):
    plot.set_log_scale(True)
    plot.append_steps([1.0, 0.1, 0.01])
    plot.truncate(2)
    plot.append_steps([10.0])
    plot.refresh()
    np.testing.assert_allclose(curve(plot.step_curve)[1], [0.0, -1.0, 1.0])


def test_reset_clears_everything(plot):
    plot.set_steps_per_epoch(2)
    plot.append_steps([1.0, 2.0, 3.0])
    plot.append_test(2, 1.0)
    plot.marker(1)
    plot.refresh()
    plot.reset()
    plot.refresh()
    assert plot.step_count() == 0
    for item in (plot.step_curve, plot.epoch_curve, plot.test_curve):
        assert curve(item)[0].size == 0
    assert not plot.marker_line.isVisible()
    plot.append_steps([5.0])
    plot.refresh()
    assert curve(plot.step_curve)[0].tolist() == [0]


def test_refresh_without_changes_rebuilds_nothing(plot, monkeypatch):
    calls = count_set_data(plot, monkeypatch)
    plot.set_steps_per_epoch(2)
    plot.append_steps([1.0, 2.0, 3.0, 4.0])
    plot.append_test(4, 1.0)
    plot.refresh()
    assert calls == {"step": 1, "epoch": 1, "test": 1}
    plot.refresh()
    plot.refresh()
    assert calls == {"step": 1, "epoch": 1, "test": 1}
    plot.append_steps([5.0])  # no epoch completed, no test point
    plot.refresh()
    assert calls == {"step": 2, "epoch": 1, "test": 1}


def test_hidden_series_is_not_rebuilt_until_shown(plot, monkeypatch):
    calls = count_set_data(plot, monkeypatch)
    plot.show_checks["per step"].setChecked(False)
    plot.append_steps([1.0, 2.0])
    plot.refresh()
    assert calls["step"] == 0 and not plot.step_curve.isVisible()
    plot.show_checks["per step"].setChecked(True)
    assert calls["step"] == 1
    assert curve(plot.step_curve)[1].tolist() == [1.0, 2.0]


def test_marker_shows_at_refresh(plot):
    plot.marker(7)
    assert not plot.marker_line.isVisible()
    plot.refresh()
    assert plot.marker_line.isVisible() and plot.marker_line.value() == 7
    plot.marker(None)
    plot.refresh()
    assert not plot.marker_line.isVisible()


def test_presentation_mode_enlarges_fonts_and_lines(plot):
    axis = plot.plot_widget.getPlotItem().getAxis("bottom")
    assert axis.style["tickFont"].pointSize() >= 11
    assert plot.log_check.font().pointSize() >= 11
    plot.set_presentation(True)
    assert axis.style["tickFont"].pointSize() >= 16
    assert plot.epoch_curve.opts["pen"].width() > 2
    plot.set_presentation(False)
    assert axis.style["tickFont"].pointSize() == 11


def test_step_labels_are_readable():
    assert [step_label(v) for v in (0, 5000, 20000, 250000, 1.5e6, 3e6)] == \
        ["0", "5000", "20k", "250k", "1.5M", "3M"]


def test_two_million_steps_in_chunks_are_downsampled(qtbot, plot):
    plot.set_steps_per_epoch(4)
    rng = np.random.default_rng(0)
    for _ in range(200):
        plot.append_steps(rng.random(10_000))
    plot.refresh()
    plot.show()
    qtbot.waitExposed(plot)
    assert not plot.grab().isNull()  # paints, so the view has its size and range
    stored = len(plot.step_curve.getOriginalDataset()[1])
    assert plot.step_count() == 2_000_000 and stored <= 250_000  # memory stays bounded
    # PlotItem.addItem() once silently replaced the items' downsampling settings.
    assert plot.step_curve.opts["autoDownsample"] and plot.step_curve.opts["clipToView"]
    assert len(curve(plot.step_curve)[0]) < 10_000
    assert len(plot.epochs) <= 250_000 and plot._epoch_group == 2  # 500 000 epochs, in pairs


def test_benchmark_runs():
    assert benchmark_refresh(2_000, frames=2, chunk=100) > 0
    assert QApplication.instance() is not None


def test_legend_lists_only_series_with_data(plot):
    def names():
        return [label.text for _, label in plot.legend.items]
    assert names() == []
    plot.append_steps([1.0, 2.0])
    plot.refresh()
    assert names() == ["training loss, per step"]
    plot.set_steps_per_epoch(2)
    plot.append_test(2, 1.0)
    plot.refresh()
    assert names() == ["training loss, per step", "training loss, epoch mean", "test loss"]
    plot.set_presentation(True)
    plot.reset()
    plot.append_steps([1.0])
    plot.refresh()
    assert names() == ["training loss, per step"]
    label = plot.legend.items[0][1]
    assert label.opts["size"] == "13pt" and label.opts["color"] == "#000000"


def test_x_range_follows_the_data_until_the_user_zooms(qtbot, plot):
    vb = plot.plot_widget.getPlotItem().getViewBox()
    plot.show()
    qtbot.waitExposed(plot)
    plot.append_steps(np.ones(100))
    plot.refresh()
    plot.grab()
    assert vb.viewRange()[0][1] >= 99
    plot.append_steps(np.ones(100))
    plot.refresh()
    plot.grab()
    assert vb.viewRange()[0][1] >= 199  # followed
    vb.setXRange(10, 20, padding=0)  # what a mouse zoom does: auto-range off
    plot.append_steps(np.ones(100))
    plot.refresh()
    plot.grab()
    assert vb.viewRange()[0] == pytest.approx([10, 20])
    plot.reset()
    plot.append_steps(np.ones(50))
    plot.refresh()
    plot.grab()
    assert vb.viewRange()[0][1] == pytest.approx(49, abs=5)  # a new run is followed again


def test_a_long_run_keeps_an_envelope_with_its_extremes_and_exact_epoch_means(plot):
    from mlpviz.gui.panels import loss_plot
    plot.set_steps_per_epoch(3)
    rng = np.random.default_rng(1)
    values = rng.random(2_500_001)
    values[1_234_567], values[2_000_001] = 5.0, -1.0
    for chunk in np.array_split(values, 37):
        plot.append_steps(chunk)
    plot.refresh()
    x, y = plot.steps.x.view, plot.steps.y.view
    assert len(y) <= loss_plot.MAX_STEP_POINTS and np.all(np.diff(x) > 0)
    assert y.max() == 5.0 and y.min() == -1.0
    assert x[-1] <= 2_500_000 and x[-1] > 2_400_000
    means, middles = plot.epochs.y.view, plot.epochs.x.view
    assert len(means) <= loss_plot.MAX_STEP_POINTS
    # Each point is the exact mean of the epochs it stands for (4 epochs each by now).
    group = 3 * plot._epoch_group
    assert group == 12 and middles[0] == pytest.approx((group - 1) / 2)
    whole = len(means) - 1  # the last mean may stand for a smaller group
    assert means[:whole] == pytest.approx(values[: group * whole].reshape(-1, group).mean(axis=1))


def test_epoch_means_are_exact_below_the_limit(plot):
    plot.set_steps_per_epoch(3)
    values = np.random.default_rng(2).random(30_001)
    for chunk in np.array_split(values, 7):
        plot.append_steps(chunk)
    assert plot.epochs.y.view == pytest.approx(values[:30_000].reshape(-1, 3).mean(axis=1))


def test_step_ticks_are_whole_steps_from_zero(qtbot):
    """Defect 19: after one update the step axis read −0.4, −0.2, 0, 0.2, 0.4."""
    from mlpviz.gui.panels.loss_series import StepAxis

    axis = StepAxis(orientation="bottom")
    for low, high in ((-0.5, 0.5), (-3.2, 7.9), (0, 2)):
        ticks = [v for _, values in axis.tickValues(low, high, 400) for v in values]
        assert ticks and all(v >= 0 and float(v).is_integer() for v in ticks), (low, high, ticks)


def test_the_legend_sits_outside_the_curves(qtbot):
    """Defect 19: at 1024×768 the legend in the plot's corner covered a large part of a plot
    ~80 px high. Then it was a strip above the curves, which on a 1280×720 screen took 20 of a
    plot's 40 px (issue 11). On screen the check boxes are the legend (each with its curve's
    line); a figure of the plot has the strip above the curves, no part of it over them."""
    from mlpviz.gui.panels.loss_plot import LossPlot

    for width, height, big in ((940, 140, False), (600, 260, False), (360, 300, True)):
        plot = LossPlot()
        qtbot.addWidget(plot)
        plot.set_presentation(big)
        plot.set_steps_per_epoch(2)
        plot.append_steps(np.array([0.3, 0.2, 0.1, 0.05]))
        plot.append_test(0, 0.3)
        plot.penalty.append_at(0, np.array([0.1, 0.1, 0.1, 0.1]))
        plot.refresh()
        plot.resize(width, height)
        plot.show()
        qtbot.waitExposed(plot)
        qtbot.wait(50)
        view = plot.plot_widget.getPlotItem().getViewBox()
        on_screen = view.sceneBoundingRect()
        assert not plot.legend.isVisible() and on_screen.top() <= 2  # no height taken
        checks = plot.show_checks
        assert all(checks[k].isVisible() and not checks[k].icon().isNull()
                   for k in ("per step", "epoch mean", "test", "penalty"))
        figure = plot.figure_widget()  # File ▸ Export: the strip is there, at once
        curves = view.sceneBoundingRect()
        legend = plot.legend.sceneBoundingRect()
        assert figure is plot.plot_widget and plot.legend.isVisible()
        assert len(plot.legend.items) == 4
        assert legend.bottom() <= curves.top() + 1, (width, legend, curves)
        assert legend.left() >= 0 and legend.right() <= plot.plot_widget.width() + 1
        if width >= 900:  # one row on a 1024-wide window
            assert legend.height() <= 30
        qtbot.waitUntil(lambda: not plot.legend.isVisible())  # and gone again after it
        qtbot.waitUntil(lambda: view.sceneBoundingRect().top() <= 2)


def test_a_new_run_gets_a_range_of_its_own(qtbot, plot):
    """Defect 8: after a long run (or another example), Reset left the x axis at ±4000 (±15M)
    around the new run's first point, which looked like an empty plot."""
    vb = plot.plot_widget.getPlotItem().getViewBox()
    plot.show()
    qtbot.waitExposed(plot)
    plot.append_steps(np.linspace(0.3, 0.001, 15_000))
    plot.refresh()
    plot.grab()
    assert vb.viewRange()[0][1] >= 14_999
    plot.reset()
    plot.refresh()
    plot.grab()
    assert vb.viewRange()[0][1] - vb.viewRange()[0][0] <= 20  # empty: a short fresh axis
    plot.append_steps([0.298])
    plot.refresh()
    plot.grab()
    (x0, x1), (y0, y1) = vb.viewRange()
    assert x0 <= 0 <= x1 and x1 - x0 <= 2  # the one point, not ±7500 around it
    assert y0 <= 0.298 <= y1 and y1 - y0 <= 1
    plot.append_steps([0.29, 0.28])
    plot.refresh()
    plot.grab()
    (x0, x1), (y0, y1) = vb.viewRange()
    assert x0 <= 0 and 2 <= x1 <= 3 and y0 <= 0.28 and 0.298 <= y1 <= 0.31
    plot.set_log_scale(True)
    plot.reset()
    plot.append_steps([1e-3])
    plot.refresh()
    plot.grab()
    assert vb.viewRange()[1][0] <= -3 <= vb.viewRange()[1][1]  # log10 of the loss
