"""Recording a view to an animated GIF or an MP4: a run, frame by frame, a phase walk, or an
optimizer race on the textbook surfaces.

The recorder drives the window itself, so a frame is exactly what the window shows: for a run
it asks the worker for the next `steps` updates, waits for that snapshot, lets the view draw it
(a gradient-descent view computes its grid for exactly that step) and paints the view into an
image; for a phase walk it steps one phase at a time (→) and holds each for a while; for a race
it pauses the race view's own Run, starts the race again if asked, and calls its Step `steps`
times between pictures (the window's training is not touched). The frames go to
core/animation.py's recorders. A progress dialog counts the frames and can cancel: nothing is
then written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QEventLoop, QSize, QThread, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QProgressDialog

from mlpviz.core.errors import Cancelled

from .captions import race_caption, run_caption, with_caption
from .figures import figure_of, render_image
from .plot_at_size import render_plot_at

WAIT_SECONDS = 30.0  # the longest a frame may take to be ready (a large grid, a slow machine)
# A race is recorded at this size whatever the size of its dock: at 1280×800 the dock left the
# plot ~400×200 px, a picture too small to read on a projector.
RACE_SIZE = QSize(800, 600)


@dataclass
class Plan:
    """What to record: `frames` pictures of `widget`; "run": `steps` updates between them;
    "phases": one phase between them, each held for `hold` frames of the file; "race": `steps`
    steps of a descent view's race (its step()) between them, from its start if `from_start`."""

    widget: object
    mode: str  # "run", "phases" or "race"
    frames: int
    steps: int = 1
    hold: int = 1
    from_start: bool = True
    caption: bool = True  # the step (and phase, or the race's surface) above each picture


def wait_until(condition, timeout=WAIT_SECONDS, tick=None):
    """Process events until condition() holds; False if it did not within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        QApplication.processEvents(QEventLoop.AllEvents, 20)
        if tick is not None:
            tick()
        QThread.msleep(2)
    return True


def rgb_array(image, size=None):
    """A QImage as a height × width × 3 uint8 array (scaled to `size` if it differs)."""
    if size is not None and image.size() != size:
        image = image.scaled(size, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    height, width, line = image.height(), image.width(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=height * line)
    return data.reshape(height, line)[:, : width * 3].reshape(height, width, 3).copy()


class Recording:
    """Runs a Plan on the window (model, running controller) into `writer` (a GifRecorder or
    Mp4Recorder); `progress(done, total, text)` returning False cancels."""

    def __init__(self, model, running, plan, writer):
        self.model, self.running, self.plan, self.writer = model, running, plan, writer
        self.size = None
        self.captured = 0

    def run(self, progress=None):
        """Record every frame, then write the file. Returns False if cancelled (nothing is
        written then); raises TimeoutError if the window did not show a frame in time."""
        plan, view = self.plan, figure_of(self.plan.widget)
        job = getattr(plan.widget, "job", None)
        saved = (job.min_interval, job.seconds) if job is not None else None
        try:
            self._prepare()
            for k in range(plan.frames):
                if k:
                    self._advance()
                self._settle()
                image = rgb_array(self._picture(view), self.size)
                self.size = self.size or QSize(image.shape[1], image.shape[0])
                for _ in range(plan.hold):
                    self.writer.add(image)
                self.captured += 1
                if progress is not None and progress(k + 1, plan.frames, "frame") is False:
                    raise Cancelled()
            self.writer.finish(None if progress is None else
                               lambda f: progress(int(f * 100), 100, "writing"))
            return True
        except Cancelled:
            self.writer.cancel()
            return False
        finally:
            if saved is not None:
                job.min_interval, job.seconds = saved

    def _picture(self, view):
        """The view as it is now, a race at RACE_SIZE, with its caption."""
        plan = self.plan
        if plan.mode == "race" and hasattr(view, "getPlotItem"):
            image = render_plot_at(view, RACE_SIZE)
        else:
            image = render_image(view)
        if not plan.caption:
            return image
        text = (race_caption(plan.widget) if plan.mode == "race"
                else run_caption(self.model, phases=plan.mode == "phases"))
        return with_caption(image, text)

    def _prepare(self):
        """Pause a run; a run's recording shows whole updates, a phase walk starts at phase 0;
        a race is paused (its own Run) and, if asked, started again."""
        if self.plan.mode == "race":
            race = self.plan.widget
            if race.running:
                race.toggle_run()  # pause its own Run: the recording steps it
            if self.plan.from_start:
                race.restart()
            return
        worker = self.model.worker
        if worker.running:
            worker.pause()
            wait_until(lambda: not worker.running, 5.0)
        if self.plan.mode == "run" and self.model.phase is not None:
            self.model.set_phase(None)
        if self.plan.mode == "phases" and self.model.phase is None:
            self.model.set_phase(0)  # from the start of the update (or the one just made)

    def _advance(self):
        if self.plan.mode == "race":
            for _ in range(self.plan.steps):
                self.plan.widget.step()
            return
        model = self.model
        before = model.snapshot.step
        if self.plan.mode == "run":
            target = before + self.plan.steps
            model.worker.request_steps(self.plan.steps)
            self._wait(lambda: model.snapshot.step == target, "the next updates")
            return
        phase = model.phase
        self.running.step_phase()
        if phase is not None and phase == 2 * (len(model.config.sizes) - 1):  # the update
            self._wait(lambda: model.snapshot.step == before + 1, "the update")

    def _settle(self):
        """Let the view draw what the model shows now (a grid view: for exactly this step)."""
        widget = self.plan.widget
        job = getattr(widget, "job", None)
        if self.plan.mode != "race" and job is not None and hasattr(widget, "shown_key") \
                and hasattr(widget, "tick"):
            step = self.model.snapshot.step
            job.min_interval, job.seconds = 0.0, 0.0  # no pause between grids while recording
            self._wait(lambda: widget.shown_key is not None and widget.shown_key[0] == step,
                       "the view's grid", tick=widget.tick)
        for _ in range(3):
            QApplication.processEvents()

    @staticmethod
    def _wait(condition, what, tick=None):
        if not wait_until(condition, tick=tick):
            raise TimeoutError(f"the window did not show {what} within {WAIT_SECONDS:.0f} s")


def run_with_dialog(parent, recording, title):
    """Run a recording under a modal progress dialog with a Cancel button; False if cancelled."""
    dialog = QProgressDialog(title, "Cancel", 0, recording.plan.frames, parent)
    dialog.setWindowTitle("Recording")
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(0)

    def progress(done, total, what):
        if what == "writing":
            dialog.setLabelText("Writing the file…")
        else:
            dialog.setLabelText(f"{title}: frame {done} of {total}")
        dialog.setMaximum(total)
        dialog.setValue(done)
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        return recording.run(progress)
    finally:
        dialog.close()
