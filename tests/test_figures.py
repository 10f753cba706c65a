"""Figures: every view to PNG at a chosen scale and to SVG (gui/export/figures.py)."""

import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from mlpviz.gui.export.figures import render_image, save_png, save_svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def plot(qtbot):
    widget = pg.PlotWidget(background="w")
    widget.plot(np.arange(50), np.sin(np.arange(50) / 5), pen=pg.mkPen("b", width=2))
    widget.setLabel("bottom", "step")
    widget.resize(400, 300)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def panel(qtbot):
    outer = QWidget()
    label = QLabel("net<sub>h1</sub> = 0.3775", outer)
    QVBoxLayout(outer).addWidget(label)
    outer.resize(300, 120)
    qtbot.addWidget(outer)
    outer.show()
    return outer


def test_a_plot_exports_to_png_at_twice_its_size(plot, tmp_path):
    size = save_png(plot, tmp_path / "loss.png", scale=2)
    assert (size.width(), size.height()) == (800, 600)
    image = render_image(plot, 1)
    assert image.width() == 400
    saved = pg.QtGui.QImage(str(tmp_path / "loss.png"))
    assert saved.width() == 800 and not saved.isNull()
    # the curve was drawn: some blue pixels, not just the white page
    pixels = pg.functions.ndarray_from_qimage(saved.convertToFormat(saved.Format.Format_RGB32))
    blue = (pixels[..., 0] > 150) & (pixels[..., 2] < 100)  # BGRA byte order
    assert blue.sum() > 100


def test_a_plot_exports_to_svg_that_parses(plot, tmp_path):
    save_svg(plot, tmp_path / "loss.svg")
    root = ET.parse(tmp_path / "loss.svg").getroot()
    assert root.tag == f"{SVG}svg"
    assert len(list(root.iter(f"{SVG}path")) + list(root.iter(f"{SVG}polyline"))) > 0
    assert any("step" in "".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_any_widget_exports_through_qt(panel, tmp_path):
    size = save_png(panel, tmp_path / "math.png", scale=3)
    assert (size.width(), size.height()) == (900, 360)
    save_svg(panel, tmp_path / "math.svg", title="math panel")
    root = ET.parse(tmp_path / "math.svg").getroot()
    assert root.find(f"{SVG}title").text == "math panel"
    texts = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "0.3775" in texts and "h1" in texts


def test_a_failed_write_leaves_nothing(panel, tmp_path):
    with pytest.raises(OSError):
        save_png(panel, tmp_path / "missing" / "x.png")
    assert list(tmp_path.iterdir()) == []
