"""The main window: network graph in the middle, controls above, loss plot below, details beside.

It reads the worker's latest snapshot on a display timer (≤ 60 Hz) and never touches the trainer
while the worker thread runs. Everything that replaces the experiment goes through Session, which
loads completely before it swaps, so a failed load leaves the window as it was.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QDockWidget, QFileDialog, QLabel, QMainWindow,
                               QMessageBox, QTabWidget, QToolBar, QDoubleSpinBox, QScrollArea,
                               QSizePolicy, QSlider, QWidget)

from mlpviz import __version__
from mlpviz.core import examples
from mlpviz.core.config import PATH_KEYS
from mlpviz.core.errors import Cancelled, InputError
from mlpviz.core.experiment import Experiment
from mlpviz.core.explain import (Names, explain_bias, explain_loss, explain_neuron,
                                 explain_weight)
from mlpviz.core.files import read_csv, read_minmax, read_weights, write_json, write_minmax, \
    write_weights
from mlpviz.core.normalize import MinMax
from mlpviz.core.phases import partial_pass, phases

from .descent_views import DescentViews
from .details import DetailsPanel
from .experiment_editor import ExperimentEditor, invalidates_weights
from .loader import load_with_progress
from .loss_plot import LossPlot
from .network_view import NetworkView
from .predictions import PredictionsDialog
from .presentation import Presentation, key_map_html
from .session import Session
from .start_page import StartPage

DISPLAY_HZ = 30
MAX_RECENT = 8
SPEEDS = [("full speed", 0), ("1 step/s", 1), ("5 steps/s", 5), ("20 steps/s", 20),
          ("100 steps/s", 100), ("1 000 steps/s", 1000), ("10 000 steps/s", 10_000)]


class MainWindow(QMainWindow):
    SELECTION_TAB = 2  # the side tab with the math panel

    def __init__(self, settings=None):
        super().__init__()
        self.settings = settings or QSettings("mlpviz", "mlpviz")
        self.session = Session(self)
        self.session.replaced.connect(self._on_replaced)
        self.session.run_ended.connect(self._on_run_ended)
        self.snapshot = None  # the newest snapshot shown
        self.display = None  # (network, forward, backward) of the displayed sample
        self.selection = None
        self._tested_epoch = -1
        # Stepping by phases: None shows the whole pass of the next update; k in 0..2L shows
        # what the first k phases of the update from the current step computed (0 right after
        # an update made by phase stepping: its new weights, and the pass that gave them).
        self.phase = None

        self.graph = NetworkView()
        self.graph.selected.connect(self._on_selected)
        self.setCentralWidget(self.graph)
        self.loss_plot = LossPlot()
        self.details = DetailsPanel()
        self.about = QLabel(wordWrap=True, alignment=Qt.AlignTop | Qt.AlignLeft, margin=8)
        self.about.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.editor = ExperimentEditor()
        self.editor.applied.connect(self.apply_settings)
        self.editor.continued.connect(self.continue_with_settings)
        self.editor.learning_rate_changed.connect(self.set_learning_rate)
        self.start_page = StartPage(examples.describe())
        self.start_page.chosen.connect(lambda name: self.open_config(examples.config_path(name)))
        self._build_docks()
        self.descent = DescentViews()  # the slice, trajectory plane, output and surfaces
        self.descent.install(self)
        self.graph.selected.connect(self.descent.on_selected)
        self.presentation = Presentation(self)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(int(1000 / DISPLAY_HZ))
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)

    # -- building ------------------------------------------------------------------------

    def _build_docks(self):
        side = QTabWidget()
        side.addTab(self._scroll(self.start_page), "Examples")
        side.addTab(self._scroll(self.about), "Experiment")
        side.addTab(self._scroll(self.details), "Selection")
        side.addTab(self._scroll(self.editor), "Settings")
        self.side_tabs = side
        for title, widget, area in (("Experiment", side, Qt.RightDockWidgetArea),
                                    ("Loss", self.loss_plot, Qt.BottomDockWidgetArea)):
            dock = QDockWidget(title, self)
            dock.setObjectName(title)
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
            self.addDockWidget(area, dock)
        self.resizeDocks([self.findChild(QDockWidget, "Experiment")], [380], Qt.Horizontal)
        self.resizeDocks([self.findChild(QDockWidget, "Loss")], [260], Qt.Vertical)

    @staticmethod
    def _scroll(widget):
        area = QScrollArea()
        area.setWidget(widget)
        area.setWidgetResizable(True)
        return area

    def _action(self, text, slot, shortcut=None, tip=None):
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ApplicationShortcut)
        if tip:
            action.setToolTip(tip)
        self.addAction(action)
        return action

    def _build_actions(self):
        a = self._action
        self.phase_action = a("Phase ▶", self.step_phase, "Right",
                              "One phase of the update: forward or backward through one layer, "
                              "or the update itself (→)")
        self.phase_back_action = a("◀ Phase", self.back_phase, "Left", "Back one phase (←)")
        self.step_action = a("Step", self.step, "Space", "One update (Space)")
        self.back_action = a("Back", self.back, "Backspace", "Back one update (Backspace)")
        self.start_action = a("To step 0", lambda: self.go_to(0), "Home",
                              "Back to the start of the run, keeping it to scrub through (Home)")
        self.end_action = a("To the end", lambda: self.go_to(self._end()), "End",
                            "To the furthest step of the run (End)")
        self.faster_action = a("Faster", lambda: self._change_speed(+1), "+", "Faster (+)")
        self.slower_action = a("Slower", lambda: self._change_speed(-1), "-", "Slower (−)")
        self.epoch_action = a("Epoch", self.step_epoch, "E", "Train to the end of this epoch (E)")
        self.run_action = a("Run", self.toggle_run, "Return", "Run or pause (Return)")
        self.reset_action = a("Reset", self.reset, "Ctrl+R",
                              "Back to the initial weights and step 0 (Ctrl+R)")
        self.open_action = a("Open config…", lambda: self.open_config(), QKeySequence.Open)
        self.save_action = a("Save config", self.save_config, QKeySequence.Save)
        self.save_as_action = a("Save config as…", lambda: self.save_config_as(), "Ctrl+Shift+S")
        self.open_weights_action = a("Open weights…", lambda: self.open_weights())
        self.save_weights_action = a("Save weights…", lambda: self.save_weights(), "Ctrl+W")
        self.open_minmax_action = a("Open min-max…", lambda: self.open_minmax())
        self.save_minmax_action = a("Save min-max…", lambda: self.save_minmax())
        self.train_csv_action = a("Load training CSV…", lambda: self.load_training_csv(), "Ctrl+L")
        self.test_csv_action = a("Load test CSV…", lambda: self.load_test_csv())
        self.test_action = a("Test on a CSV…", lambda: self.test_on_csv(), "Ctrl+T")
        self.predict_action = a("Predict from a CSV…", lambda: self.predict_csv(), "Ctrl+P")
        self.quit_action = a("Quit", self.close, QKeySequence.Quit)
        self.gradients_action = a("Edges show gradients", self._on_edge_mode, "G")
        self.gradients_action.setCheckable(True)

    def _build_toolbar(self):
        bar = QToolBar("Training")
        bar.setObjectName("Training")
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        bar.setMovable(False)
        for action in (self.phase_back_action, self.phase_action, self.back_action,
                       self.step_action, self.epoch_action, self.run_action, self.reset_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(QLabel(" η "))
        self.rate_box = QDoubleSpinBox(decimals=4, minimum=0.0, maximum=1000.0, singleStep=0.05)
        self.rate_box.setToolTip("Learning rate η; changes apply while it runs")
        self.rate_box.valueChanged.connect(self.set_learning_rate)
        bar.addWidget(self.rate_box)
        bar.addWidget(QLabel("  speed "))
        self.speed_box = QComboBox()
        for text, value in SPEEDS:
            self.speed_box.addItem(text, value)
        self.speed_box.currentIndexChanged.connect(self._on_speed)
        bar.addWidget(self.speed_box)
        bar.addSeparator()
        bar.addAction(self.gradients_action)
        self.addToolBar(bar)
        font = bar.font()
        font.setPointSize(font.pointSize() + 2)
        bar.setFont(font)
        self._build_timeline_bar()

    def _build_timeline_bar(self):
        """The run's timeline: a slider over steps 0..end to scrub, and where the run is."""
        bar = QToolBar("Timeline")
        bar.setObjectName("Timeline")
        bar.setMovable(False)
        self.timeline_slider = QSlider(Qt.Horizontal)
        self.timeline_slider.setToolTip("The run so far: drag to go back to any step, exactly")
        self.timeline_slider.setFocusPolicy(Qt.NoFocus)  # ← and → step phases, not the slider
        self.timeline_slider.valueChanged.connect(self._on_scrub)
        self.phase_label = QLabel()
        self.step_label = QLabel()
        for action in (self.start_action,):
            bar.addAction(action)
        bar.addWidget(self.timeline_slider)
        bar.addAction(self.end_action)
        bar.addWidget(self.step_label)
        bar.addSeparator()
        bar.addWidget(self.phase_label)
        self.addToolBarBreak()
        self.addToolBar(bar)
        self.timeline_bar = bar
        self.alert = QLabel(wordWrap=True)
        self.alert.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.alert.setStyleSheet("QLabel { background: #fde0dc; color: #8b0000; "
                                 "font-weight: bold; padding: 6px; }")
        self.alert.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.alert_bar = QToolBar("Alert")
        self.alert_bar.setObjectName("Alert")
        self.alert_bar.setMovable(False)
        self.alert_bar.addWidget(self.alert)
        self.addToolBarBreak()
        self.addToolBar(self.alert_bar)
        self.alert_bar.hide()

    def _build_menus(self):
        menu = self.menuBar().addMenu("&File")
        menu.addAction(self.open_action)
        self.examples_menu = menu.addMenu("Open example")
        for name, title, description in examples.describe():
            action = self.examples_menu.addAction(f"{title}")
            action.setToolTip(description)
            action.triggered.connect(lambda _=False, n=name: self.open_config(
                examples.config_path(n)))
        self.recent_menu = menu.addMenu("Open recent")
        self._rebuild_recent()
        menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.open_weights_action, self.save_weights_action,
                       self.open_minmax_action, self.save_minmax_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.train_csv_action, self.test_csv_action, self.test_action,
                       self.predict_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        menu = self.menuBar().addMenu("&Train")
        for action in (self.phase_action, self.phase_back_action, self.step_action,
                       self.back_action, self.epoch_action, self.run_action, self.start_action,
                       self.end_action, self.faster_action, self.slower_action,
                       self.reset_action):
            menu.addAction(action)
        menu = self.menuBar().addMenu("&View")
        menu.addAction(self.gradients_action)
        menu.addAction(self.presentation.action)
        menu = self.menuBar().addMenu("&Help")
        menu.addAction(self._action("Keys", self.show_keys, "F1"))
        menu.addAction(self._action("About mlpviz", self.show_about))

    # -- the experiment ------------------------------------------------------------------

    def open_config(self, path=None):
        """Open a config (asks for one when `path` is None). Returns whether it opened."""
        if path is None:
            path = self._ask_open("Open config", "Config files (*.json)")
            if not path:
                return False

        def change():  # Session.open, with the reading off the GUI thread
            experiment = load_with_progress(
                self, f"Opening {Path(path).name}…",
                lambda progress: Experiment.load(Path(path), progress=progress), source=path)
            self.session.replace(experiment, Path(path))

        return self._attempt(change, remember=path)

    def _attempt(self, change, remember=None):
        """Run a change; on bad input show the message and leave everything as it was."""
        try:
            change()
        except InputError as e:
            self.report_error(str(e))
            return False
        except OSError as e:
            self.report_error(f"{e.filename or ''}: {e.strerror or e}")
            return False
        except Cancelled:
            self.statusBar().showMessage("Loading cancelled; nothing changed.", 5000)
            return False
        if remember is not None:
            self._remember(remember)
        return True

    def report_error(self, text):
        QMessageBox.warning(self, "mlpviz", text)

    def _on_replaced(self):
        session = self.session
        config = session.config
        trainer = session.trainer
        self.snapshot = None
        self._tested_epoch = -1
        self.selection = None
        self.phase = None
        self.details.clear_selection()
        self.display = None
        self.graph.set_structure(config.sizes, config.inputNodeLabels, config.outputNodeLabels,
                                 config.activationFunction, config.outputActivationFunction)
        if session.branched_at is None:
            self.loss_plot.reset()
        else:  # a branch: the run up to it stays on the plot
            self.loss_plot.truncate(session.branched_at)
        self.loss_plot.set_steps_per_epoch(trainer.steps_per_epoch)
        self.descent.reset(session.experiment, trainer)
        self.editor.show_config(config)
        self.rate_box.blockSignals(True)
        self.rate_box.setValue(config.learningRate)
        self.rate_box.blockSignals(False)
        self.session.worker.steps_per_second = self.speed_box.currentData()
        title = config.title or (session.path.stem if session.path else "untitled")
        where = f" — {session.path.name}" if session.path else ""
        self.setWindowTitle(f"{title}{where} — mlpviz")
        self.about.setText(self._about_text())
        self.refresh()

    def _about_text(self):
        c, s = self.session.config, self.session
        rows = [("network", "-".join(map(str, c.sizes))),
                ("activations", f"{c.activationFunction} hidden, {c.outputActivationFunction} output"),
                ("loss", c.lossFunction), ("learning rate", f"{c.learningRate:g}"),
                ("batch", "full batch" if s.trainer.batch == s.trainer.samples else
                 ("online (1 sample)" if s.trainer.batch == 1 else str(s.trainer.batch))),
                ("training rows", str(s.trainer.samples)),
                ("test rows", str(len(s.experiment.test.values)) if s.experiment.test else "none"),
                ("biases", "trained" if c.trainBiases else "frozen"),
                ("file", str(s.path) if s.path else "not saved")]
        table = "".join(f"<tr><td style='color:#555'>{k}&nbsp;</td><td>{v}</td></tr>"
                        for k, v in rows)
        return (f"<h3>{c.title or 'Untitled experiment'}</h3><p>{c.description}</p>"
                f"<table>{table}</table>")

    # -- training commands ---------------------------------------------------------------

    @Slot()
    def step(self):
        """One whole update (leaves phase stepping)."""
        self.phase = None
        self.session.worker.request_steps(1)

    @Slot()
    def back(self):
        """Back one update, exactly as the run had it."""
        self.phase = None
        self.session.worker.back(1)

    @Slot()
    def step_phase(self):
        """The next phase of the update: forward or backward through a layer, or the update."""
        self._pause_run()  # phases are shown one at a time, not under a run
        if self.phase is None:
            self.phase = 1
        elif self.phase < self._last_phase():
            self.phase += 1
        else:
            self.phase = 0  # the update: its weights arrive with the next snapshot
            self.session.worker.request_steps(1)
            return
        self._redisplay()

    @Slot()
    def back_phase(self):
        """Back one phase; from the start of an update, to the last phase of the one before."""
        worker = self.session.worker
        self._pause_run()
        step = self.snapshot.step if self.snapshot else 0
        if self.phase is None and step > 0 and self.snapshot.before is not None:
            self.phase = 0  # the update that led here
        elif self.phase:
            self.phase -= 1
        elif step > 0:  # before this update's first phase: the last phase of the one before
            self.phase = self._last_phase()
            worker.back(1)
            return
        self._redisplay()

    def _pause_run(self):
        """Pause a run (a step already asked for still happens: keys may come quickly)."""
        if self.session.worker.running:
            self.session.worker.pause()

    def go_to(self, step):
        """Put the run at `step` of its timeline (scrubbing), exactly."""
        self.phase = None
        self.session.worker.go_to(step)

    def _end(self):
        return self.snapshot.end if self.snapshot else 0

    @Slot(int)
    def _on_scrub(self, value):
        if self.snapshot is not None and value != self.snapshot.step:
            self.go_to(value)

    def _change_speed(self, direction):
        box = self.speed_box
        # The list runs "full speed", then slowest to fastest.
        order = list(range(1, box.count())) + [0]
        at = order.index(box.currentIndex())
        box.setCurrentIndex(order[max(0, min(len(order) - 1, at + direction))])
        self.statusBar().showMessage(f"Speed: {box.currentText()}", 3000)

    def _redisplay(self):
        if self.snapshot is not None:
            self._show_snapshot(self.snapshot)

    @Slot()
    def step_epoch(self):
        self.session.worker.request_epoch()

    @Slot()
    def toggle_run(self):
        self.phase = None
        worker = self.session.worker
        if worker.running:
            worker.pause()
        else:
            worker.start_running()
        self._show_running(worker.running)

    def _show_running(self, running):
        self.run_action.setText("Pause" if running else "Run")

    @Slot()
    def reset(self):
        self.session.reset()

    @Slot(float)
    def set_learning_rate(self, rate):
        self.session.worker.set_learning_rate(rate)
        self.session.config.learningRate = rate
        for box in (self.rate_box, self.editor.learning_rate):
            if box.value() != rate:
                box.blockSignals(True)
                box.setValue(rate)
                box.blockSignals(False)

    def _on_speed(self):
        if self.session.worker is not None:
            self.session.worker.steps_per_second = self.speed_box.currentData()

    def _on_edge_mode(self):
        self.graph.set_edge_mode("gradients" if self.gradients_action.isChecked() else "weights")

    @Slot(str)
    def _on_run_ended(self, reason):
        worker = self.session.worker
        if worker is None:  # queued before the window shut its training down
            return
        self._show_running(False)
        if reason == "diverged":
            text = worker.divergence or "diverged: a number is no longer finite"
            self.show_alert(f"{text[0].upper()}{text[1:]}. Back (Backspace) or the timeline "
                            f"go to any step before it; Reset starts again.")
        else:
            self.statusBar().showMessage(
                f"Finished {self.session.config.epochs} epochs; Run continues.", 8000)
            worker.stop_at = None

    def show_alert(self, text):
        """A message that stays in view (above the graph) until the run moves on."""
        self.alert.setText(text)
        # A tool bar ignores height-for-width: give the label the height of its wrapped text.
        self.alert.setFixedHeight(max(1, self.alert.heightForWidth(max(200, self.width() - 40))))
        self.alert_bar.setVisible(bool(text))

    def _edited_config(self):
        """The settings form's config, or None (after saying why) if it is not valid."""
        try:
            return self.editor.edited_config()
        except InputError as e:
            self.report_error(str(e))
            return None

    def apply_settings(self):
        """Apply the settings form: a new experiment from the edited config, from step 0."""
        old, config = self.session.config, self._edited_config()
        if config is None:
            return
        if invalidates_weights(old, config) and config.initWeightsBiasesMethod == "file" \
                and config.sizes != old.sizes:
            config.initWeightsBiasesMethod = "random"
            self.statusBar().showMessage("The network changed shape, so the weights file no "
                                         "longer fits: starting from seeded random weights.", 10000)
        elif invalidates_weights(old, config):
            self.statusBar().showMessage("These settings change the network: training restarts "
                                         "from new initial weights.", 10000)
        else:
            self.statusBar().showMessage("Settings applied: training restarts at step 0.", 8000)
        self._attempt(lambda: self.session.replace(Experiment.load(config), self.session.path))

    def continue_with_settings(self):
        """Apply the settings form from the current step and weights: a new branch of the run."""
        old, config = self.session.config, self._edited_config()
        if config is None:
            return
        if invalidates_weights(old, config):
            self.report_error("These settings change the network or its initial weights, so the "
                              "current weights cannot go on with them: use Apply and restart.")
            return
        step = self.snapshot.step if self.snapshot else 0
        params = self._current_params()
        if self._attempt(lambda: self.session.continue_with(Experiment.load(config), params,
                                                            step)):
            self.statusBar().showMessage(f"Settings applied from step {step}: a new branch of "
                                         f"the run; the timeline starts there.", 10000)

    # -- display -------------------------------------------------------------------------

    @Slot()
    def refresh(self):
        """Take the worker's newest snapshot and loss values and draw them (display timer)."""
        worker = self.session.worker
        if worker is None:
            return
        first, losses = worker.take_losses()
        plot = self.loss_plot
        if first is not None and first < plot.step_count():
            plot.truncate(first)  # the run branched from an earlier step
            self._tested_epoch = -1
        if losses.size:
            plot.append_steps(losses)
        snapshot = worker.take_snapshot()
        if snapshot is not None:
            if plot.step_count() > snapshot.end:  # a branch that has no steps of its own yet
                plot.truncate(snapshot.end)
            plot.marker(snapshot.step if snapshot.step < plot.step_count() else None)
            self.snapshot = snapshot
            self._show_snapshot(snapshot)
            self._show_timeline(snapshot)
        plot.refresh()

    def _show_timeline(self, snapshot):
        slider = self.timeline_slider
        slider.blockSignals(True)
        slider.setRange(snapshot.start, snapshot.end)
        slider.setValue(snapshot.step)
        slider.setPageStep(max(1, self.session.trainer.steps_per_epoch))
        slider.blockSignals(False)
        self.step_label.setText(f" step {snapshot.step:,} of {snapshot.end:,} ")

    def _last_phase(self):
        """2L: the index of the last passing phase (the update comes after it)."""
        return 2 * (len(self.session.config.sizes) - 1)

    def _show_snapshot(self, snapshot):
        if snapshot.diverged_at is None and self.alert_bar.isVisible():
            self.show_alert("")  # gone back, or started again
        session = self.session
        trainer = session.trainer
        network = session.network(snapshot.params)
        # The sample (first of the batch) the next update trains on, through the current
        # weights; right after a phase-stepped update, the pass that update made.
        shown_step, explained, done = snapshot.step, network, self.phase
        if self.phase is None:
            done = self._last_phase()
        elif self._update_shown():
            shown_step, done = snapshot.step - 1, self._last_phase()
            explained = session.network(snapshot.before)
        row = int(trainer.batch_indices(shown_step)[0])
        with np.errstate(all="ignore"):  # a diverging run is shown as it is, not warned about
            passed = partial_pass(explained, trainer.X[row], trainer.Z[row], trainer.loss, done)
        forward, backward = passed.forward, passed.backward
        self.display = (explained, forward, backward)
        self._display_row = row
        self.descent.show_snapshot(snapshot)
        out = [None if o is None else o[0] for o in forward.out]
        delta = [None] + [None if backward is None or d is None else d[0]
                          for d in (backward.delta[1:] if backward else [None] * (len(out) - 1))]
        grad = None if backward is None else backward.grad
        self.graph.show_state(snapshot.params, out=out, delta=delta, grad=grad,
                              highlight=self._phase_highlight())
        self._show_details()
        self._show_running(snapshot.running)
        self.phase_label.setText(self._phase_text())
        loss = "—" if snapshot.last_loss is None else f"{snapshot.last_loss:.6g}"
        self.status.setText(f"step {snapshot.step}   epoch {snapshot.epoch}   "
                            f"loss of the last step {loss}   η {snapshot.learning_rate:g}   "
                            f"shown: sample {row + 1} of {trainer.samples}")
        # Test losses are measured at the front of the run; back on the timeline they are there.
        if (session.experiment.test is not None and snapshot.epoch != self._tested_epoch
                and snapshot.step == snapshot.end):
            self._tested_epoch = snapshot.epoch
            with np.errstate(all="ignore"):
                test_loss = session.experiment.mean_loss(network, session.experiment.test)
            self.loss_plot.append_test(snapshot.step, test_loss)

    def _update_shown(self):
        """Whether the graph shows an update just made by phase stepping (phase 0 after it)."""
        return self.phase == 0 and self.snapshot is not None and self.snapshot.before is not None

    def _current_phase(self):
        """The Phase just done, when stepping by phases (None otherwise, and at phase 0 before
        any was done)."""
        if self.phase is None or (self.phase == 0 and not self._update_shown()):
            return None
        all_phases = phases(len(self.session.config.sizes) - 1)
        return all_phases[-1] if self.phase == 0 else all_phases[self.phase - 1]

    def _phase_highlight(self):
        phase = self._current_phase()
        if phase is None:
            return None
        L = len(self.session.config.sizes) - 1
        if phase.kind == "update":
            return {"edges_into_layer": list(range(1, L + 1))}
        size = self.session.config.sizes[phase.layer]
        return {"neurons": [(phase.layer, j) for j in range(size)],
                "edges_into_layer": [phase.layer]}

    def _phase_text(self):
        phase = self._current_phase()
        if self.phase is None:
            return "  whole updates (→ steps one phase)  "
        if phase is None:
            return "  phase 0: nothing computed yet (→ forward through layer 1)  "
        count = self._last_phase() + 1
        index = count if self.phase == 0 else self.phase
        names = ["inputs"] + ["hidden"] * (len(self.session.config.sizes) - 2) + ["outputs"]
        return f"  phase {index} of {count}: {phase.describe(names)}  "

    def _names(self):
        c = self.session.config
        return Names.of(c.sizes, c.inputNodeLabels, c.outputNodeLabels)

    @Slot(object)
    def _on_selected(self, selection):
        self.selection = selection
        self._show_details()
        if selection is not None:
            self.side_tabs.setCurrentIndex(self.SELECTION_TAB)

    def _show_details(self):
        """The selected item's computation, with the numbers of the displayed sample."""
        if self.display is None:
            return
        network, forward, backward = self.display
        trainer, names = self.session.trainer, self._names()
        target = trainer.Z[self._display_row]
        rate = self.snapshot.learning_rate if self.snapshot else trainer.learning_rate
        with np.errstate(all="ignore"):
            loss_lines = explain_loss(names, forward, target, trainer.loss)
        context = self._details_context()
        s = self.selection
        if s is None:
            self.details.clear_selection(loss_lines, context)
            return
        if s.kind == "neuron":
            title = f"neuron {names.neurons[s.layer][s.node]}"
            lines = explain_neuron(network, names, forward, backward, s.layer, s.node, target,
                                   trainer.loss)
        elif s.kind == "weight":
            title = f"weight {names.weight(s.layer, s.node, s.source)}"
            lines = explain_weight(network, names, forward, backward, s.layer, s.node,
                                   s.source, rate)
        else:
            title = f"bias {names.bias(s.layer, s.node)}"
            lines = explain_bias(network, names, backward, s.layer, s.node, rate,
                                 trainer.train_biases)
        self.details.show_lines(title, lines, loss_lines, context)

    def _details_context(self):
        """What the math panel's numbers are of: which sample, which weights, which phase."""
        sample = f"sample {self._display_row + 1}"
        if self.phase is None:
            return f"{sample}, the next update's, with the weights as they are now"
        if self._update_shown():
            return (f"{sample}: the update just made — the pass before it, and each weight "
                    f"before (w) and after (w⁺) it")
        return f"{sample}, after {self._phase_text().strip()}"

    # -- files ---------------------------------------------------------------------------

    def _ask_open(self, title, filters):
        path, _ = QFileDialog.getOpenFileName(self, title, self._folder(), filters)
        return path or None

    def _ask_save(self, title, name, filters):
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(self._folder()) / name),
                                              filters)
        return path or None

    def _folder(self):
        path = self.session.path
        if path is None or examples.resources_folder() in Path(path).resolve().parents:
            return str(Path.home())
        return str(Path(path).parent)

    def _current_params(self):
        return self.snapshot.params if self.snapshot is not None else \
            self.session.experiment.initial_params

    def save_config(self):
        path = self.session.path
        bundled = path is not None and examples.resources_folder() in Path(path).resolve().parents
        if path is None or bundled:
            return self.save_config_as()
        return self._write_config(Path(path))

    def save_config_as(self, path=None):
        path = path or self._ask_save("Save config as", "config.json", "Config files (*.json)")
        return bool(path) and self._write_config(Path(path))

    def _write_config(self, path):
        config = copy.deepcopy(self.session.config)
        for key in PATH_KEYS:  # keep the files it names, seen from the new folder
            target = config.path(key)
            if target is not None:
                setattr(config, key, os.path.relpath(target.resolve(), path.resolve().parent))
        try:
            write_json(path, config.to_json())
        except OSError as e:
            self.report_error(f"{path}: {e.strerror or e}")
            return False
        config.folder, config.source = path.resolve().parent, str(path)
        self.session.experiment.config = config
        self.session.path = path
        self._remember(path)
        self._on_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _on_title(self):
        c, p = self.session.config, self.session.path
        self.setWindowTitle(f"{c.title or p.stem}{' — ' + p.name if p else ''} — mlpviz")
        self.about.setText(self._about_text())

    def open_weights(self, path=None):
        """Start over from the weights in a file (the network's shape must match)."""
        path = path or self._ask_open("Open weights", "Weights files (*.json)")
        if not path:
            return False
        session = self.session

        def change():
            params = read_weights(path, session.config.sizes)
            session.replace(session.experiment, session.path, params=params)

        return self._attempt(change)

    def save_weights(self, path=None):
        path = path or self._ask_save("Save weights", "trained-weights-biases.json",
                                      "Weights files (*.json)")
        if not path:
            return False
        try:
            write_weights(path, self.session.network(self._current_params()))
        except (OSError, ValueError) as e:
            self.report_error(f"{path}: {getattr(e, 'strerror', None) or e}")
            return False
        self.statusBar().showMessage(f"Saved weights to {path}", 5000)
        return True

    def open_minmax(self, path=None):
        """Use a min-max file's ranges for normalization (restarts training)."""
        path = path or self._ask_open("Open min-max", "Min-max files (*.json)")
        if not path:
            return False
        session = self.session

        def change():
            c = session.config
            ranges = read_minmax(path, c.inputNodes, c.outputNodes)
            experiment = copy.copy(session.experiment)
            experiment.input_range = MinMax(ranges["minInput"], ranges["maxInput"],
                                            c.normalizeMethod)
            experiment.output_range = MinMax(ranges["minOutput"], ranges["maxOutput"],
                                             c.normalizeMethod)
            session.replace(experiment, session.path)

        return self._attempt(change)

    def save_minmax(self, path=None):
        path = path or self._ask_save("Save min-max", "minmax.json", "Min-max files (*.json)")
        if not path:
            return False
        e = self.session.experiment
        try:
            write_minmax(path, e.input_range, e.output_range)
        except OSError as err:
            self.report_error(f"{path}: {err.strerror or err}")
            return False
        self.statusBar().showMessage(f"Saved min-max to {path}", 5000)
        return True

    def load_training_csv(self, path=None):
        """Train on another CSV: min-max recalculated as the config says, from step 0."""
        path = path or self._ask_open("Load training data", "CSV files (*.csv)")
        if not path:
            return False
        session = self.session

        def change():
            config = copy.deepcopy(session.config)
            config.trainingDatasetCSVFile = str(Path(path).resolve())
            experiment = load_with_progress(
                self, f"Loading {Path(path).name}…",
                lambda progress: Experiment.load(config, progress=progress), source=path)
            session.replace(experiment, session.path)

        return self._attempt(change)

    def _read_table(self, path, columns):
        """A CSV read off the GUI thread (a progress dialog if it takes a while)."""
        return load_with_progress(self, f"Reading {Path(path).name}…",
                                  lambda progress: read_csv(path, columns, progress=progress),
                                  source=path)

    def _table_or_none(self, path, columns):
        """_read_table, or None after saying why it could not be read (or that it was cancelled)."""
        tables = []
        self._attempt(lambda: tables.append(self._read_table(path, columns)))
        return tables[0] if tables else None

    def load_test_csv(self, path=None):
        path = path or self._ask_open("Load test data", "CSV files (*.csv)")
        if not path:
            return False
        c = self.session.config

        def change():
            table = self._read_table(path, c.inputNodes + c.outputNodes)
            self.session.experiment.test = table
            c.testingDatasetCSVFile = str(Path(path).resolve())
            self._tested_epoch = -1
            self.about.setText(self._about_text())

        return self._attempt(change)

    def test_on_csv(self, path=None):
        """The mean loss of the current weights on a CSV (or the loaded test set)."""
        experiment = self.session.experiment
        if path is None and experiment.test is None:
            path = self._ask_open("Test on data", "CSV files (*.csv)")
            if not path:
                return None
        c = self.session.config
        table = self._table_or_none(path, c.inputNodes + c.outputNodes) if path else \
            experiment.test
        if table is None:
            return None
        loss = experiment.mean_loss(self.session.network(self._current_params()), table)
        QMessageBox.information(self, "Test", f"{len(table.values)} samples: mean loss "
                                f"{loss:.6g} ({c.lossFunction}) at step "
                                f"{self.snapshot.step if self.snapshot else 0}.")
        return loss

    def predict_csv(self, path=None, show=True):
        """Predictions for a CSV's inputs, in the data's units, shown as a table."""
        path = path or self._ask_open("Predict from data", "CSV files (*.csv)")
        if not path:
            return None
        c = self.session.config
        table = self._table_or_none(path, (c.inputNodes, c.inputNodes + c.outputNodes))
        if table is None:
            return None
        inputs = table.values[:, :c.inputNodes]
        outputs = self.session.experiment.predict(self.session.network(self._current_params()),
                                                  inputs)
        rows = np.hstack([inputs, outputs])
        dialog = PredictionsDialog(c.inputNodeLabels + c.outputNodeLabels, rows,
                                   f"{Path(path).name}: {len(rows)} rows, outputs in the data's "
                                   f"own units", self)
        if show:
            dialog.show()
        return dialog

    # -- recent files and settings -------------------------------------------------------

    def recent_files(self):
        value = self.settings.value("recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _remember(self, path):
        path = str(Path(path).resolve())
        recent = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self._rebuild_recent()

    def _rebuild_recent(self):
        self.recent_menu.clear()
        for path in self.recent_files():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_config(p))
        self.recent_menu.setEnabled(bool(self.recent_files()))

    def show_keys(self):
        QMessageBox.information(self, "Keys", key_map_html())

    def show_about(self):
        QMessageBox.about(self, "About mlpviz", f"mlpviz {__version__}: train small multi-layer "
                          "perceptrons and see every number backpropagation computes.")

    def closeEvent(self, event):
        self.timer.stop()
        self.session.shutdown()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
