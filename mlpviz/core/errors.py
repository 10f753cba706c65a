"""The one error the engine raises for bad input: it names the file, the place, and what was expected."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: `source` (a file or a setting), `where` (line, key), and what was expected."""

    def __init__(self, source: str | Path | None, where: str | None, message: str):
        self.source = str(source) if source is not None else None
        self.where = where
        self.message = message
        super().__init__(self.text())

    def text(self) -> str:
        place = ", ".join(p for p in (self.source, self.where) if p)
        return f"{place}: {self.message}" if place else self.message
