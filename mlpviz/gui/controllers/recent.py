"""File ▸ Open recent: the configs opened last, remembered in the settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu

MAX_RECENT = 8


class RecentFiles:
    def __init__(self, settings, open_config):
        self.settings = settings
        self.open_config = open_config
        self.menu = QMenu("Open recent")
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
