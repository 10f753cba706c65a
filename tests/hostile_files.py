"""Hostile and broken files, and the one rule every reader must obey with them.

The rule (issue 6, item 2): given any bytes, a reader either returns a correct result, or raises
the engine's InputError whose message names the file; never any other exception, never a hang.

The files start as valid documents of each format (CSV, weights, min-max, config), then get
broken: a value swapped for something odd (NaN, 1e400, a 5000-digit integer, deep nesting, a
string, a lone surrogate, a path to /dev/zero or a FIFO), truncated, spliced, duplicated, given a
BOM, re-encoded (UTF-16, Latin-1), bit-flipped, or replaced by random bytes. CSVs also come in
the dialects spreadsheets write (spreadsheet_csv: semicolons and decimal commas, tabs, a `sep=`
line, quoted cells, CR line ends, pandas' index column). Shared by
tests/test_hostile_files.py (a few hundred cases) and tools/fuzz_files.py (tens of thousands).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import signal
import traceback
from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from mlpviz.core.config import load_config
from mlpviz.core.errors import InputError
from mlpviz.core.experiment import Experiment
from mlpviz.core.files import Table, read_csv, read_minmax, read_weights
from mlpviz.core.network import parameter_layout
from test_files import CHEAT_SHEET_CONFIG  # the config every key of SPEC section 3 names

FORMATS = ("csv", "weights", "minmax", "config")
FILE_NAMES = {"csv": "hostile data.csv", "weights": "hostile-weights.json",
              "minmax": "hostile-minmax.json", "config": "hostile-config.json"}
TIME_LIMIT = 5.0  # seconds a single read may take before it counts as a hang

# JSON text that is odd where a number (or any value) should be.
ODD_JSON = [
    "NaN", "-NaN", "Infinity", "-Infinity", "inf", "nan", "1e400", "-1e400", "1e-400", "-0",
    "1.7976931348623157e309", "9" * 400, "-" + "9" * 4299, "9" * 4301, "9" * 20000,
    "0x1F", "1_000", "+1", ".5", "5.", "01", "1e", "--1", "１", "true", "false", "null",
    '"1"', '""', '"\\u0000"', '"\\ud800"', '"\\udc00x"', "[]", "{}", "[[]]", "[[[]]]",
    '{"a": 1}', "[1, 2, 3]", "[[1, 2], [3]]", "[" * 990 + "]" * 990, "[" * 5000 + "]" * 5000,
    "[" * 100000, '{"a":' * 3000 + "1" + "}" * 3000, '"' + "x" * 100000 + '"',
    "[100000, 100000]", "[100000, 100000, 100000]", "[64]", "[1, 1, 1, 1, 1, 1, 1, 1]", "1e12",
    "100000",
]
# Strings where a config expects a name or a path.
ODD_STRINGS = [
    "", " ", ".", "..", "/", "//", "/dev/zero", "/dev/null", "/dev/stdin", "/dev/urandom",
    "/proc/self/status", "fifo.csv", "folder", "a\x00b", "\ud800", "x" * 5000,
    "../" * 40 + "etc/passwd", "~/x.json", "training.csv/", "training.csv\n", "C:\\x.json",
    "training.csv", "init-weights-biases.json", "minmax.json", "hostile-config.json",
    "sigmoid", "relu", "file", "random", "calculate", "zero-to-one", "minus-one-to-one",
]
ENCODINGS = ["utf-8"] * 16 + ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                             "latin-1", "cp1252", "shift_jis"]
CSV_CELLS = ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e400", "1e-400", "", " ",
             "abc", "1,5", "1.5.5", "0x10", "1_000", "١٢", "１", "+.5", "  7  ", '"8"',
             '"1\n2"', "'3'", "True", "None", "9" * 400, "x" * 200000, "\t1\t", "−1",
             "1\u2028", "\x852", "3\x1c", "\x0b4", "\xa05", "6\r", "\r", "# 7", "8 #", "1e5 "]

# The folder every case is read in: a valid training CSV, weights, min-max, and odd things.
GOOD_CSV = "i0,i1,z0\n70,98,91\n50,85,82\n65,67,80\n25,95,68\n"
GOOD_WEIGHTS = {"hiddenWeights": [[[-0.5, -1.0], [-0.5, 0.5], [1.0, 0.0]]],
                "hiddenBias": [[0.5, 0.5, 0.5]], "outputWeights": [[0.5, -1.0, 0.0]],
                "outputBias": [0.5]}
GOOD_MINMAX = {"minInput": [25, 67], "maxInput": [70, 98], "minOutput": [0], "maxOutput": [100]}
GOOD_CONFIG = {**CHEAT_SHEET_CONFIG, "title": "hostile", "description": "a config under attack",
               "testingDatasetCSVFile": "training.csv"}


def prepare_folder(folder):
    """The files a config case may name (valid ones, a FIFO, a sub-folder) in `folder`."""
    folder = Path(folder)
    (folder / "training.csv").write_text(GOOD_CSV, encoding="utf-8")
    (folder / "init-weights-biases.json").write_text(json.dumps(GOOD_WEIGHTS), encoding="utf-8")
    (folder / "minmax.json").write_text(json.dumps(GOOD_MINMAX), encoding="utf-8")
    (folder / "folder").mkdir(exist_ok=True)
    if not (folder / "fifo.csv").exists():
        os.mkfifo(folder / "fifo.csv")
    return folder


# -- strategies: valid documents ------------------------------------------------------------

sizes_strategy = st.lists(st.integers(1, 4), min_size=2, max_size=4).map(tuple)
finite = st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                   st.integers(-10**6, 10**6), st.sampled_from([0, 1, -1, 0.5, 1e308, 5e-324]))


def _array(draw, shape):
    if not shape:
        return draw(finite)
    return [_array(draw, shape[1:]) for _ in range(shape[0])]


def _weights_document(draw, sizes):
    L = len(sizes) - 1
    return {"hiddenWeights": [_array(draw, (sizes[l], sizes[l - 1])) for l in range(1, L)],
            "hiddenBias": [_array(draw, (sizes[l],)) for l in range(1, L)],
            "outputWeights": _array(draw, (sizes[L], sizes[L - 1])),
            "outputBias": _array(draw, (sizes[L],))}


def _minmax_document(draw, inputs, outputs):
    doc = {}
    for side, n in (("Input", inputs), ("Output", outputs)):
        low = [draw(st.floats(-1e6, 1e6)) for _ in range(n)]
        doc[f"min{side}"] = low
        doc[f"max{side}"] = [v + draw(st.floats(0, 1e6)) for v in low]
    return doc


def _config_document(draw):
    doc = dict(GOOD_CONFIG)
    doc["randomInit"] = dict(GOOD_CONFIG["randomInit"])
    if draw(st.booleans()):
        doc["initWeightsBiasesMethod"] = "random"
    for key in draw(st.lists(st.sampled_from(sorted(GOOD_CONFIG)), max_size=3, unique=True)):
        del doc[key]
    return doc


# -- strategies: breaking them ---------------------------------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), finite, st.text(max_size=10),
              st.sampled_from(ODD_STRINGS)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=5), children, max_size=4)),
    max_leaves=12)


def _locations(value, here=()):
    """Every place in a JSON value (a path of keys and indices)."""
    yield here
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _locations(child, here + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _locations(child, here + (i,))


def _replace(value, where, new):
    if not where:
        return new
    head, rest = where[0], where[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _replace(value[head], rest, new)
    return copy


@st.composite
def broken_json(draw, doc):
    """JSON text of `doc` with up to three places swapped for odd values or odd raw tokens."""
    raw = {}
    for n in range(draw(st.integers(0, 3))):
        places = list(_locations(doc))
        if isinstance(doc, dict) and doc and draw(st.booleans()):  # a top-level key, often
            places = [(key,) for key in doc]
        where = draw(st.sampled_from(places))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            marker = f"@@raw{n}@@"
            raw[json.dumps(marker)] = draw(st.sampled_from(ODD_JSON))
            new = marker
        elif kind == 1:
            new = draw(json_values)
        elif kind == 2:
            new = draw(st.sampled_from(ODD_STRINGS))
            paths = [(key,) for key in doc if key.endswith("File")] \
                if isinstance(doc, dict) else []
            if paths and draw(st.booleans()):  # a config's file names, often
                where = draw(st.sampled_from(paths))
        else:  # a neighbouring shape: one more or one less element
            old = _get(doc, where)
            new = (old + old[-1:] if draw(st.booleans()) else old[:-1]) \
                if isinstance(old, list) else [old]
        doc = _replace(doc, where, new)
    if isinstance(doc, dict) and draw(st.booleans()) and doc:  # a duplicate key, last one wins
        key = draw(st.sampled_from(sorted(doc)))
        text = json.dumps(doc, indent=draw(st.sampled_from([None, 1, 2])))
        text = text[:-1].rstrip() + f', {json.dumps(key)}: {draw(st.sampled_from(ODD_JSON[:30]))}}}'
    else:
        text = json.dumps(doc, indent=draw(st.sampled_from([None, 1, 2])), ensure_ascii=draw(
            st.booleans()))
    for marker, token in raw.items():
        text = text.replace(marker, token)
    return text


def _get(value, where):
    for step in where:
        value = value[step]
    return value


@st.composite
def csv_text(draw, columns):
    """A dataset CSV of `columns` columns, with odd cells, labels, line ends and quoting."""
    labels = [draw(st.one_of(st.sampled_from(["x", "y", "i0", "z0", "70", "", " a b ", '"q,"',
                                              "a\u2028b", "#c"]),
                             st.text(max_size=6)))
              for _ in range(columns)]
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        width = columns if draw(st.integers(0, 5)) else draw(st.integers(0, columns + 2))
        rows.append([draw(st.one_of(finite.map(repr), finite.map(str),
                                    st.sampled_from(CSV_CELLS))) for _ in range(width)])
    end = draw(st.sampled_from(["\n", "\n", "\r\n", "\r", "\n\n", "\n \n", "\n,,\n"]))
    lines = [",".join(labels)] + [",".join(row) for row in rows]
    return end.join(lines) + draw(st.sampled_from(["", end]))


# A spreadsheet's way of writing a CSV: separator, decimal comma, `sep=` line, quoting, line ends.
DIALECTS = [(",", False), (";", True), (";", False), ("\t", False), ("\t", True)]


@st.composite
def spreadsheet_csv(draw, columns=None):
    """(text, labels, values) of a valid CSV written as a spreadsheet or pandas would write it:
    reading `text` must give exactly `labels` and `values`."""
    columns = columns or draw(st.integers(1, 4))
    separator, decimal_comma = draw(st.sampled_from(DIALECTS))
    decimal_comma = decimal_comma and columns > 1  # one column of "1,5": one cell or two?
    labels = [f"{draw(st.sampled_from(['x', 'y', 'col', 'Größe', 'a b']))}{i}"
              for i in range(columns)]
    values = [[draw(st.one_of(st.integers(-10**6, 10**6).map(float),
                              st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)))
               for _ in range(columns)] for _ in range(draw(st.integers(1, 6)))]
    quote = draw(st.sampled_from(["none", "header", "all"]))
    index = draw(st.booleans()) and columns > 1  # pandas' DataFrame.to_csv() with its index

    def cell(v, header=False):
        text = v if header else repr(v)
        if decimal_comma and not header:
            text = text.replace(".", ",")
        return f'"{text}"' if quote == "all" or (quote == "header" and header) else text

    head = ([""] if index else []) + [cell(label, True) for label in labels]
    lines = [separator.join(head)] + [
        separator.join(([str(r)] if index else []) + [cell(v) for v in row])
        for r, row in enumerate(values)]
    if separator != "," and draw(st.booleans()):
        lines.insert(0, f"sep={separator}")
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = draw(st.sampled_from(["", "\ufeff"])) + end.join(lines) + draw(st.sampled_from(["", end]))
    return text, labels, values


@st.composite
def mangled(draw, text):
    """`text` truncated, spliced or doubled, then encoded, maybe with a BOM or flipped bytes."""
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2]))):
        n = len(text)
        kind = draw(st.integers(0, 5))
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        if kind == 0:
            text = text[:a]  # truncated
        elif kind == 1:
            text = text[:a] + text[b:]  # a piece missing
        elif kind == 2:
            text = text[:a] + draw(st.text(max_size=8)) + text[b:]  # garbage inside
        elif kind == 3:
            text = text + text  # two documents
        elif kind == 4:
            text = text[:a] + text[a:b] * draw(st.integers(2, 50)) + text[b:]  # a repeat
        else:
            text = draw(st.sampled_from(["\ufeff", " ", "\n", "\x00", "\u2028"])) + text
    encoding = draw(st.sampled_from(ENCODINGS))
    errors = draw(st.sampled_from(["replace", "surrogatepass"])) if encoding.startswith("utf") \
        else "replace"  # surrogatepass: a lone surrogate as the bytes UTF-8 forbids
    data = text.encode(encoding, errors=errors)
    if draw(st.integers(0, 9)) == 0:
        data = bytearray(data)
        for _ in range(draw(st.integers(1, 4))):
            if data:
                i = draw(st.integers(0, len(data) - 1))
                data[i] = draw(st.integers(0, 255))
        data = bytes(data)
    return data


@st.composite
def hostile_case(draw, fmt):
    """(bytes of a broken file, the reader's arguments) for one format."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.binary(max_size=200)), _reader_args(draw, fmt)
    args = _reader_args(draw, fmt)
    if fmt == "csv":
        columns = args["columns"] if isinstance(args["columns"], int) else draw(st.integers(1, 4))
        text = draw(csv_text(columns)) if draw(st.integers(0, 3)) else \
            draw(spreadsheet_csv(columns))[0]
    elif fmt == "weights":
        sizes = args["sizes"] if draw(st.integers(0, 3)) else draw(sizes_strategy)
        text = draw(broken_json(_weights_document(draw, sizes)))
    elif fmt == "minmax":
        inputs = args["inputs"] or draw(st.integers(1, 3))
        outputs = args["outputs"] or draw(st.integers(1, 3))
        text = draw(broken_json(_minmax_document(draw, inputs, outputs)))
    elif draw(st.integers(0, 3)) == 0:  # a valid config but for one file name or the shape
        doc = _config_document(draw)
        key = draw(st.sampled_from(["initWeightsBiasesJSONFile", "minMaxJSONFile",
                                    "trainingDatasetCSVFile", "testingDatasetCSVFile",
                                    "hiddenNodesPerLayer"]))
        doc[key] = draw(st.one_of(st.sampled_from(ODD_STRINGS), st.lists(
            st.sampled_from([1, 3, 1000, 99999, 100000]), max_size=4)))
        return json.dumps(doc).encode("utf-8"), args
    else:
        text = draw(broken_json(_config_document(draw)))
    return draw(mangled(text)), args


def _reader_args(draw, fmt):
    if fmt == "csv":
        return {"columns": draw(st.one_of(st.none(), st.integers(1, 4),
                                          st.tuples(st.integers(1, 3), st.integers(1, 5))))}
    if fmt == "weights":
        return {"sizes": draw(sizes_strategy)}
    if fmt == "minmax":
        return {"inputs": draw(st.one_of(st.none(), st.integers(1, 3))),
                "outputs": draw(st.one_of(st.none(), st.integers(1, 3)))}
    return {}


# -- the rule -------------------------------------------------------------------------------

class Hang(Exception):
    """A read took longer than TIME_LIMIT."""


@contextlib.contextmanager
def time_limit(seconds):
    def expire(signum, frame):
        raise Hang(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read(fmt, path, args):
    """What the engine does with a file of this format."""
    if fmt == "csv":
        return read_csv(path, **args)
    if fmt == "weights":
        return read_weights(path, **args)
    if fmt == "minmax":
        return read_minmax(path, **args)
    return Experiment.load(load_config(path), need_training_data=False)


def violation(fmt, data, args, folder):
    """None if the engine handles this file as it must, else what went wrong."""
    path = Path(folder) / FILE_NAMES[fmt]
    path.write_bytes(data)
    try:
        with time_limit(TIME_LIMIT):
            result = read(fmt, path, args)
    except InputError as e:
        return _bad_message(fmt, path, e)
    except Hang as e:
        return f"hang: {e}"
    except Exception as e:  # noqa: BLE001 - anything else is what we are looking for
        where = traceback.extract_tb(e.__traceback__)[-1]
        return (f"{type(e).__name__} at {Path(where.filename).name}:{where.lineno}: "
                f"{str(e)[:200]}")
    return _wrong_result(fmt, result, args)


def _bad_message(fmt, path, e):
    text = str(e)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return f"InputError message is not valid text: {text[:200]!r}"
    if not e.source:
        return f"InputError names no file: {text[:200]!r}"
    if fmt != "config" and path.name not in text:  # a config may blame a file it names
        return f"InputError does not name {path.name}: {text[:200]!r}"
    return None


def _wrong_result(fmt, result, args):
    if fmt == "csv":
        ok = (isinstance(result, Table) and result.values.ndim == 2
              and result.values.shape[0] >= 1 and result.values.shape[1] == len(result.labels)
              and np.all(np.isfinite(result.values)))
        allowed = args["columns"]
        allowed = (allowed,) if isinstance(allowed, int) else allowed
        ok = ok and (not allowed or len(result.labels) in allowed)
    elif fmt == "weights":
        ok = (isinstance(result, np.ndarray) and result.shape == (parameter_layout(args["sizes"])[2],)
              and np.all(np.isfinite(result)))
    elif fmt == "minmax":
        ok = isinstance(result, dict) and all(
            np.all(np.isfinite(v)) for v in result.values()) and all(
            np.all(result[f"min{s}"] <= result[f"max{s}"]) for s in ("Input", "Output"))
    else:
        c = result.config
        ok = (result.initial_params.shape == (parameter_layout(c.sizes)[2],)
              and np.all(np.isfinite(result.initial_params)) and math.isfinite(c.learningRate))
    return None if ok else f"loaded, but the result is wrong: {str(result)[:200]}"
