"""The caption of a recorded picture (issue 16's leftover): which step of the run, of the phase
walk or of the race it shows, written in a band above the view's picture, so that it hides
nothing of the view and a class can tell the frames of a GIF or MP4 apart."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

from ..run.shown import phase_text


def caption_font(width):
    """Large enough to read on a projected GIF: 1/40 of the picture's width, 13-24 px."""
    font = QFont()
    font.setPixelSize(max(13, min(24, width // 40)))
    return font


def with_caption(image, text):
    """`image` (a QImage) below a white band with `text` in it (dark, left-aligned, elided if
    the picture is narrower than the text), and a thin grey line between them."""
    font = caption_font(image.width())
    metrics = QFontMetrics(font)
    band = metrics.height() + 8
    out = QImage(image.width(), image.height() + band, QImage.Format.Format_ARGB32)
    out.fill(QColor("white"))
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.drawImage(0, band, image)
    painter.setPen(QColor("#bbbbbb"))
    painter.drawLine(0, band - 1, image.width(), band - 1)
    painter.setFont(font)
    painter.setPen(QColor("#111111"))
    room = max(1, image.width() - 12)
    painter.drawText(QRect(6, 0, room, band - 1), Qt.AlignVCenter | Qt.AlignLeft,
                     metrics.elidedText(text, Qt.ElideRight, room))
    painter.end()
    return out


def run_caption(model, phases=False):
    """'step 12 · epoch 3 · loss 0.284673' for the step the run is at; in a phase walk the phase
    instead of the loss ('step 0 · phase 2 of 5: forward through the outputs')."""
    snapshot = model.snapshot
    parts = [f"step {snapshot.step:,}"]
    if model.trainer.steps_per_epoch > 1:
        parts.append(f"epoch {snapshot.epoch:,}")
    if phases and model.phase is not None:
        parts.append(phase_text(model.phase, snapshot, model.config.sizes).strip())
    elif snapshot.last_loss is not None:
        parts.append(f"loss {snapshot.last_loss:.6g}")
    return " · ".join(parts)


def race_caption(race):
    """'elongated bowl, f = x² + 10y² · step 12' for a descent view's race."""
    steps = max((len(r.rows) - 1 for r in race.racers.values()), default=0)
    return f"{race.surface.name}, f = {race.surface.formula} · step {steps:,}"
