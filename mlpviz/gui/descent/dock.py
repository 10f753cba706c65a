"""The Gradient descent dock. Its views (five pyqtgraph plots, a grid thread) cost more to build
than the rest of the window, so the dock is made at once, empty, and its views after the window
shows: one view per turn of the event loop (`build_soon`), so that the window answers between
them (issue 11: built at once they stalled it 0.5–0.7 s), or all that are left at once when
something asks for them (`views()`). The font zoom and presentation mode it is given apply to
the views whenever they are built."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QScrollArea

SLICE_GAP_MS = 15  # between two slices of the build: paints and input are served meanwhile


class DescentDock(QDockWidget):
    built_views = Signal()  # the views were just built (for menus that want to reach them)

    def __init__(self, window, model, height=340):
        super().__init__("Gradient descent", window)
        self.model = model
        self._views = None
        self._parts = {}  # the views made so far, by name (tabs.PARTS)
        self._imported = False  # tabs.py and the views' modules (a slice of their own)
        self._look = {"presentation": False, "text_pt": None, "zoom": 1.0}
        self.setObjectName("Gradient descent")
        self.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.setWidget(QLabel("…", alignment=Qt.AlignCenter))
        window.addDockWidget(Qt.BottomDockWidgetArea, self)
        loss = window.findChild(QDockWidget, "Loss")
        if loss is not None:
            window.splitDockWidget(loss, self, Qt.Horizontal)
        window.resizeDocks([self], [height], Qt.Vertical)

    def build_soon(self, ms):
        """Start building the views `ms` from now, a slice at a time (on a timer of the dock's
        own: a window closed before then takes the timer with it)."""
        if self._views is None and self.findChild(QTimer, "build views") is None:
            timer = QTimer(self, singleShot=True, interval=ms, objectName="build views")
            timer.timeout.connect(self._build_slice)
            timer.start()

    def _build_slice(self):
        """The next view (the first slice: the modules), then again after SLICE_GAP_MS."""
        if self._views is not None:
            return
        from . import tabs  # the first slice: importing the views' modules

        missing = [name for name in tabs.PARTS if name not in self._parts]
        if not self._imported:
            self._imported = True
        elif missing:
            self._parts[missing[0]] = tabs.PARTS[missing[0]][0]()
        else:
            self.views()
            return
        timer = self.findChild(QTimer, "build views")
        timer.setInterval(SLICE_GAP_MS)
        timer.start()

    def built(self):
        return self._views is not None

    def views(self):
        """The DescentViews (what is not built yet, built now), showing what the model shows."""
        if self._views is None:
            from .point_editing import PointEditor
            from .tabs import DescentViews

            views = DescentViews(self._parts)
            views.follow(self.model)
            self.points = PointEditor(views.output, self.model)  # points by hand
            model = self.model
            if model.worker is not None:  # (not once the window has shut its training down)
                views.reset(model.experiment, model.trainer)
            if model.snapshot is not None:
                views.show_snapshot(model.snapshot)
            self._views = views
            views.set_look(**self._look)
            # In a scroll area: the Surfaces tab alone needs ~880 px, more than a 1024 px wide
            # screen has beside the loss plot; its width must not set the window's minimum.
            area = QScrollArea()
            area.setWidget(views)
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.NoFrame)
            self.setWidget(area)
            self.built_views.emit()
        return self._views

    def set_presentation(self, on, text_pt=None):
        """Presentation mode (`text_pt`: the size of its text), now or when the views are built."""
        self._look.update(presentation=bool(on), text_pt=text_pt if on else None)
        if self._views is not None:
            self._views.set_look(**self._look)

    def set_zoom(self, factor):
        """Font zoom (gui/zoom.py), now or when the views are built."""
        self._look["zoom"] = float(factor)
        if self._views is not None:
            self._views.set_look(**self._look)
