"""Running and stepping: run, pause, step, step a phase, back, the timeline, speed, reset.

Commands go to the worker (thread-safe flags) or to the model's phase; what they change reaches
the views through the model's signals.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Slot

from ..run.pacer import run_plan
from ..run.shown import last_phase, update_shown
from . import ended_runs

# Updates a second, exact (run/pacer.py); 0 is as fast as the machine goes.
SPEEDS = [("full speed", 0), ("0.5 updates/s", 0.5), ("1 update/s", 1), ("2 updates/s", 2),
          ("5 updates/s", 5), ("10 updates/s", 10), ("30 updates/s", 30),
          ("100 updates/s", 100), ("1 000 updates/s", 1000), ("10 000 updates/s", 10_000)]


class RunningController(QObject):
    def __init__(self, model, window):
        super().__init__(window)
        self.model = model
        self.window = window  # for its actions (window_actions.py) and the speed box
        self.speed_box = None  # set by the training bar
        self.preparing = None  # the note and busy indicator of the status bar (bars/status.py)
        self._speed_of = None  # the experiment the speed box was set for (Reset keeps it)
        self._told_rate = None  # the learning rate its config gave it
        model.run_ended.connect(self._on_run_ended)
        model.stepped.connect(self._on_stepped)
        model.replaced.connect(self._on_replaced)
        model.arrived.connect(self._on_arrived)

    @property
    def worker(self):
        return self.model.worker

    def _note_if_preparing(self):
        """Training asked for before the compiled loop is ready: say why nothing moves yet."""
        if self.preparing is not None:
            self.preparing.asked()

    def _last_phase(self):
        return last_phase(self.model.config.sizes)

    # -- whole updates -----------------------------------------------------------------------

    @Slot()
    def step(self):
        """One whole update (leaves phase stepping)."""
        self.model.set_phase(None, redraw=False)
        self._note_if_preparing()
        self.worker.request_steps(1)
        self.show_running()

    @Slot()
    def back(self):
        """Back one update, exactly as the run had it. In the middle of an update's phases
        (→), first back to that update's start: this step, as whole updates show it."""
        if self.model.phase and not update_shown(self.model.phase, self.model.snapshot):
            self._pause_run()
            self.model.set_phase(None)
            return
        if ended_runs.at_the_start(self.model):  # nothing left to undo here: the Reset itself
            ended_runs.bring_back(self.model, self.window.loss_plot)
            return
        self.model.set_phase(None, redraw=False)
        self.worker.back(1)
        self.show_running()

    @Slot()
    def undo(self):
        """Ctrl+Z: the last change by hand (or Reset) undone (ended_runs.undo)."""
        ended_runs.undo(self.model, self.window.loss_plot)
        self.show_running()

    @Slot()
    def step_epoch(self):
        self._note_if_preparing()
        self.worker.request_epoch()
        self.show_running()

    @Slot()
    def toggle_run(self):
        self.model.set_phase(None, redraw=False)
        worker = self.worker
        if worker.running:
            worker.pause()
        else:
            self._note_if_preparing()
            worker.start_running()
        self.show_running(worker.running)

    def show_running(self, running=None):
        """Run or Pause, from the worker's own flag (a snapshot still queued may be older)."""
        if running is None:
            running = self.worker is not None and self.worker.running
        self.window.run_action.setText("Pause" if running else "Run")

    @Slot()
    def reset(self):
        """Back to the initial weights at step 0, a new run. The learning rate stays the one the
        η box shows (a teacher compares runs from the same start at another η; the example's
        own η comes back with the example); the status bar says which. The run it ends is
        kept: Back at step 0 brings it back, changes by hand and all (ended_runs.py)."""
        rate = self.window.rate_box.value()
        self.model.config.learningRate = rate
        ended = self.model.session.reset(lambda: ended_runs.loss_curve(self.window.loss_plot))
        told, back = self._told_rate, ended_runs.reset_sentence(ended)
        if told is not None and told != rate:  # (the same η: the plan alone, as on opening)
            self.model.say(f"Reset with η {rate:g} kept (the config says {told:g}).{back} "
                           f"{self.plan()}.", 0)
        elif back:
            self.model.say(f"Reset.{back}", 10000)

    # -- phases --------------------------------------------------------------------------------

    @Slot()
    def step_phase(self):
        """The next phase of the update: forward or backward through a layer, or the update."""
        self._pause_run()  # phases are shown one at a time, not under a run
        phase = self.model.phase
        if phase is None:
            self.model.set_phase(1)
        elif phase < self._last_phase():
            self.model.set_phase(phase + 1)
        else:  # the update: its weights arrive with the next snapshot
            self.model.set_phase(0, redraw=False)
            self._note_if_preparing()
            self.worker.request_steps(1)

    @Slot()
    def back_phase(self):
        """Back one phase; from the start of an update, to the last phase of the one before."""
        self._pause_run()
        snapshot, phase = self.model.snapshot, self.model.phase
        step = snapshot.step if snapshot else 0
        if phase is None and step > 0 and snapshot.before is not None:
            self.model.set_phase(0)  # the update that led here
        elif phase:
            self.model.set_phase(phase - 1)
        elif step > 0:  # before this update's first phase: the last phase of the one before
            self.model.set_phase(self._last_phase(), redraw=False)
            self.worker.back(1)
        else:
            self.model.set_phase(phase)

    def _pause_run(self):
        """Pause a run (a step already asked for still happens: keys may come quickly)."""
        if self.worker.running:
            self.worker.pause()
        self.show_running()

    # -- the timeline and the speed ----------------------------------------------------------------

    def go_to(self, step):
        """Put the run at `step` of its timeline (scrubbing), exactly."""
        self.model.set_phase(None, redraw=False)
        self.worker.go_to(step)
        self.show_running()

    def go_to_end(self):
        snapshot = self.model.snapshot
        self.go_to(snapshot.end if snapshot else 0)

    @Slot(int)
    def scrub(self, value):
        if self.model.snapshot is not None and value != self.model.snapshot.step:
            self.go_to(value)

    def change_speed(self, direction):
        box = self.speed_box
        # The list runs "full speed", then slowest to fastest.
        order = list(range(1, box.count())) + [0]
        at = order.index(box.currentIndex())
        box.setCurrentIndex(order[max(0, min(len(order) - 1, at + direction))])
        self.model.say(f"Speed: {box.currentText()}. {self.plan()}.", 6000)

    def plan(self):
        """What Return does now: how many updates, at what speed, about how long."""
        worker, snapshot = self.worker, self.model.snapshot
        step = snapshot.step if snapshot is not None else 0
        left = None if worker is None or worker.stop_at is None else worker.stop_at - step
        return run_plan(left, self.speed_box.currentData(), self.speed_box.currentText())

    def start_speed(self):
        """The speed box at the experiment's start speed (its config's startSpeed: the nearest
        speed listed; 0 is full speed)."""
        wanted = float(getattr(self.model.config, "startSpeed", 0) or 0)
        speeds = [self.speed_box.itemData(k) for k in range(self.speed_box.count())]
        if wanted <= 0:
            self.speed_box.setCurrentIndex(speeds.index(0))
            return
        paced = [k for k, rate in enumerate(speeds) if rate > 0]
        self.speed_box.setCurrentIndex(min(paced, key=lambda k: abs(math.log(speeds[k] / wanted))))

    def apply_speed(self):
        if self.worker is not None:
            self.worker.steps_per_second = self.speed_box.currentData()

    @Slot(float)
    def set_learning_rate(self, rate):
        """η from this step on: the worker applies it at once, also while paused, so the status
        line and the math panel show the η the next update uses (issue 11, #20)."""
        self.worker.set_learning_rate(rate)
        self._show_rate(rate)

    # -- what the model says -----------------------------------------------------------------------

    def _on_replaced(self):
        box = self.window.rate_box
        box.blockSignals(True)
        box.setValue(self.model.config.learningRate)
        box.blockSignals(False)
        if self.model.experiment is not self._speed_of:  # a new experiment, not a Reset
            self._speed_of = self.model.experiment
            self._told_rate = self.model.config.learningRate
            self.start_speed()
        self.apply_speed()
        self.show_running()
        self.model.say(f"{self.plan()}; + and − change the speed.", 0)

    def _on_arrived(self, step):
        """The run went to another step of its timeline: η there is the one it had then, and
        the one the next update from there uses; the boxes say so."""
        snapshot = self.model.snapshot
        if snapshot is not None:
            self._show_rate(snapshot.learning_rate)

    def _show_rate(self, rate):
        self.model.config.learningRate = rate
        for box in (self.window.rate_box, self.window.editor.learning_rate):
            if box.value() != rate:
                box.blockSignals(True)
                box.setValue(rate)
                box.blockSignals(False)

    @Slot(object)
    def _on_stepped(self, snapshot):
        self.show_running()

    @Slot(str)
    def _on_run_ended(self, reason):
        worker = self.worker
        self.show_running(False)
        if reason == "diverged":
            text = worker.divergence or "diverged: a number is no longer finite"
            self.model.alert.emit(f"{text[0].upper()}{text[1:]}. Back (Backspace) or the "
                                  f"timeline go to any step before it; Reset starts again.")
        else:
            epochs = self.model.config.epochs
            # Return runs as many epochs again (not on without end: 27 million updates).
            worker.stop_at = worker.trainer.step + epochs * worker.trainer.steps_per_epoch
            self.model.say(f"Finished {epochs:,} epochs. {self.plan()}.", 0)

