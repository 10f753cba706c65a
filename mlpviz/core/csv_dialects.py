"""What spreadsheets write when they save a CSV, and what is refused in the user's own terms.

Read: comma-separated UTF-8 with or without a BOM and with any line ends (CR-LF, LF, CR alone);
semicolon- or tab-separated files with decimal commas (a European spreadsheet); an Excel `sep=;`
first line; quoted cells; `True`/`False` cells (1/0). The separator is found from the header line.

Refused, saying why and what to do: a workbook (.xlsx, .xls, .ods) rather than a CSV, text in
Latin-1 or another encoding than UTF-8 (the byte and where it is), UTF-16.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import InputError

SEPARATORS = (",", ";", "\t")
SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
BOOLEANS = {"true": 1.0, "false": 0.0}
# The first bytes of workbook files: a zip archive (.xlsx, .ods), an OLE2 compound file (.xls).
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")


@dataclass
class Dialect:
    """How one CSV file is written."""

    separator: str = ","
    decimal_comma: bool = False  # "1,5" means 1.5 (only with a separator other than a comma)
    start: int = 0  # where the header line starts (after a `sep=` line)

    def describe(self):
        name = SEPARATOR_NAMES[self.separator]
        return name + (" and decimal commas" if self.decimal_comma else "")


def refuse_workbook(path, data):
    """An InputError when the bytes are a spreadsheet workbook rather than a CSV."""
    suffix = str(path).lower().rsplit(".", 1)[-1] if "." in str(path) else ""
    if data.startswith(WORKBOOK_MAGIC) or f".{suffix}" in WORKBOOK_SUFFIXES:
        raise InputError(path, None, "this is a spreadsheet workbook, not a CSV file: save it as "
                                     "CSV (File ▸ Save As ▸ \"CSV UTF-8\") and use that file")


def decode_error(path, data, error):
    """The InputError for bytes that are not UTF-8: the byte, its line, and the fix."""
    byte = data[error.start]
    line = data.count(b"\n", 0, error.start) + 1
    guess = (" (it looks like Latin-1 or Windows-1252 text)"
             if 0x80 <= byte and _looks_single_byte(data) else "")
    return InputError(path, f"line {line}, byte {error.start}",
                      f"byte 0x{byte:02X} is not UTF-8 text{guess}; save the file as UTF-8 "
                      f"(in a spreadsheet: Save As ▸ \"CSV UTF-8\")")


def _looks_single_byte(data):
    """Whether the high bytes stand alone (Latin-1) rather than in UTF-8-like runs."""
    sample = data[:65536]
    return not any(0x80 <= a and 0x80 <= b < 0xC0 for a, b in zip(sample, sample[1:])
                   if a >= 0xC0)


def detect(text):
    """The Dialect of a CSV's text (BOM already removed): the `sep=` line, the separator that the
    header line uses most (commas on a tie), and decimal commas when the data has commas but no
    dots and the separator is not a comma."""
    dialect = Dialect()
    first_end = _line_end(text, 0)
    first = text[:first_end].rstrip("\r\n").strip(' "')
    if first.lower().startswith("sep=") and len(first) == 5:
        dialect.separator = first[4] if first[4] in SEPARATORS or first[4] == "|" else ","
        dialect.start = first_end
    else:
        header = _first_line_with_text(text, dialect.start)
        counts = {s: count_outside_quotes(header, s) for s in SEPARATORS}
        best = max(counts.values())
        dialect.separator = next(s for s in SEPARATORS if counts[s] == best) if best else ","
    if dialect.separator != ",":
        body = _line_end(text, dialect.start)
        dialect.decimal_comma = text.find(",", body) >= 0 and text.find(".", body) < 0
    return dialect


def _line_end(text, at):
    """Where the line starting at `at` ends (after its line end), for LF, CR-LF or CR lines."""
    candidates = [i for i in (text.find("\n", at), text.find("\r", at)) if i >= 0]
    if not candidates:
        return len(text)
    end = min(candidates)
    return end + 2 if text.startswith("\r\n", end) else end + 1


def _first_line_with_text(text, at):
    while at < len(text):
        end = _line_end(text, at)
        line = text[at:end]
        if line.strip():
            return line
        at = end
    return ""


def count_outside_quotes(line, separator):
    if '"' not in line:
        return line.count(separator)
    return sum(part.count(separator) for part in line.split('"')[::2])


def number(cell, dialect):
    """A cell's number (decimal comma and True/False as the dialect and SPEC say), or None."""
    text = cell.strip()
    if dialect.decimal_comma:
        text = text.replace(",", ".")
    value = BOOLEANS.get(text.lower())
    if value is not None:
        return value
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else math.nan
