"""No tracebacks and no numpy warnings for anything a file or flag can hold (SPEC section 10,
issue 12 item 5); `mlpviz predict … | head` ends quietly."""

import json
import os
import subprocess
import sys
import warnings

import pytest

from mlpviz.core import csv_files
from mlpviz.core.csv_files import read_csv
from mlpviz.core.errors import InputError
from test_cli import RESOURCES, ROOT, copy_example, run


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_predict_into_head_exits_quietly(here):
    rows = "\n".join(f"{60 + i % 10},{90 - i % 7}" for i in range(200_000))
    (here / "in.csv").write_text("i0,i1\n" + rows + "\n")
    weights = RESOURCES / "cheat-sheet-4-rows" / "init-weights-biases.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "mlpviz", "predict", "cheat-sheet-4-rows", "--weights",
         str(weights), "--data", "in.csv"], cwd=here, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdout.readline() == b"i0,i1,z0\n"
    process.stdout.close()  # what head does after its lines
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141  # as a shell reports a program ended by SIGPIPE
    assert err == ""


def test_overflowing_numbers_give_no_numpy_warnings(here, capsys):
    config = copy_example("cheat-sheet-4-rows", here / "mine", activationFunction="linear",
                          outputActivationFunction="linear")
    doc = json.loads((here / "mine" / "init-weights-biases.json").read_text())
    doc["outputWeights"] = [[1e200, 1e200, 1e200]]
    (here / "w.json").write_text(json.dumps(doc))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        status, out, err = run(capsys, "test", config, "--weights", "w.json", "--data",
                               RESOURCES / "cheat-sheet-4-rows" / "training.csv")
    assert status == 0 and err == ""
    assert [str(w.message) for w in caught] == []  # numpy said "overflow encountered in square"
    assert "inf" in out


def test_memory_exhausted_reading_a_file_is_one_message(here, monkeypatch):
    (here / "big.csv").write_text("a,b\n1,2\n")

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(csv_files, "_read_rows", exhausted)
    with pytest.raises(InputError, match="big.csv: not enough memory"):
        read_csv(here / "big.csv")


def test_memory_exhausted_anywhere_is_one_line_on_the_command_line(here, capsys, monkeypatch):
    from mlpviz import cli
    monkeypatch.setattr(cli, "cmd_examples", lambda args: (_ for _ in ()).throw(MemoryError()))
    monkeypatch.setitem(cli.COMMANDS, "examples", cli.cmd_examples)
    status, _, err = run(capsys, "examples")
    assert status == 1 and err == "mlpviz: not enough memory (is a file or the network very large?)\n"


def test_an_error_without_a_file_name_is_still_one_plain_line(here, capsys, monkeypatch):
    import errno
    from mlpviz import cli
    monkeypatch.setitem(cli.COMMANDS, "examples", lambda args: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, "No space left on device")))
    status, _, err = run(capsys, "examples")
    assert status == 1 and err == "mlpviz: no space left on the device\n"
