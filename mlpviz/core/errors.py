"""The one error the engine raises for bad input: it names the file, the place, and what was expected."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: `source` (a file or a setting), `where` (line, key), and what was expected."""

    def __init__(self, source: str | Path | None, where: str | None, message: str):
        self.source = _printable(str(source)) if source is not None else None
        self.where = _printable(where) if where is not None else None
        self.message = _printable(message)
        super().__init__(self.text())

    def text(self) -> str:
        place = ", ".join(p for p in (self.source, self.where) if p)
        return f"{place}: {self.message}" if place else self.message


class Cancelled(Exception):
    """The user stopped a long operation (reading a large file) before it finished."""


def _printable(text):
    """Text any screen or terminal can show: an unpaired surrogate (from a JSON escape like
    "\\ud800" or an undecodable file name) becomes its escape, so printing the message never fails."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
