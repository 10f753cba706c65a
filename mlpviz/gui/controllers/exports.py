"""File ▸ Export: the worked example of the update shown, the model for PyTorch, the loss
history as CSV, and any view as a figure (PNG at a chosen scale, or SVG).

What is exported is what the window shows: the handout is the math panel's update (the step and
sample shown, through the weights shown, at the learning rate of the run), the PyTorch file the
weights shown. Every file is chosen in a Save dialog and written atomically.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from mlpviz.core import InputError
from mlpviz.core.export_torch import torch_source
from mlpviz.core.files import write_atomic
from mlpviz.core.handout import Unsupported
from mlpviz.core.handout_run import for_state
from mlpviz.core.handout_neurons import of_selection
from mlpviz.core.handout_write import FORMATS
from mlpviz.core.history_csv import history_csv

from ..export.figures import SCALES, pixel_size, save_png, save_svg
from ..run.shown import update_shown
from .recordings import RecordingsPart

HANDOUT_FILTERS = "HTML page, prints well (*.html);;Markdown with LaTeX (*.md)"


class ExportController(RecordingsPart, QObject):
    def __init__(self, model, window):
        super().__init__(window)
        self.model, self.window = model, window
        self._descent_menus = False
        model.stepped.connect(self._install_descent_menus)

    # -- menus ----------------------------------------------------------------------------------

    def build_menu(self, menu):
        """File ▸ Export; and the right-click menus of the graph, the loss plot and the math
        panel (the gradient-descent views get theirs once they are built)."""
        act = self.window.act
        for action in (act.export_handout, act.export_torch, act.export_history):
            menu.addAction(action)
        menu.addSeparator()
        for action in (act.export_graph, act.export_loss, act.export_descent, act.export_math):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(act.record)
        menu.addAction(act.record_race)
        window = self.window
        window.descent_dock.built_views.connect(self._install_descent_menus)
        self.install_view_menu(window.graph, "network graph")
        self.install_view_menu(window.loss_plot, "loss plot")
        window.details.figure_actions = self.figure_actions(window.details, "math panel")
        return menu

    def figure_actions(self, widget, name):
        """"Export … as PNG (2×)…" and "as SVG…" for one view."""
        png = QAction(f"Export the {name} as PNG (2×)…", widget)
        png.triggered.connect(lambda: self.export_figure(widget, name, "png"))
        svg = QAction(f"Export the {name} as SVG…", widget)
        svg.triggered.connect(lambda: self.export_figure(widget, name, "svg"))
        return [png, svg]

    def install_view_menu(self, widget, name):
        """Add the figure actions to the right-click menus of the view's pyqtgraph scenes."""
        actions = self.figure_actions(widget, name)
        views = [widget] if isinstance(widget, pg.GraphicsView) else \
            widget.findChildren(pg.GraphicsView)
        for view in views:
            view.scene().contextMenu.extend(actions)

    @Slot()
    def _install_descent_menus(self, *_):
        dock = getattr(self.window, "descent_dock", None)
        if self._descent_menus or dock is None or not dock.built():
            return
        self._descent_menus = True
        views = dock.views()
        for k in range(views.count()):
            self.install_view_menu(views.widget(k), f"{views.tabText(k).lower()} view")
        self.install_race_recording(views.race)

    @Slot()
    def export_descent_figure(self):
        views = self.window.descent
        self.export_figure(views.currentWidget(),
                           f"{views.tabText(views.currentIndex()).lower()} view")

    def _ask(self, title, name, filters, selected=""):
        """A path from a Save dialog (None if cancelled), where the last export went."""
        path, chosen = self.window.files.folders.ask_save(self.window, "export", title, name,
                                                          filters, selected)
        return (Path(path), chosen) if path else (None, None)

    def _write(self, path, text):
        try:
            write_atomic(path, text)
        except OSError as e:
            self.window.report_error(f"{path}: could not be written ({e.strerror or e})")
            return False
        self.model.say(f"wrote {path}")
        return True

    # -- the worked example -----------------------------------------------------------------

    def shown_update(self):
        """(weights before it, step, sample row, learning rate) of the update the math panel
        shows: the next one, or the one just made when stepping by phases."""
        model = self.model
        snapshot, shown = model.snapshot, model.shown
        if snapshot is None or shown is None:
            return None
        step = snapshot.step - 1 if update_shown(model.phase, snapshot) else snapshot.step
        return shown.network.params.copy(), step, shown.row, snapshot.learning_rate

    def handout(self):
        """The handout of the update shown (core/handout.py), with the optimizer's state the
        update starts from (the snapshot's copy of it), following the selected neuron (or a
        selected weight's two ends) in layers too wide to show whole."""
        params, step, row, rate = self.shown_update()
        model = self.model
        with np.errstate(all="ignore"):
            return for_state(model.experiment, model.trainer, params, step, row, rate,
                             self._optimizer(), self._chosen())

    def _chosen(self):
        """The neurons the selection touches, followed by the handout in wide layers."""
        s = self.model.selection
        return None if s is None else of_selection(s.kind, s.layer, s.node, s.source)

    def _optimizer(self):
        """The run's optimizer with the state of the update shown, or None if not at hand."""
        model, snapshot = self.model, self.model.snapshot
        before = update_shown(model.phase, snapshot)
        state = getattr(snapshot, "optimizer_before" if before else "optimizer", None)
        own = model.trainer.optimizer
        if state is None or state[0] != own.settings.name:
            return None
        optimizer = copy.deepcopy(own)
        optimizer.restore((np.array(state[1], dtype=float), int(state[2])))
        return optimizer

    @Slot()
    def export_worked_example(self, path=None):
        if self.shown_update() is None:
            return
        _, step, row, _ = self.shown_update()
        if path is None:
            path, chosen = self._ask("Export the worked example",
                                     f"worked-example-step-{step}-sample-{row + 1}.html",
                                     HANDOUT_FILTERS)
            if path is None:
                return
            if not path.suffix:
                path = path.with_suffix(".md" if chosen and "*.md" in chosen else ".html")
        fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "html"
        try:
            text = FORMATS[fmt](self.handout())
        except (Unsupported, InputError) as e:
            self.window.report_error(str(e))
            return
        self._write(path, text)

    # -- the model for PyTorch ----------------------------------------------------------------

    @Slot()
    def export_torch(self, path=None):
        model = self.model
        if path is None:
            path, _ = self._ask("Export for PyTorch", "model.py", "Python file (*.py)")
            if path is None:
                return
        network = model.network(model.current_params())
        self._write(path, torch_source(model.experiment, network))

    # -- the loss history ---------------------------------------------------------------------

    @Slot()
    def export_history(self, path=None):
        plot = self.window.loss_plot
        if path is None:
            path, _ = self._ask("Export the loss history", "history.csv", "CSV (*.csv)")
            if path is None:
                return
        steps, losses, exact = plot.history()
        text = history_csv(steps, losses, self.model.trainer.steps_per_epoch,
                           self._measured())
        if self._write(path, text) and not exact:
            self.model.say(f"wrote {path}: the plot keeps each step's loss for the first "
                           f"{len(losses):,} points; beyond, each block's least and largest", 10000)

    def _measured(self):
        """{column: (steps, values)}: the test loss, and a classifier's accuracies."""
        experiment, columns = self.model.experiment, {}
        if experiment.test is not None:
            columns["test_loss"] = self.window.loss_plot.test_history()
        accuracy = getattr(self.window, "accuracy_plot", None)
        if accuracy is not None and experiment.classes:
            steps = list(accuracy.steps)
            columns["accuracy"] = (steps, np.asarray(accuracy.points["train"][1]) / 100.0)
            if experiment.test is not None:
                columns["test_accuracy"] = (steps, np.asarray(accuracy.points["test"][1]) / 100.0)
        return columns

    # -- figures --------------------------------------------------------------------------------

    def export_figure(self, widget, name, kind=None, path=None, scale=None):
        """`widget` as a PNG (`scale` times its size on screen: 1×, 2× for a 4K projector, 4×
        for print) or an SVG; asks where, and which, when `path` is None."""
        if path is None:
            size = pixel_size(widget, 1)
            pngs = [f"PNG, {s}× ({size.width() * s} × {size.height() * s} px) (*.png)"
                    for s in SCALES]
            svg = "SVG, lines and text as vectors (*.svg)"
            filters = [svg] if kind == "svg" else pngs + [svg]
            first = filters[0] if kind == "svg" else pngs[SCALES.index(scale or 2)]
            path, chosen = self._ask(f"Export {name}", f"{name.replace(' ', '-')}.{kind or 'png'}",
                                     ";;".join(filters), first)
            if path is None:
                return
            if not path.suffix:
                path = path.with_suffix(".svg" if chosen and "svg" in chosen.lower() else ".png")
            picked = re.match(r"PNG, (\d+)×", chosen or "")
            scale = int(picked.group(1)) if picked else scale
        try:
            if path.suffix.lower() == ".svg":
                save_svg(widget, path, title=f"mlpviz: {name}")
            else:
                save_png(widget, path, scale or 2)
        except OSError as e:
            self.window.report_error(f"{path}: could not be written ({e.strerror or e})")
            return
        self.model.say(f"wrote {path}")
