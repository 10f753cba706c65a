"""Hostile and broken files (issue 6, item 2): each loads correctly or raises InputError naming
the file; nothing else, and never a hang. A few hundred generated cases here; tools/fuzz_files.py
runs tens of thousands (tests/hostile_readers.py: the readers issue 12 added). Below them, one test for each bug the fuzzing found."""

import json
import os
import shutil
import tempfile
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_files import (GOOD_CONFIG, GOOD_CSV, GOOD_WEIGHTS, csv_text, spreadsheet_csv,
                           prepare_folder)
from hostile_readers import FORMATS, hostile_case, violation  # the first four and issue 12's
from mlpviz.core import csv_files, files
from mlpviz.core.csv_dialects import detect
from mlpviz.core.config import load_config
from mlpviz.core.errors import Cancelled, InputError
from mlpviz.core.experiment import Experiment
from mlpviz.core.files import read_csv, read_json, read_weights

CASES_PER_FORMAT = 75


@pytest.fixture(scope="module")
def folder():
    path = tempfile.mkdtemp(prefix="mlpviz-hostile-")
    yield prepare_folder(path)
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_files_load_or_fail_with_a_message_naming_the_file(folder, fmt):
    @settings(max_examples=CASES_PER_FORMAT, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(hostile_case(fmt))
    def check(case):
        data, args = case
        problem = violation(fmt, data, args, folder)
        assert problem is None, problem

    check()


# -- the bugs the fuzzing found, one test each ---------------------------------------------

def config_naming(tmp_path, **changes):
    """A valid config in a prepared folder, with some keys changed."""
    prepare_folder(tmp_path)
    path = tmp_path / "config.json"
    path.write_text(json.dumps({**GOOD_CONFIG, **changes}), encoding="utf-8")
    return path


def load_fails(path, *mentions):
    with pytest.raises(InputError) as caught:
        Experiment.load(load_config(path))
    text = str(caught.value)
    text.encode("utf-8")  # printable anywhere
    for part in mentions:
        assert part in text, text
    return text


def test_a_device_is_refused_not_read_forever(tmp_path):
    # read_bytes() of /dev/zero filled memory until the process was killed
    start = time.perf_counter()
    load_fails(config_naming(tmp_path, trainingDatasetCSVFile="/dev/zero"), "/dev/zero",
               "regular file")
    assert time.perf_counter() - start < 5


def test_a_pipe_is_refused_not_waited_on(tmp_path):
    # opening a FIFO for reading blocked until a writer came, that is, forever
    load_fails(config_naming(tmp_path, trainingDatasetCSVFile="fifo.csv"), "fifo.csv",
               "regular file")


@pytest.mark.parametrize("name", ["a\x00b.csv", "\ud800.csv"])
def test_a_path_that_cannot_be_a_file_name(tmp_path, name):
    # Path.stat() raised ValueError: embedded null byte / UnicodeEncodeError: surrogates
    load_fails(config_naming(tmp_path, trainingDatasetCSVFile=name), "file name")


def test_an_unpaired_surrogate_in_a_message_is_printable(tmp_path):
    # the message quoted the value as it was: "\udc00" cannot be encoded, so printing it failed
    text = load_fails(config_naming(tmp_path, activationFunction="\udc00x"), "activationFunction")
    assert "\\udc00x" in text


def test_a_network_too_large_for_memory_is_refused_by_name(tmp_path):
    # 2-100000-100000-1 passed validation, then np.zeros(10**10) ran out of memory
    load_fails(config_naming(tmp_path, hiddenNodesPerLayer=[100000, 100000],
                             initWeightsBiasesMethod="random"),
               "hiddenNodesPerLayer", "10,000,500,001", "10,000,000")


def test_utf16_text_is_named_as_such(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(GOOD_CSV.encode("utf-16"))
    with pytest.raises(InputError, match="UTF-16"):
        read_csv(path, 3)


def test_an_integer_of_thousands_of_digits_names_its_line(tmp_path):
    # the message was Python's own: "... use sys.set_int_max_str_digits() to increase the limit"
    path = tmp_path / "w.json"
    path.write_text('{\n "outputBias": [%s]\n}' % ("9" * 5000), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_json(path)
    assert "line 2" in str(caught.value) and "set_int_max_str_digits" not in str(caught.value)


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    from mlpviz.core import file_readers
    path = tmp_path / "w.json"
    path.write_text(json.dumps(GOOD_WEIGHTS), encoding="utf-8")
    real_fstat = os.fstat
    monkeypatch.setattr(file_readers.os, "fstat",  # the size seen before reading is an old one
                        lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    monkeypatch.setattr(file_readers, "MAX_JSON_BYTES", 20)
    with pytest.raises(InputError, match="up to 20 bytes"):
        read_weights(path, (2, 3, 1))


# -- the fast reader of plain CSV agrees with the careful one --------------------------------

@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.integers(1, 4).flatmap(csv_text), st.sampled_from([None, 1, 2, 3, 4, (2, 3)]))
def test_the_plain_csv_reader_agrees_with_the_careful_one(text, columns):
    """numpy's reader is only trusted when it returns exactly what the csv module would."""
    assert_readers_agree(text, columns)


def assert_readers_agree(text, columns):
    content = text.replace("\r\n", "\n").replace("\r", "\n")
    dialect = detect(content)
    try:
        plan = csv_files._plan(content, dialect, "data.csv", columns, None, ())
    except InputError:
        return  # refused before any row is read
    fast = csv_files._read_plain(content, plan.body, dialect, len(plan.labels), None)
    if fast is None:
        return  # the careful reader decides
    careful, _ = csv_files._read_carefully(content, plan.body, dialect, "data.csv", plan, None)
    assert np.array_equal(fast, careful)


def test_progress_is_reported_and_reading_can_be_cancelled(tmp_path):
    path = tmp_path / "big.csv"
    rows = np.arange(300_000, dtype=float).reshape(-1, 3)
    path.write_text("a,b,c\n" + "\n".join(",".join(map(str, r.tolist())) for r in rows) + "\n")
    seen = []
    table = read_csv(path, 3, progress=seen.append)
    assert np.array_equal(table.values, rows)
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] == 1.0
    with pytest.raises(Cancelled):
        read_csv(path, 3, progress=lambda fraction: fraction < 0.5)


@pytest.mark.parametrize("text", ["a,b\n1,2\n \n3,4\n", 'a,b\n"1",2\n', "a,b\n1,2\r\n3,x\r\n"])
def test_progress_and_cancel_on_the_careful_path_too(tmp_path, text):
    path = tmp_path / "odd.csv"
    path.write_text(text)
    csv_files.CAREFUL_CSV_CHUNK, chunk = 1, csv_files.CAREFUL_CSV_CHUNK
    try:
        with pytest.raises(Cancelled):
            read_csv(path, 2, progress=lambda fraction: False)
    finally:
        csv_files.CAREFUL_CSV_CHUNK = chunk


# -- spreadsheet dialects (issue 12) ----------------------------------------------------------

@settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(spreadsheet_csv())
def test_spreadsheet_dialects_read_back_exactly(case):
    text, labels, values = case
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sheet.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        table = read_csv(path, len(labels))
    assert table.labels == labels
    assert table.values.tolist() == values
    assert_readers_agree(text, len(labels))
