"""Render the README's screenshots: `xvfb-run -a -s "-screen 0 1920x1200x24" python assets/screenshots.py`."""

import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from mlpviz.core.examples import config_path  # noqa: E402


def settle(app, seconds=0.3):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def wide_config(folder):
    rng = np.random.default_rng(0)
    rows = np.hstack([rng.uniform(0, 1, (200, 64)), rng.uniform(0, 1, (200, 10))])
    header = ",".join([f"i{i}" for i in range(64)] + [f"z{k}" for k in range(10)])
    np.savetxt(folder / "train.csv", rows, delimiter=",", header=header, comments="", fmt="%.4f")
    (folder / "config.json").write_text(json.dumps({
        "title": "A 64-32-10 network", "description": "Random data, to show a larger network.",
        "inputNodes": 64, "hiddenNodesPerLayer": [32], "outputNodes": 10, "learningRate": 0.1,
        "epochs": 5, "trainingDatasetCSVFile": "train.csv"}))
    return folder / "config.json"


def main():
    app = QApplication(sys.argv[:1])
    from mlpviz.gui.main_window import MainWindow
    from mlpviz.gui.graph.style import Selection

    window = MainWindow(QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.IniFormat))
    window.resize(1600, 1000)
    window.show()
    window.open_config(config_path("worked-example"))
    window.session.worker.request_steps(25)
    settle(app, 1.0)
    window.graph.set_selection(Selection("neuron", 1, 0))
    window.model.select(Selection("neuron", 1, 0))
    settle(app)
    window.grab().save(str(HERE / "window-worked-example.png"))

    # Presentation mode, stepping by phases: the backward pass through the outputs, w5 chosen.
    window.running.reset()
    settle(app)
    for _ in range(3):
        window.running.step_phase()
    window.graph.set_selection(Selection("weight", 2, 0, 0))
    window.model.select(Selection("weight", 2, 0, 0))
    window.presentation.set(True)
    window.resize(1920, 1080)  # what full screen gives on a projector (Xvfb has no window manager)
    settle(app, 1.0)
    window.presentation._arrange()
    settle(app, 0.5)
    window.grab().save(str(HERE / "presentation-phase.png"))
    for _ in range(2):
        window.running.step_phase()  # the update
    window.graph.set_selection(Selection("neuron", 1, 0))
    window.model.select(Selection("neuron", 1, 0))
    settle(app, 1.0)
    window.grab().save(str(HERE / "presentation-update.png"))
    window.presentation.set(False)
    window.resize(1600, 1000)
    settle(app, 0.5)

    with tempfile.TemporaryDirectory() as tmp:
        window.open_config(wide_config(Path(tmp)))
        window.session.worker.request_steps(400)
        settle(app, 1.0)
        window.grab().save(str(HERE / "window-64-32-10.png"))
    window.close()


if __name__ == "__main__":
    main()
