"""The Gradient descent dock. Its views (four pyqtgraph plots, a grid thread) cost more to build
than the rest of the window, so the dock is made at once, empty, and its views when first
needed: right after the window shows, or when something asks for them (`views()`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QScrollArea


class DescentDock(QDockWidget):
    built_views = Signal()  # the views were just built (for menus that want to reach them)

    def __init__(self, window, model, height=340):
        super().__init__("Gradient descent", window)
        self.model = model
        self._views = None
        self.setObjectName("Gradient descent")
        self.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.setWidget(QLabel("…", alignment=Qt.AlignCenter))
        window.addDockWidget(Qt.BottomDockWidgetArea, self)
        loss = window.findChild(QDockWidget, "Loss")
        if loss is not None:
            window.splitDockWidget(loss, self, Qt.Horizontal)
        window.resizeDocks([self], [height], Qt.Vertical)

    def build_soon(self, ms):
        """Build the views `ms` from now (on a timer of the dock's own: a window closed before
        then takes the timer with it, and nothing is built for a dock that is gone)."""
        if self._views is None and self.findChild(QTimer, "build views") is None:
            timer = QTimer(self, singleShot=True, interval=ms, objectName="build views")
            timer.timeout.connect(self.views)
            timer.start()

    def built(self):
        return self._views is not None

    def views(self):
        """The DescentViews (built now if they were not), showing what the model shows."""
        if self._views is None:
            from .tabs import DescentViews

            views = DescentViews()
            views.follow(self.model)
            from .point_editing import PointEditor

            self.points = PointEditor(views.output, self.model)  # points by hand
            model = self.model
            if model.worker is not None:  # (not once the window has shut its training down)
                views.reset(model.experiment, model.trainer)
            if model.snapshot is not None:
                views.show_snapshot(model.snapshot)
            self._views = views
            # In a scroll area: the Surfaces tab alone needs ~880 px, more than a 1024 px wide
            # screen has beside the loss plot; its width must not set the window's minimum.
            area = QScrollArea()
            area.setWidget(views)
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.NoFrame)
            self.setWidget(area)
            self.built_views.emit()
        return self._views
