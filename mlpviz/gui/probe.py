"""What a rehearsal on a real screen needs to know from inside the window, written to a file.

`tools/rehearse.py` drives the real app with real key presses and clicks (xdotool). To click a
neuron or a weight it must know where they are on the screen, and to check a key did what it
should it reads the step, the Run/Pause label and the status message. When the environment
variable MLPVIZ_PROBE names a file, the window writes these there as JSON a few times a second
(atomically: a temporary file, then a rename). Nothing is written otherwise.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication

from mlpviz.core.explain import Names

ENV = "MLPVIZ_PROBE"
INTERVAL_MS = 250
MAX_NAMED_WEIGHTS = 60  # beyond this the rehearsal clicks nothing by name
SAMPLES_ALONG_EDGE = 120


def install(window):
    """Start writing the probe file for `window` if MLPVIZ_PROBE asks for it."""
    path = os.environ.get(ENV)
    return Probe(window, Path(path)) if path else None


class Probe(QObject):
    def __init__(self, window, path):
        super().__init__(window)
        self.window, self.path = window, path
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.write)
        self.timer.start()

    def write(self):
        try:
            state = self.state()
        except Exception as e:  # noqa: BLE001 - a probe never takes the window down
            state = {"error": repr(e)}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        os.replace(tmp, self.path)

    def state(self):
        w = self.window
        frame = w.frameGeometry()
        modal = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        snapshot = w.model.snapshot
        worker = w.model.worker
        state = {
            "pid": os.getpid(),
            "window": [frame.x(), frame.y(), frame.width(), frame.height()],
            "minimum": [w.minimumSizeHint().width(), w.minimumSizeHint().height()],
            "modal": modal.windowTitle() if modal is not None else None,
            "modal_kind": type(modal).__name__ if modal is not None else None,
            "top_levels": [[type(t).__name__, t.windowTitle()] for t in
                           QApplication.topLevelWidgets() if t.isVisible() and t.isWindow()
                           and not t.windowType() & Qt.Popup == Qt.Popup],
            "focus": type(focus).__name__ if focus is not None else None,
            "step": snapshot.step if snapshot is not None else None,
            "running": bool(worker.running) if worker is not None else None,
            "run_text": w.run_action.text(),
            "status_message": w.statusBar().currentMessage(),
            "presentation": bool(w.presentation.on),
            "full_screen": w.isFullScreen(),
            "preparing": bool(w.running.preparing and w.running.preparing.shown),
            "selected": self.selected(),
            "phase": w.model.phase,
            "autoplay": bool(w.autoplay.on),
        }
        speed = getattr(w, "speed_box", None)
        if speed is not None:
            state["speed"] = speed.currentText()
        state["widgets"] = self.widgets()
        state["numbers"] = self.numbers()
        state["readable"] = self.readable()
        state.update(self.positions())
        return state

    def selected(self):
        """The selection by the tutorial's names (h1, w5, b_h1), or None."""
        selection, graph = self.window.model.selection, self.window.graph
        if selection is None or getattr(graph, "sizes", None) is None:
            return None
        names = Names.of(graph.sizes, graph.input_labels, graph.output_labels)
        l, j = selection.layer, selection.node
        if selection.kind == "neuron":
            return names.neurons[l][j]
        if selection.kind == "weight":
            return names.weight(l, j, selection.source)
        return names.bias(l, j)

    def numbers(self):
        """How many of the graph's numbers are shown: [shown, there] on edges and in neurons."""
        graph = self.window.graph
        counts = {}
        for name, items in (("edges", getattr(graph, "_edge_texts", {})),
                            ("neurons", getattr(graph, "_neuron_texts", {}))):
            items = list(items.values())
            counts[name] = [sum(t.isVisible() for t in items), len(items)]
        return counts

    def readable(self):
        """What the back row reads (issue 11): the loss plot's curves' height in px (None when
        not shown), the smallest number in a neuron and the largest on an edge (pt), and
        whether the status bar shows its whole message."""
        w = self.window
        plot = w.loss_plot
        curves = (plot.plot_widget.getPlotItem().getViewBox().sceneBoundingRect().height()
                  if plot.isVisible() and not plot.visibleRegion().isEmpty() else None)
        graph = w.graph
        sizes = {name: [t.textItem.font().pointSizeF() for t in items.values() if t.isVisible()]
                 for name, items in (("neurons", getattr(graph, "_neuron_texts", {})),
                                     ("edges", getattr(graph, "_edge_texts", {})))}
        line = getattr(w.status, "message", None)
        whole = line is None or line.text() == w.statusBar().currentMessage()
        return {"loss_curves_px": curves,
                "neuron_pt": min(sizes["neurons"], default=None),
                "edge_pt": max(sizes["edges"], default=None),
                "message_whole": whole}

    def widgets(self):
        """Screen centres of the controls a rehearsal clicks, when they are visible."""
        found = {}
        for name in ("rate_box", "speed_box"):
            widget = getattr(self.window, name, None)
            if widget is not None and widget.isVisible():
                centre = widget.mapToGlobal(widget.rect().center())
                found[name] = [centre.x(), centre.y()]
        return found

    def positions(self):
        """Screen positions of each neuron and (small networks) each weight, by the tutorial's
        names, where a click selects them."""
        graph = self.window.graph
        sizes = getattr(graph, "sizes", None)
        if sizes is None:
            return {}
        names = Names.of(sizes, graph.input_labels, graph.output_labels)
        view = graph.graph
        to_screen = lambda p: view.mapToGlobal(view.mapFromScene(p))  # noqa: E731
        neurons, scene = {}, {}
        for l, size in enumerate(sizes):
            for j in range(size):
                p = graph.scene_position(l, j)
                scene[l, j] = p
                g = to_screen(p)
                neurons[names.neurons[l][j]] = [g.x(), g.y()]
        weights = {}
        if sum(a * b for a, b in zip(sizes, sizes[1:])) <= MAX_NAMED_WEIGHTS:
            for l in range(1, len(sizes)):
                for j in range(sizes[l]):
                    for i in range(sizes[l - 1]):
                        p = self._edge_point(graph, scene[l - 1, i], scene[l, j], (l, j, i))
                        if p is not None:
                            g = to_screen(p)
                            weights[names.weight(l, j, i)] = [g.x(), g.y()]
        return {"neurons": neurons, "weights": weights}

    @staticmethod
    def _edge_point(graph, a, b, key):
        """The middle of the longest stretch of the edge a→b where a click selects it."""
        hits, best, run = [], (0, None), []
        for k in range(1, SAMPLES_ALONG_EDGE):
            t = k / SAMPLES_ALONG_EDGE
            p = QPointF(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y()))
            s = graph.hit(p)
            if s is not None and s.kind == "weight" and (s.layer, s.node, s.source) == key:
                run.append(p)
                if len(run) > best[0]:
                    best = (len(run), run[len(run) // 2])
            else:
                run = []
        return best[1]
