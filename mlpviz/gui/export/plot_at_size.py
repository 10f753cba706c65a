"""A pyqtgraph plot drawn as if its widget were another size (issue 16's leftover: a race
recorded from a small dock was a small picture). The plot's item is laid out at that size for the
picture only, painted from the scene, and given its own size back: its text stays the size it is
on screen, and the plot, its axes and legend take the room of the picture."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from .scaled import scaled_rendering


def render_plot_at(plot_widget, size):
    """A QImage of `size` (QSize) of a pg.PlotWidget's plot laid out at that size."""
    item = plot_widget.getPlotItem()
    kept = item.geometry()
    target = QRectF(0, 0, size.width(), size.height())
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    try:
        _lay_out(item, target)
        with scaled_rendering(plot_widget, 1):
            painter = QPainter(image)
            painter.setRenderHints(QPainter.RenderHint.Antialiasing
                                   | QPainter.RenderHint.TextAntialiasing)
            plot_widget.scene().render(painter, target, target)
            painter.end()
    finally:
        _lay_out(item, kept)
    return image


def _lay_out(item, rect):
    item.setGeometry(rect)
    if item.layout is not None:
        item.layout.activate()
