"""Dataset CSVs: a header row of labels, then one row per sample, as spreadsheets write them.

`read_csv` finds the dialect (core/csv_dialects.py), picks the columns (by name when the caller
names them and the header has them all, else by position, skipping a pandas index column), and
reads the cells: plain files with numpy's C reader in chunks, anything unusual cell by cell with
the csv module, also in chunks, so that memory stays a small multiple of the file's size and
every problem is named with its line and column.
"""

from __future__ import annotations

import csv
import io
import math
import warnings
from dataclasses import dataclass, field

import numpy as np

from . import file_readers, file_writers
from .csv_dialects import detect, number
from .errors import Cancelled, InputError

PANDAS_INDEX_LABELS = ("", "Unnamed: 0")
PLAIN_CSV_CHUNK = 1 << 20  # characters per chunk of the fast reader: progress is reported after each
CAREFUL_CSV_CHUNK = 1 << 14  # lines per chunk of the careful reader


@dataclass
class Table:
    """A CSV's header labels and its rows of numbers.

    `text[i]`: the cells of column i as strings, for the columns asked for as text (their
    `values` are NaN). `notes`: sentences to show the user once (a skipped index column)."""

    labels: list
    values: np.ndarray  # (rows, columns)
    text: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    dialect: object = None  # the csv_dialects.Dialect it was written in


@dataclass
class _Plan:
    """Which of the file's columns are read, and how."""

    labels: list  # every label of the header
    header_line: int
    chosen: list  # the file's column indices returned, in order
    text: set  # file column indices returned as strings
    index: int | None = None  # a pandas index column to skip if it holds row numbers
    body: int = 0  # where the rows after the header start in the text


def read_csv(path, columns=None, progress=None, *, names=None, text=()):
    """A dataset CSV as a Table.

    `columns` (an int or a tuple of allowed counts) checks how many columns come back. `names`: a
    list of label lists, tried in order; the first that the header holds entirely picks the
    columns by name (others ignored); a list may be a function of the header's labels (None:
    it does not fit). `text`: labels or positions (negative from the end) of
    returned columns whose cells come back as strings ("all": every column, none skipped).
    `progress(fraction)` is called now and then; if it returns False, reading stops with
    Cancelled. Any problem: an InputError."""
    try:
        content = file_readers.read_text(path, file_readers.MAX_CSV_BYTES, csv=True)
        if "\r" in content:
            content = content.replace("\r\n", "\n").replace("\r", "\n")
        dialect = detect(content)
        plan = _plan(content, dialect, path, columns, names, text)
        values, strings = _read_rows(content, dialect, path, plan, progress)
        table = _table(values, strings, plan, path, columns)
        table.dialect = dialect
        return table
    except MemoryError:
        raise InputError(path, None, "not enough memory to read it; try a smaller file") from None


def _plan(content, dialect, path, columns, names, text):
    at = dialect.start
    line = content.count("\n", 0, at) + 1
    header = None
    while at < len(content):
        end = content.find("\n", at)
        end = len(content) if end < 0 else end + 1
        cells = _split(content[at:end], dialect, path, line)
        if any(cell.strip() for cell in cells):
            header = [cell.strip() for cell in cells]
            break
        at, line = end, line + 1
    if header is None:
        raise InputError(path, None, "the file is empty; expected a header row and rows of numbers")
    if all(number(label, dialect) is not None for label in header):
        raise InputError(path, f"line {line}", "the first line holds numbers, not column labels: "
                                               "add a header line naming the columns (x,y,target)")
    chosen, index = _by_name(header, names), None
    if chosen is None:
        chosen = list(range(len(header)))
        if len(header) > 1 and header[0] in PANDAS_INDEX_LABELS and _fits(len(header) - 1, columns):
            index = 0
        elif not _fits(len(header), columns):
            raise InputError(path, f"line {line}", f"expected {_widths(columns)} columns, the "
                                                   f"header has {len(header)}{_separated(dialect)}")
    returned = chosen[1:] if index is not None else chosen
    if text == "all":  # every column as written (core/from_csv.py looks at them all)
        returned, index, text = chosen, None, range(len(chosen))
    wanted = {returned[_position(t, header, returned, path)] for t in text}
    return _Plan(header, line, chosen, wanted, index, end)


def _separated(dialect):
    return f" (separated by {dialect.describe()})" if dialect.separator != "," else ""


def _split(text, dialect, path, line):
    try:
        return next(csv.reader([text.rstrip("\n")], delimiter=dialect.separator), [])
    except csv.Error as e:  # a cell over the csv module's 128 KB, say
        raise InputError(path, f"line {line}", f"malformed CSV ({e})") from None


def _by_name(header, names):
    for wanted in names or ():
        if callable(wanted):  # labels that depend on the header (core/class_data.py)
            wanted = wanted(header)
        if wanted and all(header.count(label) == 1 for label in wanted):
            return [header.index(label) for label in wanted]
    return None


def _fits(width, columns):
    allowed = (columns,) if isinstance(columns, int) else columns
    return not allowed or width in allowed


def _widths(columns):
    allowed = (columns,) if isinstance(columns, int) else columns
    return " or ".join(str(c) for c in allowed)


def _position(column, header, returned, path):
    if isinstance(column, str):
        if column not in header or header.index(column) not in returned:
            raise InputError(path, None, f"expected a column labelled {column!r}")
        return returned.index(header.index(column))
    if not -len(returned) <= column < len(returned):
        raise InputError(path, None, f"expected at least {abs(column)} columns")
    return column


def _report(progress, fraction):
    if progress is not None and progress(min(1.0, fraction)) is False:
        raise Cancelled("reading was cancelled")


# -- reading the rows --------------------------------------------------------------------------

def _read_rows(content, dialect, path, plan, progress):
    """(values of every chosen column, {file column: strings}) of the rows after the header."""
    if not plan.text:
        values = _read_plain(content, plan.body, dialect, len(plan.labels), progress)
        if values is not None:
            return values, {}
    return _read_carefully(content, plan.body, dialect, path, plan, progress)


def _read_plain(content, at, dialect, width, progress):
    """Plain numbers (quoted or not) by numpy's C reader in chunks: about 1 s for 10⁶ rows of 3
    columns, 5× faster than cell by cell. None when anything is unusual (a bad cell, a ragged row,
    NaN, True/False, a blank line of separators): the careful reader then names the line."""
    blocks, total = [], len(content)
    start = at
    while at < total:
        stop = content.find("\n", min(at + PLAIN_CSV_CHUNK, total))
        stop = total if stop < 0 else stop + 1
        chunk = content[at:stop]
        if dialect.decimal_comma:
            chunk = chunk.replace(",", ".")
        try:
            with warnings.catch_warnings():  # "input contained no data" for blank lines
                warnings.simplefilter("ignore")
                block = np.loadtxt(io.StringIO(chunk), delimiter=dialect.separator, comments=None,
                                   quotechar='"', ndmin=2, dtype=float)
        except ValueError:
            return None
        if block.size:
            if block.shape[1] != width:
                return None
            blocks.append(block)
        at = stop
        _report(progress, (at - start) / max(1, total - start))
    if not blocks:
        return None
    values = np.concatenate(blocks) if len(blocks) > 1 else blocks[0]
    return values if np.all(np.isfinite(values)) else None


def _read_carefully(content, at, dialect, path, plan, progress):
    """Cell by cell with the csv module, a chunk of lines at a time into arrays."""
    line = plan.header_line + 1
    width = len(plan.labels)
    blocks, strings = [], {c: [] for c in plan.text}
    numeric = [c for c in plan.chosen if c not in plan.text]
    total = len(content)
    while at < total:
        stop = at
        for _ in range(CAREFUL_CSV_CHUNK):
            stop = content.find("\n", stop) + 1 or total
            if stop >= total:
                break
        chunk = content[at:stop]
        block, line = _careful_chunk(chunk, line, dialect, path, plan, width, numeric, strings)
        blocks.append(block)
        at = stop
        _report(progress, at / total)
    values = np.concatenate(blocks) if blocks else np.empty((0, width))
    if len(values) == 0:
        raise InputError(path, None, "no rows of data after the header")
    return values, strings


def _careful_chunk(chunk, line, dialect, path, plan, width, numeric, strings):
    reader = csv.reader(io.StringIO(chunk, newline=""), delimiter=dialect.separator)
    rows = []
    first = line
    try:
        for row in reader:
            here = first + reader.line_num - 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise InputError(path, f"line {here}", f"expected {width} values like the "
                                                       f"header, found {len(row)}")
            values = [math.nan] * width
            for c in numeric:
                values[c] = _cell(row[c], path, here, plan.labels[c], dialect)
            for c, kept in strings.items():
                kept.append(_text_cell(row[c], path, here, plan.labels[c]))
            rows.append(values)
    except csv.Error as e:
        raise InputError(path, f"line {first + reader.line_num - 1}",
                         f"malformed CSV ({e})") from None
    block = np.array(rows) if rows else np.empty((0, width))
    return block, first + chunk.count("\n")


def _cell(cell, path, line, label, dialect):
    value = number(cell, dialect)
    if value is None:
        raise InputError(path, f"line {line}, column {label}",
                         f"expected a number, found {cell.strip()[:40]!r}")
    if math.isnan(value):
        raise InputError(path, f"line {line}, column {label}",
                         f"expected a finite number, found {cell.strip()[:40]!r}")
    return value


def _text_cell(cell, path, line, label):
    text = cell.strip()
    if not text:
        raise InputError(path, f"line {line}, column {label}", "expected a value, found nothing")
    return text


# -- the table ---------------------------------------------------------------------------------

def _table(values, strings, plan, path, columns):
    """The returned columns; a pandas index column dropped if it holds row numbers."""
    chosen, notes = list(plan.chosen), []
    if plan.index is not None:
        if _row_numbers(values[:, plan.index]):
            chosen.remove(plan.index)
            notes.append(f"{path}: skipped the first column: row numbers, as pandas writes them")
        elif not _fits(len(chosen), columns):
            raise InputError(path, f"line {plan.header_line}", f"expected {_widths(columns)} "
                                                               f"columns, the header has {len(chosen)}")
    selected = values if chosen == list(range(values.shape[1])) else values[:, chosen]
    text = {chosen.index(c): strings[c] for c in plan.text if c in chosen}
    return Table([plan.labels[c] for c in chosen], np.ascontiguousarray(selected), text, notes)


def _row_numbers(values):
    return bool(np.all(values >= 0) and np.all(values == np.round(values))
                and len(np.unique(values)) == len(values))


def write_csv(path, labels, values):
    """Write a header and rows of numbers (shortest exact repr of each float)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(labels)
    for row in np.asarray(values, dtype=float):
        writer.writerow([repr(float(v)) for v in row])
    file_writers.write_atomic(path, buffer.getvalue())
