"""The README's screenshots of the Data tab and of the neuron maps (offscreen):
    QT_QPA_PLATFORM=offscreen python assets/playground_screenshots.py"""

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def settle(app, seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.02)


def main():
    app = QApplication(sys.argv)
    from mlpviz.gui.main_window import MainWindow

    settings = QSettings(str(HERE / ".screenshots.ini"), QSettings.IniFormat)
    w = MainWindow(settings)
    w.resize(1280, 860)
    w.show()
    tab = w.data_tab
    tab.kind_box.setCurrentIndex(tab.kind_box.findData("spiral"))
    tab.noise_box.setValue(20)
    w.side_tabs.setCurrentIndex(w.data_tab_index)
    tab.open_experiment()
    settle(app, 1.0)
    from mlpviz.gui.panels.data_tab import DataTab

    alone = DataTab()  # as wide as a side panel on a larger screen
    alone.noise_box.setValue(20)
    alone.resize(400, 640)
    alone.show()
    settle(app, 0.5)
    alone.grab().save(str(HERE / "data-tab.png"))
    w.running.step_epoch()
    for _ in range(299):
        w.model.worker.request_steps(w.model.trainer.steps_per_epoch)
    settle(app, 8.0)
    w.graph.grab().save(str(HERE / "neuron-maps.png"))
    w.model.shutdown()
    settings_file = HERE / ".screenshots.ini"
    if settings_file.exists():
        settings_file.unlink()


if __name__ == "__main__":
    main()
