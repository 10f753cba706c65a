"""File ▸ Export ▸ Record…: a run or a phase walk of a view, or the optimizer race, to an animated
GIF or an MP4 (gui/export/recording.py drives the window; core/animation.py writes the file).

A part of ExportController (controllers/exports.py): it uses its `_ask` Save dialog, `model`
and `window`.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog

from mlpviz.core.animation import GifRecorder, Mp4Recorder

from ..export.race_record_dialog import RaceRecordDialog
from ..export.record_dialog import RecordDialog
from ..export.recording import Plan, Recording, run_with_dialog


class RecordingsPart:
    def recordable(self):
        """The views a recording can show, by name."""
        w = self.window
        descent = w.descent
        return {"network graph": w.graph, "output view": descent.output,
                "slice view": descent.slice, "trajectory plane view": descent.plane,
                "loss plot": w.loss_plot, "math panel": w.details, "whole window": w}

    @Slot()
    def record_animation(self, settings=None, path=None):
        """Record a run or a phase walk of a view to a GIF (or an MP4 where ffmpeg is)."""
        model = self.model
        if model.snapshot is None:
            return
        views = self.recordable()
        if settings is None:
            dialog = RecordDialog(list(views), 2 * (len(model.config.sizes) - 1) + 1, self.window)
            if dialog.exec() != QDialog.Accepted:
                return
            settings = dialog.settings()
        widget = views[settings["view"]]
        descent = self.window.descent
        if widget in (descent.output, descent.slice, descent.plane):
            self._bring_forward(widget)  # a gradient-descent view draws when it shows
        self._record(widget, settings, path)

    def _bring_forward(self, view):
        """Show a gradient-descent view: its tab, and its dock in front of the one it shares a
        place with (the Loss dock), laid out at its size on screen before the first picture."""
        self.window.descent.setCurrentWidget(view)
        dock = self.window.descent_dock
        dock.show()
        dock.raise_()
        QApplication.processEvents()

    def install_race_recording(self, race):
        """The race view's Record… button and its right-click "Record the race…"."""
        race.record_requested.connect(lambda: self.record_race())
        action = QAction("Record the race (GIF, MP4)…", race)
        action.triggered.connect(lambda: self.record_race())
        race.plot.scene().contextMenu.append(action)

    @Slot()
    def record_race(self, settings=None, path=None):
        """Record the optimizer race on the textbook surfaces, a picture every few steps."""
        race = self.window.descent.race
        if settings is None:
            dialog = RaceRecordDialog(self.window)
            if dialog.exec() != QDialog.Accepted:
                return
            settings = dialog.settings()
        self._bring_forward(race)
        self._record(race, settings, path)

    def _record(self, widget, settings, path):
        kind = settings["format"]
        if path is None:
            name = settings["view"].replace(" ", "-")
            path, _ = self._ask("Record an animation", f"{name}.{kind}",
                                "Animated GIF (*.gif)" if kind == "gif" else "MP4 video (*.mp4)")
            if path is None:
                return
        try:
            writer = (GifRecorder if kind == "gif" else Mp4Recorder)(path, settings["fps"])
            plan = Plan(widget, settings["mode"], settings["frames"], settings["steps"],
                        settings["hold"], settings.get("from_start", True),
                        settings.get("caption", True))
            recording = Recording(self.model, self.window.running, plan, writer)
            done = run_with_dialog(self.window, recording, f"Recording the {settings['view']}")
        except (TimeoutError, OSError, ValueError) as e:
            self.window.report_error(f"{path}: the recording was not written ({e})")
            return
        if done:
            self.model.say(f"wrote {path}: {recording.captured} pictures", 10000)
        else:
            self.model.say("recording cancelled; nothing was written")
