"""Figures out of the window: any view as a PNG at a chosen scale, or as an SVG.

A pyqtgraph plot goes through pyqtgraph's own exporters (ImageExporter, SVGExporter), which
redraw the plot at the size asked for. Any other widget (the network graph with its legends,
the math panel) is painted by Qt itself: into a QImage through a scaled QPainter for a PNG (so
text and lines are drawn at the new size, not enlarged pixels), and into a QSvgGenerator for an
SVG. Either way a PNG is rendered in scaled.py's context, which widens the cosmetic pens Qt
would otherwise leave 1 px wide: a 4× PNG is the screen at 4× the resolution. A view may name the part of itself that is the figure with a `figure_widget()` method (the
loss plot's plot, without its check boxes).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (pg.exporters)
from PySide6.QtCore import QPoint, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from .scaled import scaled_rendering

SCALES = (1, 2, 3, 4)  # 2: a 4K projector from a 1080p window; 4: print


def figure_of(widget):
    """The widget that is the figure: the view's own choice (`figure_widget()`); else the one
    plot a view shows beside its controls (the loss plot without its check boxes); else the
    view itself (the network graph with its legends, several plots side by side)."""
    choose = getattr(widget, "figure_widget", None)
    if callable(choose):
        return choose()
    if isinstance(widget, pg.PlotWidget):
        return widget
    plots = [p for p in widget.findChildren(pg.PlotWidget) if p.isVisible()]
    return plots[0] if len(plots) == 1 else widget


def _plot_item(widget):
    """The PlotItem of a single-plot pyqtgraph widget, or None."""
    if isinstance(widget, pg.PlotWidget):
        return widget.getPlotItem()
    return None


def _atomic(path, write):
    """write(temporary path) then rename onto `path`: no half-written figure is ever left."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    try:
        if write(tmp) is False:
            raise OSError(f"{path}: the figure could not be written")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def render_image(widget, scale=1):
    """The widget drawn into a QImage `scale` times its size on screen (white behind it)."""
    widget = figure_of(widget)
    size = widget.size() * scale
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    plot = _plot_item(widget)
    with scaled_rendering(widget, scale):  # lines, markers and text all `scale` times
        if plot is not None:
            exporter = pg.exporters.ImageExporter(plot)
            exporter.parameters()["width"] = size.width()
            return exporter.export(toBytes=True)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        QWidget.render(widget, painter, QPoint(0, 0))  # a QGraphicsView: its scene only
        painter.end()
    return image


def save_png(widget, path, scale=1):
    image = render_image(widget, scale)
    _atomic(path, lambda tmp: image.save(tmp, "PNG"))
    return image.size()


def save_svg(widget, path, title="mlpviz figure"):
    """The widget as an SVG: lines and text as vectors."""
    widget = figure_of(widget)
    plot = _plot_item(widget)
    if plot is not None:
        _atomic(path, lambda tmp: pg.exporters.SVGExporter(plot).export(tmp))
        return

    def write(tmp):
        generator = QSvgGenerator()
        generator.setFileName(tmp)
        generator.setSize(widget.size())
        generator.setViewBox(QRectF(0, 0, widget.width(), widget.height()))
        generator.setTitle(title)
        generator.setDescription("exported by mlpviz")
        painter = QPainter(generator)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        QWidget.render(widget, painter, QPoint(0, 0))
        return painter.end()

    _atomic(path, write)


def pixel_size(widget, scale):
    """What a PNG at `scale` measures (for the menu's labels)."""
    size = figure_of(widget).size() * scale
    return QSize(size.width(), size.height())



