"""Frames per second of the network graph (bench/gui.py and `python -m mlpviz.gui.graph.benchmark`)."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtWidgets import QApplication

from ..pyside_guard import guard_pyside_refcounts
from .network_view import NetworkView


def benchmark_frames(sizes, seconds=1.0, edge_mode="weights", size=(1000, 700)):
    """Frames per second of show_state + a full repaint (widget.grab()) with changing weights."""
    from mlpviz.core.network import Network

    guard_pyside_refcounts()
    app = QApplication.instance() or QApplication([])
    rng = np.random.default_rng(0)
    network = Network(sizes, "sigmoid")
    network.set_params(rng.normal(0, 1 / np.sqrt(max(sizes)), network.params.size))
    X = rng.uniform(0, 1, (1, sizes[0]))
    Z = rng.uniform(0, 1, (1, sizes[-1]))
    view = NetworkView()
    view.resize(*size)
    view.set_structure(sizes)
    view.set_edge_mode(edge_mode)
    view.show()
    app.processEvents()
    states = []
    for _ in range(8):  # a few different states, computed before the clock starts
        network.params += rng.normal(0, 0.05, network.params.size)
        f = network.forward(X)
        b = network.backward(f, Z)
        states.append((network.params.copy(), [o[0] for o in f.out], [None] + [d[0] for d in b.delta[1:]],
                       b.grad.copy(), [None] + [n[0] for n in f.net[1:]]))
    frames, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds or frames < 3:
        params, out, delta, grad, net = states[frames % len(states)]
        view.show_state(params, out, delta, grad, net=net)
        view.grab()
        frames += 1
    fps = frames / (time.perf_counter() - start)
    view.close()
    view.deleteLater()
    return fps


if __name__ == "__main__":
    for shape in [(2, 3, 1), (64, 32, 10), (784, 100, 10)]:
        print("-".join(map(str, shape)), f"{benchmark_frames(shape, 2.0):.1f} frames/s")
