"""Reading and writing mlpviz's files: JSON documents, dataset CSVs, atomic saves.

Every reader turns any problem into an InputError naming the file, the line or key, and what was
expected. Readers check everything before returning, so a failed load hands nothing back.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
import tempfile
from pathlib import Path

import numpy as np

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


def write_atomic(path, text):
    """Write text to a temporary file in the same folder, then rename it over `path`.

    A crash at any moment leaves `path` with either its old or its new content: the new content
    is on disk (fsync) before the rename, and the rename itself is made durable by syncing the
    folder. A temporary file left by a writer that was killed is removed by the next save.
    """
    commit_atomic(prepare_atomic(path, text), path)


def prepare_atomic(path, text):
    """The first half of write_atomic: `text` complete and on disk in a temporary file beside
    `path` (returned). A device, a pipe or a folder at `path` is refused: never replaced."""
    path = Path(path)
    refuse_special(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{_temporary_prefix(path)}{os.getpid()}.",
                               suffix=".tmp")
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        discard(tmp)
        raise
    return tmp


def commit_atomic(tmp, path, settle=True):
    """The second half: rename the temporary file over `path` and (`settle`) make that durable."""
    path = Path(path)
    try:
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    if settle:
        settle_atomic(path)


def settle_atomic(path):
    """After a rename to `path`: sync its folder; remove what killed writers left there."""
    _sync_folder(path.parent)
    _remove_orphans(path)


def discard(tmp):
    try:
        os.unlink(tmp)
    except OSError:
        pass


def refuse_special(path):
    """An OSError when `path` is a folder, a device, a pipe or a socket: a save must not replace
    it (as root, renaming over /dev/null turned the device into a regular file)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "it is a device or a pipe, not a regular file", str(path))


def _temporary_prefix(path):
    return f".{path.name}."


def _sync_folder(folder):
    """Make a rename in `folder` durable (POSIX; Windows cannot open a folder and needs no sync)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_orphans(path):
    """Delete temporary files of saves to `path` whose writing process no longer exists."""
    prefix = _temporary_prefix(path)
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _process_exists(int(pid)):
            try:
                os.unlink(path.parent / name)
            except OSError:
                pass


def _process_exists(pid):
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError, ValueError):
        return True  # someone else's process, or a platform without signals: leave its file
    return True


def _mode_for(path):
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less umask)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_json(path, document):
    write_atomic(path, json_text(document))


def json_text(document):
    """One key per line, each value compact, as the cheat sheet prints its files."""
    lines = [f"  {json.dumps(key)}: {json.dumps(value)}" for key, value in document.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


# -- typed access to JSON values ------------------------------------------------------------

def number_array(value, path, key, shape):
    """`value` as a float array of `shape` (None in shape: any length), or an InputError."""
    expected = _describe_shape(shape)
    try:
        depth = len(shape)
        if not _is_nested_numbers(value, depth):
            raise ValueError
        array = np.array(value, dtype=float)
    except (ValueError, TypeError, OverflowError, RecursionError):
        raise InputError(path, key, f"expected {expected}") from None
    if array.ndim != len(shape) or any(s is not None and s != a for s, a in zip(shape, array.shape)):
        raise InputError(path, key, f"expected {expected}, got shape {_shape_text(array.shape)}")
    if not np.all(np.isfinite(array)):
        raise InputError(path, key, "expected finite numbers, found infinity")
    return array


def _is_nested_numbers(value, depth):
    if depth == 0:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return isinstance(value, list) and all(_is_nested_numbers(v, depth - 1) for v in value)


def _shape_text(shape):
    return "×".join(str(s) for s in shape) if shape else "a single number"


def _describe_shape(shape):
    if not shape:
        return "a number"
    dims = "×".join("n" if s is None else str(s) for s in shape)
    return f"a {dims} array of numbers" if len(shape) > 1 else f"a list of {dims} numbers"


# -- the weights and biases file (the cheat sheet's format) --------------------------------

def read_weights(path, sizes):
    """Flat parameter vector for a network of `sizes` from a weights-and-biases file."""
    from .network import layer_views, parameter_layout

    doc = read_json(path)
    if not isinstance(doc, dict):
        raise InputError(path, None, "expected a JSON object with hiddenWeights, hiddenBias, "
                                     "outputWeights and outputBias")
    for key in ("hiddenWeights", "hiddenBias", "outputWeights", "outputBias"):
        if key not in doc:
            raise InputError(path, key, "missing; a weights file needs hiddenWeights, "
                                        "hiddenBias, outputWeights and outputBias")
    hidden = len(sizes) - 2
    for key in ("hiddenWeights", "hiddenBias"):
        if not isinstance(doc[key], list) or len(doc[key]) != hidden:
            raise InputError(path, key, f"expected {hidden} hidden layer(s) for a "
                                        f"{'-'.join(map(str, sizes))} network")
    params = np.zeros(parameter_layout(sizes)[2])
    W, b = layer_views(params, sizes)
    for h in range(hidden):
        l = h + 1
        W[l][:] = number_array(doc["hiddenWeights"][h], path, f"hiddenWeights[{h}]",
                               (sizes[l], sizes[l - 1]))
        b[l][:] = number_array(doc["hiddenBias"][h], path, f"hiddenBias[{h}]", (sizes[l],))
    L = len(sizes) - 1
    W[L][:] = number_array(doc["outputWeights"], path, "outputWeights", (sizes[L], sizes[L - 1]))
    b[L][:] = number_array(doc["outputBias"], path, "outputBias", (sizes[L],))
    return params


def weights_document(network):
    """The cheat sheet's weights-and-biases JSON object for `network`."""
    L = network.L
    return {
        "hiddenWeights": [network.W[l].tolist() for l in range(1, L)],
        "hiddenBias": [network.b[l].tolist() for l in range(1, L)],
        "outputWeights": network.W[L].tolist(),
        "outputBias": network.b[L].tolist(),
    }


def write_weights(path, network):
    write_atomic(path, weights_text(network))


def weights_text(network):
    """The weights file's text for `network` (ValueError if a parameter is not finite)."""
    if not np.all(np.isfinite(network.params)):
        raise ValueError("refusing to write weights that are not finite")
    return json_text(weights_document(network))


# -- the min-max file (the cheat sheet's format) -------------------------------------------

MINMAX_KEYS = ("minInput", "maxInput", "minOutput", "maxOutput")


def read_minmax(path, inputs=None, outputs=None, need=MINMAX_KEYS):
    """The min-max file's lists as float arrays (keys not in `need` may be absent)."""
    doc = read_json(path)
    if not isinstance(doc, dict):
        raise InputError(path, None, "expected a JSON object with minInput, maxInput, "
                                     "minOutput and maxOutput")
    result = {}
    for key in MINMAX_KEYS:
        length = inputs if "Input" in key else outputs
        if key not in doc:
            if key in need:
                raise InputError(path, key, f"missing; expected a list of {length or 'n'} numbers")
            continue
        result[key] = number_array(doc[key], path, key, (length,))
    for low, high in (("minInput", "maxInput"), ("minOutput", "maxOutput")):
        if low in result and high in result:
            if result[low].shape != result[high].shape:
                raise InputError(path, high, f"expected as many numbers as {low}")
            if np.any(result[low] > result[high]):
                raise InputError(path, high, f"expected every value ≥ the one in {low}")
            with np.errstate(all="ignore"):
                wide = np.flatnonzero(~np.isfinite(result[high] - result[low]))
            if wide.size:
                raise InputError(path, f"{high}[{wide[0]}]", f"the range from {low} to {high} is "
                                 "too wide to compute with (max − min overflows)")
    return result


def write_minmax(path, inputs, outputs):
    """Write the min-max file from two MinMax ranges (inputs, outputs)."""
    write_atomic(path, minmax_text(inputs, outputs))


def minmax_text(inputs, outputs):
    """The min-max file's text for two MinMax ranges (inputs, outputs)."""
    return json_text({"minInput": inputs.low.tolist(), "maxInput": inputs.high.tolist(),
                      "minOutput": outputs.low.tolist(), "maxOutput": outputs.high.tolist()})


# -- dataset CSV (core/csv_files.py; here too for the callers that import it from files) -------

from .csv_files import Table, read_csv, write_csv  # noqa: E402,F401  (it imports this module)
