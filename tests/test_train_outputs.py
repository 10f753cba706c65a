"""Files that must not be lost (SPEC section 10, issue 12 item 3 and 4): outputs checked before the
first step, the weights and min-max written as a pair, failures naming the user's file and the
reason, Ctrl-C writing the step reached (exit 130), a second Ctrl-C aborting, bounded history."""

import errno
import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from mlpviz import cli
from mlpviz.core import file_writers, files, outputs
from mlpviz.core.experiment import Experiment
from mlpviz.core.files import read_weights
from test_cli import ROOT, assert_bad_input, copy_example, run

LONG = 10**9  # epochs: a run that reached its first step would never end in a test


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def refused_at_once(capsys, *argv, mentions=()):
    start = time.perf_counter()
    status, out, err = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", LONG, *argv)
    assert time.perf_counter() - start < 30  # before the first of 4·10⁹ steps
    assert_bad_input(status, err, *mentions)
    assert "epoch" not in out
    return err


def test_a_folder_is_refused_before_training(here, capsys):
    (here / "out").mkdir()
    refused_at_once(capsys, "--weights-out", "out", mentions=["out", "is a folder"])


def test_a_missing_folder_is_refused_before_training(here, capsys):
    refused_at_once(capsys, "--minmax-out", "nowhere/m.json",
                    mentions=["nowhere/m.json", "folder nowhere does not exist"])
    refused_at_once(capsys, "--history-out", "nowhere/h.csv", mentions=["nowhere/h.csv"])


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_refused_and_never_replaced(here, capsys):
    # as root, --weights-out /dev/null turned the device into a regular file
    refused_at_once(capsys, "--weights-out", "/dev/null", mentions=["/dev/null", "device"])
    assert not os.path.isfile("/dev/null")
    with pytest.raises(OSError):  # and the writer itself refuses to rename over one
        files.write_atomic("/dev/null", "{}")
    assert not os.path.isfile("/dev/null")


def test_a_fifo_is_refused_and_never_replaced(here, capsys):
    os.mkfifo(here / "pipe.json")
    refused_at_once(capsys, "--minmax-out", "pipe.json", mentions=["pipe.json", "pipe"])
    assert not (here / "pipe.json").is_file() and (here / "pipe.json").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_refused_before_training(here, capsys):
    (here / "ro").mkdir(mode=0o555)
    refused_at_once(capsys, "--weights-out", "ro/w.json", mentions=["ro/w.json", "not writable"])


def test_no_weights_file_at_all_is_refused_before_training(here, capsys):
    config = copy_example("cheat-sheet-4-rows", here / "mine", trainedWeightsBiasesJSONFile="N/A",
                          epochs=LONG)
    status, _, err = run(capsys, "train", config)
    assert_bad_input(status, err, "trainedWeightsBiasesJSONFile", "--weights-out")


def test_no_minmax_file_writes_the_weights_alone(here, capsys):
    config = copy_example("cheat-sheet-4-rows", here / "mine", minMaxJSONFile="N/A", epochs=2)
    status, out, _ = run(capsys, "train", config)
    assert status == 0 and "minmax.json" not in out
    assert sorted(p.name for p in (here / "mine").iterdir()) == [
        "config.json", "init-weights-biases.json", "trained-weights-biases.json", "training.csv"]


# -- the pair ---------------------------------------------------------------------------------

def trained_pair(here, capsys):
    assert run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 2, "--quiet")[0] == 0
    return {p: (here / p).read_bytes() for p in ("trained-weights-biases.json", "minmax.json")}


@pytest.mark.parametrize("failing", ["trained-weights-biases.json", "minmax.json"])
def test_a_full_disk_changes_neither_file_and_says_so(here, capsys, monkeypatch, failing):
    before = trained_pair(here, capsys)
    real = files.prepare_atomic

    def full(path, text):
        if os.path.basename(path) == failing:
            raise OSError(errno.ENOSPC, "No space left on device", f".{failing}.123.x.tmp")
        return real(path, text)

    monkeypatch.setattr(outputs, "prepare_atomic", full)
    status, out, err = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 5, "--quiet")
    assert status == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"mlpviz: {failing}: cannot be written (no space left on the device)" in err
    assert "left as they were" in err and ".tmp" not in err
    assert {p: (here / p).read_bytes() for p in before} == before  # neither changed
    assert sorted(p.name for p in here.iterdir()) == sorted(before)  # no temporary file left


def test_a_failed_rename_removes_both_temporary_files(here, capsys, monkeypatch):
    before = trained_pair(here, capsys)
    monkeypatch.setattr(file_writers.os, "replace", lambda a, b: (_ for _ in ()).throw(
        PermissionError(errno.EACCES, "Permission denied", a)))
    status, _, err = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 5, "--quiet")
    assert status == 1 and "permission denied" in err and ".tmp" not in err
    assert {p: (here / p).read_bytes() for p in before} == before
    assert sorted(p.name for p in here.iterdir()) == sorted(before)


def test_history_failing_after_the_weights_says_so(here, capsys, monkeypatch):
    monkeypatch.setattr(outputs, "write_atomic", lambda path, text: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, "No space left on device", ".h.csv.1.tmp")))
    status, _, err = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 2, "--quiet",
                         "--history-out", "h.csv")
    assert status == 1 and len(err.strip().splitlines()) == 1
    assert "h.csv: cannot be written (no space left on the device)" in err
    assert "the weights were written to trained-weights-biases.json and minmax.json" in err
    assert (here / "trained-weights-biases.json").is_file()


# The pair's kill tests: tests/test_pair_kills.py


# -- Ctrl-C -------------------------------------------------------------------------------------

def interrupting(monkeypatch, presses, at_call=3):
    """Trainer.run presses Ctrl-C `presses` times at its `at_call`-th call."""
    from mlpviz.core.trainer import Trainer
    real_run, calls = Trainer.run, iter(range(10**9))

    def run_and_press(self, steps):
        if next(calls) == at_call:
            for _ in range(presses):
                signal.raise_signal(signal.SIGINT)
                time.sleep(0.01)  # the handler runs between presses, as a person's would
        return real_run(self, steps)

    monkeypatch.setattr(Trainer, "run", run_and_press)


def test_ctrl_c_writes_the_step_reached_and_exits_130(here, capsys, monkeypatch):
    interrupting(monkeypatch, 1)
    status, _, err = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", LONG, "--quiet")
    assert status == 130
    assert "interrupted at step" in err and "trained-weights-biases.json" in err
    step = int(err.split("interrupted at step ")[1].split(" ")[0].replace(",", ""))
    assert step > 0
    params = read_weights(here / "trained-weights-biases.json", (2, 3, 1))
    experiment = Experiment.load(ROOT / "resources" / "cheat-sheet-4-rows" / "config.json")
    trainer = experiment.trainer()
    trainer.run(step)  # the same run, to the step it said: the same weights, bit for bit
    assert np.array_equal(trainer.network.params, params)
    assert json.loads((here / "minmax.json").read_text())["maxOutput"] == [91]


def test_a_second_ctrl_c_aborts_without_writing(here, capsys, monkeypatch):
    interrupting(monkeypatch, 2)
    status, _, err = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", LONG, "--quiet")
    assert status == 130 and "interrupted" in err
    assert list(here.iterdir()) == []


def test_ctrl_c_in_a_real_process(here):
    done = subprocess.Popen([sys.executable, "-m", "mlpviz", "train", "cheat-sheet-4-rows",
                             "--epochs", str(LONG)], cwd=here, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "epoch" in done.stdout.readline()  # training has started
    done.send_signal(signal.SIGINT)
    _, err = done.communicate(timeout=60)
    assert done.returncode == 130, err
    assert "interrupted at step" in err and "Traceback" not in err
    assert read_weights(here / "trained-weights-biases.json", (2, 3, 1)).shape == (13,)


# -- bounded runs -------------------------------------------------------------------------------

def test_without_history_out_no_loss_history_is_kept(here, capsys):
    experiment = Experiment.load(ROOT / "resources" / "cheat-sheet-4-rows" / "config.json")
    kept, dropped = experiment.trainer(), experiment.trainer()
    assert cli.train_epochs(kept, 3000, False, keep_history=True) == "done"
    with_history = capsys.readouterr().out
    assert cli.train_epochs(dropped, 3000, False, keep_history=False) == "done"
    assert capsys.readouterr().out == with_history  # the same epoch losses printed
    assert len(kept.history) == 12000 and len(dropped.history) == 0
    assert np.array_equal(kept.network.params, dropped.network.params)
