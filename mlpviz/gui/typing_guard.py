"""Keys typed into a field belong to the field, not to the demo.

The demo's keys are plain keys (Return runs, Space steps, Backspace goes back, arrows step
phases, +/− change the speed, E, G, Home, End). Typed into the η box or a Settings field they
ran or stepped the network (defect 9). While a text field has the focus, a plain key is the
field's: this filter accepts Qt's ShortcutOverride for it, which Qt reads as "the widget wants
this key". Keys with Ctrl (Ctrl+R, Ctrl+O, …) and F-keys stay shortcuts everywhere.

A field in a tool bar (the η box) hands the focus back to the graph after Return or Escape, so
the next Space steps again without a click.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit,
                               QPlainTextEdit, QTextEdit, QToolBar)

COMMAND_MODIFIERS = Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier
DONE_KEYS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape)


def is_text_field(widget):
    """Whether `widget` takes typed text (a line edit, a spin box, an editable combo box, …)."""
    if isinstance(widget, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)):
        return not (isinstance(widget, (QTextEdit, QPlainTextEdit)) and widget.isReadOnly())
    return isinstance(widget, QComboBox) and widget.isEditable()


def _field(widget):
    """The text field `widget` is part of (a spin box's line edit is its child), or None."""
    while widget is not None:
        if is_text_field(widget):
            return widget
        widget = widget.parentWidget()
        if widget is not None and not isinstance(widget, (QAbstractSpinBox, QComboBox)):
            return None
    return None


def is_plain_key(event):
    if event.modifiers() & COMMAND_MODIFIERS:
        return False
    return not (Qt.Key_F1 <= event.key() <= Qt.Key_F35)


class TypingGuard(QObject):
    """Installed on the application for `window` (removed with it)."""

    def __init__(self, window, focus_after=None):
        super().__init__(window)
        self.window = window
        self.focus_after = focus_after  # where the focus goes after Return in a tool bar field
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event):
        kind = event.type()
        if kind not in (QEvent.ShortcutOverride, QEvent.KeyPress):
            return False
        focus = QApplication.focusWidget()
        field = _field(focus)
        if field is None:
            return False
        if kind == QEvent.ShortcutOverride:
            if is_plain_key(event):
                event.accept()  # the field's key, not the shortcut's
            return False
        if (watched is focus and event.key() in DONE_KEYS and field.window() is self.window
                and self.focus_after is not None and self._in_tool_bar(field)):
            # after the field has taken the key (its value is committed on Return)
            QTimer.singleShot(0, lambda: self.focus_after.setFocus(Qt.ShortcutFocusReason))
        return False

    @staticmethod
    def _in_tool_bar(widget):
        while widget is not None:
            if isinstance(widget, QToolBar):
                return True
            widget = widget.parentWidget()
        return False
