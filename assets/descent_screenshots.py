"""Render the README's gradient-descent screenshots: `QT_QPA_PLATFORM=offscreen python assets/descent_screenshots.py`.

The xor example trained 4,000 updates in 40 pieces (so the trajectory has points along the way),
the slice over two weights of the hidden layer, the trajectory plane, the output over the
input plane, and the cheat sheet's x² + y² warm-up after 5 steps.
Arguments: the flat indices of the slice's two parameters (the README's: 8 10, b_h1 and b_h3).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mlpviz.core.examples import config_path  # noqa: E402

SIZE = (1100, 600)


def settle(app, seconds=0.3):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def main():
    app = QApplication(sys.argv[:1])
    from mlpviz.gui.main_window import MainWindow

    window = MainWindow(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.IniFormat))
    window.resize(1600, 1000)
    window.show()
    window.open_config(config_path("xor"))
    for _ in range(40):
        window.session.worker.request_steps(100)
        settle(app, 0.05)
        window.model.refresh()
    settle(app, 0.5)
    window.model.refresh()
    views = window.descent
    views.slice.set_pair(*[int(a) for a in sys.argv[1:3]] if len(sys.argv) > 2 else (8, 10))
    dock = views.parentWidget()
    dock.setFloating(True)
    dock.resize(*SIZE)
    for view, name in ((views.slice, "slice"), (views.plane, "plane"),
                       (views.output, "output")):
        views.setCurrentWidget(view)
        settle(app, 3.0)
        views.grab().save(str(HERE / f"descent-{name}.png"))
    views.setCurrentWidget(views.surfaces)
    for _ in range(5):
        views.surfaces.step()
    settle(app, 0.5)
    views.grab().save(str(HERE / "descent-surfaces.png"))
    window.close()


if __name__ == "__main__":
    main()
