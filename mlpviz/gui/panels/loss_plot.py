"""The loss plot: training loss per step and per epoch, and test loss, fast with millions of steps.

Appending only stores numbers; the window calls `refresh()` at display rate, and only series
that changed since the last refresh are handed to pyqtgraph again. Each series hands over a
view of its filled part (no copy), and pyqtgraph clips to the visible range and keeps the
min and max of each pixel column ('peak' downsampling), so a frame draws ~2 points per pixel.

Log scale is done here, not by pyqtgraph: each series keeps log10 of its losses next to them,
extended chunk by chunk, so a refresh never takes the logarithm of the whole run again.
Only the left axis is put in log mode, to label its ticks as powers of ten.

Step numbers count updates from 0. The loss at step i is measured by the forward pass of
update i, that is, with i updates done; a test loss measured with s updates done goes at step s.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsView, QCheckBox, QVBoxLayout, QWidget

import pyqtgraph as pg

from .flow_row import FlowRow
from .loss_legend import strip_legend, style_checks
from .loss_penalty import PenaltyCurve
from .loss_room import CurvesRoom
from .loss_series import LossAxis, LossSeries, StepAxis, min_max_points

# Up to this many test points get a marker each; beyond that the test loss is a plain line.
MAX_TEST_MARKERS = 200
MAX_STEP_MARKERS = 100  # per-step losses drawn as dots up to this many steps
MAX_STEP_POINTS = 250_000  # beyond this the per-step curve keeps a min/max envelope

# The curves' least height (px at the normal font, in proportion to the ticks' font; two
# labelled loss ticks at least): on a 1280×720 screen the plot was squeezed to 40 px.
MIN_CURVES_PX = 72

COLOURS = {"step": "#9ecae1", "epoch": "#08519c", "test": "#e6550d",
           "marker": "#555555", "text": "#000000", "grid": "#e3e3e3"}


class LossPlot(QWidget):
    """Training loss per step and per epoch, and test loss, over the step number."""

    log_scale_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._steps_per_epoch = 0
        self._marker_step: int | None = None
        self._marker_changed = False
        self._clear_steps()
        self._presentation = False
        self._zoom = 1.0  # font zoom (gui/zoom.py)

        self.plot_widget = pg.PlotWidget(background="w",
                                         axisItems={"bottom": StepAxis(orientation="bottom"),
                                                    "left": LossAxis(orientation="left")})
        # One rectangle per frame rather than a many-rectangle region (see network_view.py).
        self.plot_widget.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        plot = self.plot_widget.getPlotItem()
        # Its "Plot Options" menu would log-transform the data a second time; keep the
        # view menu (View All, mouse mode, export).
        plot.setMenuEnabled(False, enableViewBoxMenu=True)
        plot.showGrid(x=True, y=True)
        # Draw only the visible steps, as the min and max of each pixel column.
        # Set on the PlotItem: its addItem() overrides what an item was given.
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        self.legend = strip_legend(plot, COLOURS["text"])  # in a figure; on screen: the checks
        # One (min, max) pair per pixel column: pyqtgraph's default of 5 looks the same but
        # costs more. No antialiasing on long curves: a 2 px antialiased pen on a downsampled
        # zigzag costs ~30 ms a frame, without it ~1 ms.
        self.step_curve = pg.PlotDataItem(name="training loss, per step", autoDownsampleFactor=1)
        self.epoch_curve = pg.PlotDataItem(name="training loss, epoch mean", autoDownsampleFactor=1)
        self.test_curve = pg.PlotDataItem(name="test loss", autoDownsampleFactor=1)
        for item in (self.step_curve, self.epoch_curve, self.test_curve):
            plot.addItem(item)
        self.penalty = PenaltyCurve(plot)  # only a run with L2 or L1 has one
        self.legend.clear()  # it lists only the series that have data; see _update_legend()
        self.steps = LossSeries(self.step_curve, np.int64)
        self.epochs = LossSeries(self.epoch_curve)
        self.tests = LossSeries(self.test_curve, np.int64)
        self._series = (self.steps, self.epochs, self.tests, self.penalty.series)
        self._in_legend: list[LossSeries] = []
        self.marker_line = pg.InfiniteLine(angle=90, movable=False)
        self.marker_line.hide()
        plot.addItem(self.marker_line, ignoreBounds=True)

        self.log_check = QCheckBox("log scale")
        self.log_check.toggled.connect(self.set_log_scale)
        self.show_checks = {}
        toolbar = FlowRow(spacing=14)  # wraps where one row does not fit
        toolbar.addWidget(self.log_check)
        for label, series in (("per step", self.steps), ("epoch mean", self.epochs),
                              ("test", self.tests), ("penalty", self.penalty.series)):
            check = QCheckBox(label)
            check.setChecked(True)
            check.toggled.connect(lambda on, s=series: self._show_series(s, on))
            check.setToolTip(series.item.name())
            toolbar.addWidget(check)
            self.show_checks[label] = check
        self.show_checks["penalty"].hide()  # only a run with L2 or L1 has one
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(toolbar)
        layout.addWidget(self.plot_widget, 1)
        self.room = CurvesRoom(self.plot_widget)  # its least height
        self._apply_style()

    # --- data -----------------------------------------------------------------------------

    def _clear_steps(self) -> None:
        self._step_total = 0  # steps appended so far
        self._stride = 1  # steps per stored point of the per-step curve
        self._pending = np.empty(0)  # losses of a block not yet complete (stride > 1)
        self._pending_start = 0
        self._epoch_partial = np.empty(0)  # losses of the epoch under way
        self._epoch_group = 1  # epochs per point of the epoch-mean curve

    def reset(self) -> None:
        """Forget all losses and the marker, and follow the data again."""
        for series in self._series:
            series.truncate(0)
        self._clear_steps()
        self.marker(None)
        plot = self.plot_widget.getPlotItem()
        # A fresh range: an empty plot or one point keeps the width of the range before
        # (pyqtgraph's rule for a zero-width range), which after a long run was ±4000 steps
        # around the new run's one point (defect 8). See also _one_point_range().
        plot.getViewBox().setRange(xRange=(-0.5, 10.5), yRange=(0, 1), padding=0)
        plot.enableAutoRange()

    def set_steps_per_epoch(self, n: int) -> None:
        """Steps in one epoch; the epoch means are recomputed from the stored steps."""
        if n < 1:
            raise ValueError(f"steps per epoch must be at least 1, not {n}")
        if n != self._steps_per_epoch:
            self._steps_per_epoch = n
            self.epochs.truncate(0)
            self._epoch_partial = np.empty(0)
            if self._stride == 1:  # exact values are at hand: recompute every epoch
                self._add_epoch_means(0, self.steps.y.view.copy())

    def append_steps(self, losses: np.ndarray) -> None:
        """Store the losses of the next steps; they show at the next `refresh()`.

        Up to MAX_STEP_POINTS steps are kept one by one; beyond that the per-step curve keeps
        the envelope of each block of `stride` steps (alternately its max and its min), the
        stride doubling as the run grows, so memory stays bounded on runs of any length.
        Epoch means are taken from the exact values as they arrive.
        """
        losses = np.asarray(losses, dtype=np.float64).ravel()
        first = self._step_total
        self._step_total += len(losses)
        self._add_epoch_means(first, losses)
        if self._stride == 1:
            self.steps.extend(np.arange(first, first + len(losses)), losses)
        else:
            self._extend_envelope(first, losses)
        if len(self.steps) > MAX_STEP_POINTS:
            self._halve_steps()

    def _add_epoch_means(self, first, losses):
        """Means of each completed epoch (of `_epoch_group` epochs once there are very many)."""
        n = self._steps_per_epoch * self._epoch_group
        if not n:
            return
        values = np.concatenate([self._epoch_partial, losses])
        start = first - len(self._epoch_partial)
        complete = len(values) // n
        if complete:
            middles = start + np.arange(complete) * n + (n - 1) / 2
            self.epochs.extend(middles, values[: complete * n].reshape(-1, n).mean(axis=1))
        self._epoch_partial = values[complete * n :]
        if len(self.epochs) > MAX_STEP_POINTS:
            self._merge_epochs()

    def _merge_epochs(self):
        """Average neighbouring means in pairs: each point becomes the mean of twice the epochs."""
        x, y = self.epochs.x.view.copy(), self.epochs.y.view.copy()
        pairs = len(y) // 2
        self.epochs.truncate(0)
        self.epochs.extend(x[: 2 * pairs].reshape(pairs, 2).mean(axis=1),
                           y[: 2 * pairs].reshape(pairs, 2).mean(axis=1))
        self.epochs.extend(x[2 * pairs :], y[2 * pairs :])  # an unpaired last mean stays
        self._epoch_group *= 2

    def _extend_envelope(self, first, losses):
        """Add losses in blocks of `stride` steps, each kept as its min and its max."""
        if not len(self._pending):
            self._pending_start = first
        values = np.concatenate([self._pending, losses])
        s = self._stride
        blocks = len(values) // s
        if blocks:
            block = values[: blocks * s].reshape(blocks, s)
            self.steps.extend(*min_max_points(self._pending_start + s * np.arange(blocks),
                                               s, block.min(axis=1), block.max(axis=1)))
            self._pending_start += blocks * s
        self._pending = values[blocks * s :]

    def _halve_steps(self):
        """Merge stored blocks in pairs (min of mins, max of maxes), doubling the stride.

        Every stored point keeps its own step number, so an unpaired block stays as it is.
        """
        x, y = self.steps.x.view.copy(), self.steps.y.view.copy()
        if self._stride == 1:  # single steps become blocks of 4, each its min and max
            s, starts, lows, highs = 4, x[::4], None, None
            whole = len(y) // 4
            lows = y[: 4 * whole].reshape(whole, 4).min(axis=1)
            highs = y[: 4 * whole].reshape(whole, 4).max(axis=1)
            rest = slice(4 * whole, None)
        else:  # stored as (start, min), (middle, max) per block
            s = 2 * self._stride
            whole = len(y) // 4
            quad = y[: 4 * whole].reshape(whole, 4)
            lows, highs = quad[:, [0, 2]].min(axis=1), quad[:, [1, 3]].max(axis=1)
            starts = x[: 4 * whole : 4]
            rest = slice(4 * whole, None)
        self.steps.truncate(0)
        self.steps.extend(*min_max_points(starts[:whole], s, lows, highs))
        self.steps.extend(x[rest], y[rest])
        self._stride = s

    def append_test(self, step: int, loss: float) -> None:
        """Store the test loss measured with `step` updates done (replacing one at that step)."""
        if len(self.tests):
            last = int(self.tests.x.view[-1])
            if step < last:
                raise ValueError(f"test loss at step {step} comes before step {last}")
            if step == last:
                self.tests.truncate(len(self.tests) - 1)
        self.tests.extend(np.array([step]), np.array([loss], dtype=np.float64))

    def truncate(self, steps: int) -> None:
        """Forget the losses of steps >= `steps`, and test losses measured after `steps`."""
        steps = max(0, min(steps, self._step_total))
        self.steps.truncate(int(np.searchsorted(self.steps.x.view, steps)))
        self._step_total = steps
        self._pending = np.empty(0)
        n = self._steps_per_epoch
        if n:
            self.epochs.truncate(steps // n)
            # The epoch under way, from the exact values when they are kept (else it restarts).
            begun = steps // n * n
            self._epoch_partial = (self.steps.y.view[begun:steps].copy() if self._stride == 1
                                   else np.empty(0))
        kept = np.searchsorted(self.tests.x.view, steps, side="right")
        self.tests.truncate(int(kept))
        self.penalty.truncate(steps)

    def history(self):
        """(steps, losses, exact) of the per-step curve: every step's loss while `exact`; past
        MAX_STEP_POINTS, each block's least and largest at their steps."""
        steps, losses = self.steps.x.view.astype(np.int64), self.steps.y.view.copy()
        return steps, losses, self._stride == 1

    def test_history(self):
        """(steps, losses) of the test loss."""
        return self.tests.x.view.copy(), self.tests.y.view.copy()

    def step_count(self) -> int:
        return self._step_total

    # --- display --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show what was appended since the last refresh; does nothing if nothing was."""
        if self.tests.changed:
            few = len(self.tests) <= MAX_TEST_MARKERS
            self.tests.style = {"symbol": "o" if few else None, "antialias": few}
        if self.steps.changed:
            # A class stepping one update at a time sees each step's loss as a dot.
            few = len(self.steps) <= MAX_STEP_MARKERS
            self.steps.style = {"symbol": "o" if few else None, "symbolSize": 7,
                                "symbolPen": None, "symbolBrush": COLOURS["step"]}
        if any(series.changed for series in self._series):
            self._update_legend()
        pushed = [series.push() for series in self._series]
        if any(pushed):
            self._one_point_range()
        if self._marker_changed:
            self._marker_changed = False
            self.marker_line.setVisible(self._marker_step is not None)
            if self._marker_step is not None:
                self.marker_line.setValue(self._marker_step)

    def _one_point_range(self) -> None:
        """While the plot shows a single step, a range around it: pyqtgraph would keep the
        width and height of the range before (defect 8: ±15M steps after another example)."""
        vb = self.plot_widget.getPlotItem().getViewBox()
        if len(self.steps) != 1 or not all(vb.autoRangeEnabled()):
            return
        x = float(self.steps.x.view[0])
        y = float((self.steps.y if self.steps.log_y is None else self.steps.log_y).view[0])
        if not np.isfinite(y):
            return
        low, high = ((y - 1, y + 1) if self.is_log_scale() or y <= 0 else (0.0, 2 * y))
        vb.setRange(xRange=(x - 0.5, x + 0.5), yRange=(low, high), padding=0,
                    disableAutoRange=False)

    def _update_legend(self) -> None:
        # No "test loss" entry for a run without test data.
        having_data = [series for series in self._series if len(series)]
        if having_data != self._in_legend:
            self._in_legend = having_data
            self.legend.clear()
            for series in having_data:
                self.legend.addItem(series.item, series.item.name())
            self.show_checks["penalty"].setVisible(len(self.penalty.series) > 0)

    def marker(self, step: int | None) -> None:
        """Draw a vertical line at `step` (None hides it) at the next `refresh()`."""
        self._marker_step = step
        self._marker_changed = True

    def set_log_scale(self, on: bool) -> None:
        """Log10 loss axis (losses <= LOG_FLOOR sit at LOG_FLOOR); redraws at once."""
        on = bool(on)
        if on == self.is_log_scale():
            return
        for series in self._series:
            series.set_log(on)
        plot = self.plot_widget.getPlotItem()
        plot.getAxis("left").setLogMode(on)
        plot.enableAutoRange(axis="y")  # the old range is in the other unit
        with QSignalBlocker(self.log_check):
            self.log_check.setChecked(on)
        self.refresh()
        self.log_scale_changed.emit(on)

    def is_log_scale(self) -> bool:
        return self.steps.log_y is not None

    def set_presentation(self, on: bool) -> None:
        """Large fonts and thick lines for a projector."""
        self._presentation = bool(on)
        self._apply_style()

    def set_zoom(self, factor: float) -> None:
        """Text `factor` times its size (font zoom for the back row)."""
        self._zoom = float(factor)
        self._apply_style()

    def figure_widget(self):
        """The figure (File ▸ Export): the plot without the check boxes, with its legend."""
        self.legend.for_figure()
        return self.plot_widget

    def _show_series(self, series: LossSeries, on: bool) -> None:
        series.item.setVisible(on)
        series.push()  # it may have missed data while hidden

    def _apply_style(self) -> None:
        big = self._presentation
        tick_pt, label_pt, widen = (16, 18, 2) if big else (11, 12, 1)
        tick_pt, label_pt = tick_pt * self._zoom, label_pt * self._zoom
        font = QFont(self.font())
        font.setPointSizeF(tick_pt)
        self.setFont(font)  # the toolbar's check boxes
        plot = self.plot_widget.getPlotItem()
        for side, label in (("bottom", "step"), ("left", "loss")):
            axis = plot.getAxis(side)
            axis.setTickFont(font)
            axis.setPen(COLOURS["text"])
            axis.setTextPen(COLOURS["text"])
            # No SI scaling: enableAutoSIPrefix(False) alone rescales once more when the label
            # is visible (presentation mode showed a loss of 0.298 as "300").
            axis.setSIPrefixEnableRanges(((0.0, 0.0),))
            axis.enableAutoSIPrefix(False)
            # The grid is the ticks drawn across the plot. Opaque light grey, not pyqtgraph's
            # translucent black: Qt draws translucent aliased lines ~30x slower (8 ms a frame).
            axis.setTickPen(COLOURS["grid"])
            axis.setStyle(tickAlpha=255, maxTickLevel=1)
            axis.setZValue(-1000)  # behind the curves and the legend
            plot.setLabel(side, label, color=COLOURS["text"], **{"font-size": f"{label_pt:.3g}pt"})
        self.step_curve.setPen(pg.mkPen(COLOURS["step"], width=widen))
        self.epoch_curve.setPen(pg.mkPen(COLOURS["epoch"], width=2 * widen))
        self.test_curve.setPen(pg.mkPen(COLOURS["test"], width=2 * widen))
        self.test_curve.setSymbolPen(pg.mkPen(COLOURS["test"], width=widen))
        self.test_curve.setSymbolBrush(pg.mkBrush("w"))
        self.test_curve.setSymbolSize(8 if not big else 12)
        self.penalty.style(widen)
        self.marker_line.setPen(pg.mkPen(COLOURS["marker"], width=widen, style=Qt.DashLine))
        # LegendItem.setLabelTextSize only affects labels added later; restyle the existing.
        legend_pt = f"{(13 if big else 9) * self._zoom:.3g}pt"  # small: the curves are the plot
        self.legend.setLabelTextSize(legend_pt)
        for _, text in self.legend.items:
            text.setText(text.text, size=legend_pt, color=COLOURS["text"])
        self.legend.reserve_row()
        style_checks(self.show_checks, self.font(), widen, COLOURS)
        # Room for the curves (in proportion to the text); the axes' share estimated: the step
        # axis's ticks and label lines (1.5× its point size in px, at most), marks and margins.
        self.room.set_least(MIN_CURVES_PX * tick_pt / 11,
                            QFontMetricsF(font).height() + 1.5 * label_pt + 16)
