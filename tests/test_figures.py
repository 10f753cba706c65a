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


def rgb(image):
    """A QImage as a height × width × 3 array."""
    image = image.convertToFormat(image.Format.Format_RGB888)
    h, w, line = image.height(), image.width(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, count=h * line).reshape(h, line)
    return data[:, : w * 3].reshape(h, w, 3).copy()


def run_length(pixels, colour, column):
    """How many pixels of `colour` (nearly: anti-aliased edges count when mostly it) the
    column crosses: the thickness of a horizontal line of that colour."""
    hit = np.abs(pixels[:, column].astype(int) - colour).max(axis=1) < 90
    return int(hit.sum())


RED, BLUE = np.array([255, 0, 0]), np.array([0, 0, 255])


@pytest.fixture
def flat_line(qtbot):
    """A plot with a horizontal red line 2 px wide, 12-px blue markers at its ends, and the
    left axis drawn in black."""
    widget = pg.PlotWidget(background="w")
    widget.plot([0, 1], [0.5, 0.5], pen=pg.mkPen("r", width=2), symbol="o", symbolSize=12,
                symbolBrush="b", symbolPen=None)
    widget.getAxis("left").setPen(pg.mkPen("k", width=1))
    widget.setXRange(-0.1, 1.1, padding=0)
    widget.setYRange(0, 1, padding=0)
    widget.resize(300, 200)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize("scale", [2, 4])
def test_a_plot_at_4x_has_lines_and_markers_4_times_as_thick(flat_line, scale):
    """The screen at `scale` times the resolution: a 2-px line is 2·scale px thick, a 12-px
    marker 12·scale px across (Qt leaves pyqtgraph's cosmetic pens 1 px per unit otherwise)."""
    one, big = rgb(render_image(flat_line, 1)), rgb(render_image(flat_line, scale))
    assert big.shape[1] == scale * one.shape[1]
    middle = one.shape[1] // 2
    assert run_length(one, RED, middle) == 2
    assert abs(run_length(big, RED, middle * scale) - 2 * scale) <= 1
    row = int(np.flatnonzero(np.abs(one[:, middle].astype(int) - RED).max(axis=1) < 90)[0])
    blue = np.flatnonzero(np.abs(one[row].astype(int) - BLUE).max(axis=1) < 90)
    centre = int(blue[blue < middle].mean())  # the left marker's middle column
    assert 10 <= run_length(one, BLUE, centre) <= 13
    assert abs(run_length(big, BLUE, centre * scale + scale // 2) - 12 * scale) <= scale + 1
    # the same drawing, not enlarged pixels: the 1× image is the big one scaled down
    small = big.reshape(one.shape[0], scale, one.shape[1], scale, 3).mean(axis=(1, 3))
    assert np.abs(small - one).mean() < 6


def test_scaling_leaves_the_view_as_it_was(flat_line):
    from PySide6.QtGui import QPainter
    from mlpviz.gui.export.scaled import _set_pen
    before = rgb(render_image(flat_line, 1))
    render_image(flat_line, 4)
    assert QPainter.setPen is _set_pen
    assert np.array_equal(rgb(render_image(flat_line, 1)), before)


def test_a_widget_with_a_scene_scales_its_cosmetic_pens_and_markers(qtbot):
    """Not a plot (the network graph's case): QWidget.render with a scaled painter, a Qt path
    item with a cosmetic pen and pixel-sized pyqtgraph markers."""
    from PySide6.QtGui import QPainterPath, QPen, QColor
    from PySide6.QtWidgets import QGraphicsPathItem
    outer = QWidget()
    view = pg.GraphicsLayoutWidget()
    view.setBackground("w")
    QVBoxLayout(outer).addWidget(view)
    box = view.addViewBox()
    box.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
    path = QPainterPath()
    path.moveTo(0, 5)
    path.lineTo(10, 5)
    edge = QGraphicsPathItem(path)
    pen = QPen(QColor("red"), 3)
    pen.setCosmetic(True)
    edge.setPen(pen)
    box.addItem(edge)
    box.addItem(pg.ScatterPlotItem([8], [8], pxMode=True, size=10, brush="b", pen=None))
    outer.resize(300, 200)
    qtbot.addWidget(outer)
    outer.show()
    one, big = rgb(render_image(outer, 1)), rgb(render_image(outer, 4))
    column = one.shape[1] // 3
    assert run_length(one, RED, column) == 3
    assert abs(run_length(big, RED, column * 4) - 12) <= 1
    assert edge.pen().widthF() == 3  # given back
    blue_one = (np.abs(one.astype(int) - BLUE).max(axis=2) < 90).sum()
    blue_big = (np.abs(big.astype(int) - BLUE).max(axis=2) < 90).sum()
    assert 12 <= blue_big / blue_one <= 20  # a disc 4 times as wide: 16 times the area
