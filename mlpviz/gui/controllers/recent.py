"""File ▸ Open recent: the configs opened last, remembered in the settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu

MAX_RECENT = 8


class RecentFiles:
    def __init__(self, settings, open_config, parent):
        self.settings = settings
        self.open_config = open_config
        # Parented, so that it goes with the window: a menu of its own would keep the window's
        # objects alive through its actions' connections (a cycle the garbage collector cannot
        # see; tools/stress_window.py saw 12 MB a window).
        self.menu = QMenu("Open recent", parent)
        self.rebuild()

    def files(self):
        value = self.settings.value("recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def remember(self, path):
        path = str(Path(path).resolve())
        recent = [path] + [p for p in self.files() if p != path]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self.rebuild()

    def rebuild(self):
        self.menu.clear()
        for path in self.files():
            action = self.menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_config(p))
        self.menu.setEnabled(bool(self.files()))
