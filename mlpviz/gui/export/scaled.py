"""A figure at `scale` times its size looks like the screen at `scale` times the resolution.

Qt scales what a view draws with the painter's transform: text, shapes, pens of a width in
item units. It does not scale a *cosmetic* pen, whose width is in device pixels whatever the
transform (the point of it: a curve stays 2 px wide however a plot is zoomed). pyqtgraph draws
every line with cosmetic pens (pg.mkPen), and so do the graph's edges and rings; so a 4× image
drawn by pyqtgraph's ImageExporter or by QWidget.render has 4× text and 1-px lines.

`scaled_rendering(widget, scale)` is the context in which such a figure is rendered: every
cosmetic pen given to a QPainter is `scale` times wider (the pen's own width, 0 counting as 1
px, as Qt draws it), the pens kept by Qt's own shape items likewise, pyqtgraph's items are in
their export mode (scatter symbols drawn afresh through the scaled painter rather than enlarged
from a 1× cache; QWidget.render's scale is the painter's redirection, which a symbol's
resetTransform keeps, so their resolutionScale stays 1 — pyqtgraph's ImageExporter sets its
own while it renders), and the pictures pyqtgraph caches (an axis's ticks) are redrawn with
those pens, then dropped again afterwards. Everything is restored on leaving, even on error.
"""

from __future__ import annotations

from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtGui import QPainter, QPen, QPicture
from PySide6.QtWidgets import QAbstractGraphicsShapeItem

_set_pen = QPainter.setPen  # Qt's own


def wider(pen, scale):
    """A copy of a cosmetic pen, `scale` times as wide; any other pen as it is."""
    if not isinstance(pen, QPen) or not pen.isCosmetic() or scale == 1:
        return pen
    wide = QPen(pen)
    wide.setWidthF(max(pen.widthF(), 1.0) * scale)
    return wide


def scenes_of(widget):
    """The graphics scenes a widget shows (its own, if it is a view, and its children's)."""
    views = widget.findChildren(pg.QtWidgets.QGraphicsView)
    if isinstance(widget, pg.QtWidgets.QGraphicsView):
        views.insert(0, widget)
    return list({id(v.scene()): v.scene() for v in views if v.scene() is not None}.values())


def _drop_pictures(items):
    for item in items:
        if isinstance(getattr(item, "picture", None), QPicture):
            item.picture = None  # pyqtgraph redraws a cached picture when it is None


@contextmanager
def scaled_rendering(widget, scale):
    """Render `widget` (with QWidget.render or a pyqtgraph exporter) inside this context."""
    if scale == 1:
        yield
        return
    items = [item for scene in scenes_of(widget) for item in scene.items()]
    shapes = [(item, item.pen()) for item in items
              if isinstance(item, QAbstractGraphicsShapeItem) and item.pen().isCosmetic()]
    exporting = [item for item in items if hasattr(item, "setExportMode")]

    def set_pen(painter, *args):
        return _set_pen(painter, *(wider(a, scale) for a in args))

    try:
        for item, pen in shapes:
            item.setPen(wider(pen, scale))
        for item in exporting:
            item.setExportMode(True, {"antialias": True, "resolutionScale": 1.0})
        _drop_pictures(items)
        QPainter.setPen = set_pen
        yield
    finally:
        QPainter.setPen = _set_pen
        for item in exporting:
            item.setExportMode(False)
        for item, pen in shapes:
            item.setPen(pen)
        _drop_pictures(items)
        for item in items:
            item.update()
