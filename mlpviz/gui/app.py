"""Start the window: the application object, the main window, the first experiment."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtWidgets import QApplication  # noqa: E402  (PySide6 before pyqtgraph)


def run(config_path):
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mlpviz")
    app.setOrganizationName("mlpviz")
    from .main_window import MainWindow

    window = MainWindow()
    # However the event loop ends, stop the training thread first: destroying a running
    # QThread aborts the process.
    app.aboutToQuit.connect(window.model.shutdown)
    if not window.open_config(config_path):
        from mlpviz.core import examples

        window.open_config(examples.config_path(examples.DEFAULT))
    window.show()
    from .probe import install

    window.probe = install(window)  # only when a rehearsal asks (MLPVIZ_PROBE)
    from PySide6.QtCore import QTimer

    from .run import warm_up

    # Once the window is on screen (and its descent views are built): the compiled training
    # loop, in the background, so that the first Space does not wait for numba.
    QTimer.singleShot(300, warm_up.prepare)
    try:
        return app.exec()
    finally:
        window.model.shutdown()
