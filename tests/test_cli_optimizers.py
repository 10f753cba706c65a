"""`mlpviz train` with --optimizer, --l2, --l1, and its loop running many epochs per engine call."""

import csv

import numpy as np
import pytest

from mlpviz.cli import main, reported_epochs
from mlpviz.core import Experiment, examples
from mlpviz.core.files import read_weights
from mlpviz.core.trainer import Trainer


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def losses(path):
    with open(path, newline="") as f:
        return [float(row[2]) for row in list(csv.reader(f))[1:]]


@pytest.mark.parametrize("flags,changes", [
    (["--optimizer", "adam"], {"optimizer": "adam"}),
    (["--optimizer", "momentum", "--l2", "0.01"], {"optimizer": "momentum", "l2": 0.01}),
    (["--l1", "0.002"], {"l1": 0.002}),
])
def test_the_flags_train_as_the_config_keys_would(here, capsys, flags, changes):
    status, _, err = run(capsys, "train", "xor", "--epochs", 30, "--quiet", *flags)
    assert (status, err) == (0, "")
    experiment = Experiment.load(examples.config_path("xor"))
    for key, value in changes.items():
        setattr(experiment.config, key, value)
    trainer = experiment.trainer()
    trainer.run_epochs(30)
    written = read_weights(here / "trained-weights-biases.json", experiment.config.sizes)
    assert np.array_equal(written, trainer.network.params)
    assert trainer.optimizer.settings.name == changes.get("optimizer", "sgd")


@pytest.mark.parametrize("flag,value", [("--l2", -0.1), ("--l1", "nan"), ("--l2", "inf")])
def test_bad_penalties_are_bad_input(here, capsys, flag, value):
    status, _, err = run(capsys, "train", "xor", flag, value)
    assert status == 2 and flag in err and len(err.strip().splitlines()) == 1


def test_an_unknown_optimizer_is_a_usage_error(here, capsys):
    status, _, err = run(capsys, "train", "xor", "--optimizer", "Adam")
    assert status == 2 and "adam" in err and list(here.iterdir()) == []


def test_many_epochs_of_small_data_take_few_engine_calls(here, capsys, monkeypatch):
    # 2000 epochs of 4 rows = 8000 updates: one call per epoch made 2000 calls; now the calls
    # only stop at reported epochs (none when quiet) and when the progress bar wants a look
    calls = []
    original = Trainer.run
    monkeypatch.setattr(Trainer, "run", lambda self, n: calls.append(n) or original(self, n))
    status, _, _ = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 2000, "--quiet")
    assert status == 0 and sum(calls) == 8000 and len(calls) <= 8
    experiment = Experiment.load(examples.config_path("cheat-sheet-4-rows"))
    reference = experiment.trainer()
    reference.run(8000)
    written = read_weights(here / "trained-weights-biases.json", experiment.config.sizes)
    assert np.array_equal(written, reference.network.params)


def test_each_reported_epoch_shows_its_own_mean_loss(here, capsys):
    status, out, _ = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 100,
                         "--history-out", "h.csv")
    assert status == 0
    lines = [line.split() for line in out.splitlines() if line.startswith("epoch")]
    shown = {int(words[1].split("/")[0]): float(words[3]) for words in lines}
    assert sorted(shown) == [1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80,
                             85, 90, 95, 100]
    history = losses(here / "h.csv")
    for epoch, loss in shown.items():
        assert loss == pytest.approx(np.mean(history[4 * (epoch - 1) : 4 * epoch]), rel=1e-5)


def test_reported_epochs():
    assert reported_epochs(10, 1, False) == list(range(1, 11))
    assert reported_epochs(45, 2, False) == [1] + list(range(2, 45, 2)) + [45]
    assert reported_epochs(45, 2, True) == [45]
    assert reported_epochs(0, 1, False) == []
