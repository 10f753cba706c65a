"""Reading mlpviz's files: a file's text (UTF-8, a size limit, never blocking on a pipe or a
device) and JSON documents (NaN, Infinity and deep nesting refused with their line).

Every reader turns any problem into an InputError naming the file, the line or key, and what was
expected.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from .csv_dialects import decode_error, refuse_workbook
from .errors import InputError

# Files larger than these are refused with a message rather than read into memory.
MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_CSV_BYTES = 512 * 1024 * 1024


def read_text(path, limit, csv=False):
    """The file's text (UTF-8, a leading BOM dropped), or an InputError saying why not (for a
    CSV, a spreadsheet workbook is named as one)."""
    path = Path(path)
    data = _read_bytes(path, limit)
    if csv:
        refuse_workbook(path, data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, None, "expected UTF-8 text, found UTF-16 or UTF-32; "
                                     "save the file as UTF-8")
    if b"\x00" in data:
        raise InputError(path, None, "expected text, found binary data")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise decode_error(path, data, e) from None


def _read_bytes(path, limit):
    """At most `limit` bytes of a regular file. Never blocks on a pipe or reads a device forever:
    the file is opened without waiting and checked to be a regular file before it is read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, None, "expected a file, found a folder") from None
    except OSError as e:
        raise InputError(path, None, f"cannot be read ({e.strerror or e})") from None
    except ValueError:  # a NUL byte, or text the file system cannot encode, in the name
        raise InputError(path, None, "not a file name that can be opened") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, None, "expected a file, found a folder")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, None, "expected a regular file, found a device or a pipe")
        if info.st_size > limit:
            raise InputError(path, None, _too_large(info.st_size, limit))
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise InputError(path, None, f"cannot be read ({e.strerror or e})") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise InputError(path, None, _too_large(len(data), limit))
    return data


def _too_large(size, limit):
    return f"the file is {_size_text(size)}; mlpviz reads files up to {_size_text(limit)}"


class _NotJSONNumber(ValueError):
    """NaN or Infinity: Python's json reads them, JSON does not allow them."""


def _size_text(size):
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size:,} bytes"


def _reject_constant(name):
    raise _NotJSONNumber(f"{name} is not a number JSON allows")


_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _constant_line(text):
    """The line of the first NaN or Infinity outside a string (the JSON before it is valid)."""
    for match in _STRING_OR_CONSTANT.finditer(text):
        if match.group(1):
            return text.count("\n", 0, match.start()) + 1
    return 1


def _long_number_line(text):
    match = re.search(r"\d{4000,}", text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def read_json(path):
    """A JSON document; NaN, Infinity and deep nesting are refused with the line that holds them."""
    text = read_text(path, MAX_JSON_BYTES)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as e:
        raise InputError(path, f"line {e.lineno}, column {e.colno}",
                         f"malformed JSON ({e.msg})") from None
    except _NotJSONNumber as e:
        raise InputError(path, f"line {_constant_line(text)}", f"malformed JSON ({e})") from None
    except ValueError as e:
        line = _long_number_line(text)
        if line is not None:  # Python refuses to convert integers of over 4300 digits
            raise InputError(path, f"line {line}", "malformed JSON (a number with "
                                                   "thousands of digits)") from None
        raise InputError(path, None, f"malformed JSON ({e})") from None
    except RecursionError:
        raise InputError(path, None, "malformed JSON (nested too deeply)") from None
