"""Where a file dialog starts (issue 11, #20): in the folder the last file of the same kind was
opened from or saved to, remembered in the settings per kind (a teacher keeps configs in one
folder, data in another, figures in a third). Before any, in the open experiment's own folder
(not a bundled example's), then the last folder of any kind, then the home folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

# The kinds of file a dialog asks for, each remembered on its own.
KINDS = ("config", "weights", "minmax", "data", "export", "predictions")
ANY = "any"


class LastFolders:
    def __init__(self, settings, experiment_folder):
        """`experiment_folder()`: the open experiment's folder, or None (unsaved, bundled)."""
        self.settings = settings
        self.experiment_folder = experiment_folder

    def folder(self, kind):
        """The folder a dialog for `kind` starts in (one that exists)."""
        for candidate in (self._remembered(kind), self.experiment_folder(),
                          self._remembered(ANY), Path.home()):
            if candidate is not None and Path(candidate).is_dir():
                return str(candidate)
        return str(Path.home())

    def remember(self, kind, path):
        """A file of `kind` was chosen at `path`: its folder is where the next dialog starts."""
        folder = str(Path(path).resolve().parent)
        for key in (kind, ANY):
            self.settings.setValue(f"folders/{key}", folder)

    def _remembered(self, kind):
        value = self.settings.value(f"folders/{kind}")
        return str(value) if value else None

    def ask_open(self, parent, kind, title, filters):
        """A file to open from a dialog starting in `kind`'s folder (None if cancelled)."""
        path, _ = QFileDialog.getOpenFileName(parent, title, self.folder(kind), filters)
        if path:
            self.remember(kind, path)
        return path or None

    def ask_save(self, parent, kind, title, name, filters, selected=""):
        """(path, chosen filter) for saving `name`, the dialog in `kind`'s folder ((None, None)
        if cancelled)."""
        path, chosen = QFileDialog.getSaveFileName(parent, title,
                                                   str(Path(self.folder(kind)) / name),
                                                   filters, selected)
        if path:
            self.remember(kind, path)
        return (path, chosen) if path else (None, None)
