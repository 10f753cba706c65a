"""Autoplay (issue 11): the phases of each update walked through at a chosen pace, one after
another and update after update, as a teacher would press → — with the selection, and so the
math panel, following the computation: each phase selects the neuron it computed, the update
selects the weight between them. Starting from h1 in the worked example: h1 (net, out), o1 (net,
out), o1 (δ), h1 (δ and the gradients), w5 (the update), then the next update.

A (Train ▸ Autoplay phases) starts and stops it; Train ▸ Autoplay pace sets the seconds per
phase (remembered). Any other move (a key, Run, the timeline) stops it: it goes on only from
where it left the run.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from mlpviz.core.phases import phases

from ..graph.style import Selection
from ..run.shown import last_phase

PACES = (0.5, 1.0, 2.0, 3.0, 5.0)  # seconds per phase
DEFAULT_PACE = 2.0
KEY = "A"


class Autoplay(QObject):
    def __init__(self, model, running, window):
        super().__init__(window)
        self.model, self.running, self.window = model, running, window
        self.settings = window.settings
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.index = 0  # the position (within each layer) of the neurons the selection follows
        self._expected = None  # (step, phase) its last move left: anything else, someone moved
        self._awaiting = None  # the step an update was asked from, until it arrives
        self.action = QAction("Autoplay phases", window, checkable=True)
        self.action.setShortcut(QKeySequence(KEY))
        self.action.setShortcutContext(Qt.WindowShortcut)
        self.action.setToolTip("Walk through the phases of each update at the autoplay pace, "
                               "the math panel following (A)")
        self.action.triggered.connect(self.toggle)
        window.addAction(self.action)
        self.paces = QActionGroup(self)
        for seconds in PACES:
            pace = QAction(f"A phase every {seconds:g} s", self.paces, checkable=True)
            pace.setData(seconds)
            pace.setChecked(seconds == self.pace())
            pace.triggered.connect(lambda _=False, s=seconds: self.set_pace(s))

    def install(self, menu):
        """Put its actions in the Train menu."""
        menu.addSeparator()
        menu.addAction(self.action)
        paces = menu.addMenu("Autoplay pace")
        for pace in self.paces.actions():
            paces.addAction(pace)

    @property
    def on(self):
        return self.timer.isActive()

    def pace(self):
        value = self.settings.value("autoplay/seconds", DEFAULT_PACE)
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            return DEFAULT_PACE
        return seconds if seconds in PACES else DEFAULT_PACE

    def set_pace(self, seconds):
        self.settings.setValue("autoplay/seconds", float(seconds))
        for pace in self.paces.actions():
            pace.setChecked(pace.data() == seconds)
        if self.on:
            self.timer.start(int(seconds * 1000))
            self.model.say(self._sentence(), 0)

    def toggle(self):
        self.stop() if self.on else self.start()

    def start(self):
        if self.model.snapshot is None:
            return
        selection = self.model.selection
        self.index = selection.node if selection is not None and selection.kind != "weight" \
            else (selection.source if selection is not None else 0)
        self._expected = self._awaiting = None
        self.action.setChecked(True)
        self.timer.start(int(self.pace() * 1000))
        self.model.say(self._sentence(), 0)
        self.tick()

    def stop(self, why=""):
        was_on = self.on
        self.timer.stop()
        self.action.setChecked(False)
        self._expected = self._awaiting = None
        if was_on:
            self.model.say(f"Autoplay stopped{why}.", 5000)

    def _sentence(self):
        return f"Autoplay: a phase every {self.pace():g} s; A stops it."

    def tick(self):
        model, snapshot = self.model, self.model.snapshot
        if snapshot is None or model.worker is None:
            return self.stop()
        if self._awaiting is not None:
            if snapshot.step == self._awaiting:
                return  # the update is on its way (or the training loop is being prepared)
            self._awaiting, self._expected = None, (snapshot.step, model.phase)
        if model.worker.running or (self._expected is not None
                                    and (snapshot.step, model.phase) != self._expected):
            return self.stop(": the run was moved by hand")
        before = model.phase
        self.running.step_phase()
        sizes = model.config.sizes
        if before == last_phase(sizes):  # the update: its weights come with the next snapshot
            self._awaiting = snapshot.step
            done = phases(len(sizes) - 1)[-1]
        else:
            self._expected = (snapshot.step, model.phase)
            done = phases(len(sizes) - 1)[model.phase - 1]
        self._follow(done, sizes)

    def _follow(self, done, sizes):
        """Select what the phase computed: its neuron, or for the update the weight from the
        followed hidden neuron to the followed output."""
        L, j = len(sizes) - 1, self.index
        if done.kind == "update":
            selection = Selection("weight", L, min(j, sizes[L] - 1), min(j, sizes[L - 1] - 1))
        else:
            selection = Selection("neuron", done.layer, min(j, sizes[done.layer] - 1))
        self.window.graph.set_selection(selection)
        self.model.select(selection)
