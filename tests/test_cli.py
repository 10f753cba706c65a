"""The command line (SPEC section 4), run in-process; files land in a temporary folder."""

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mlpviz import __version__
from mlpviz.cli import main
from mlpviz.core.files import read_weights
from mlpviz.core.network import Network

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
EXAMPLES = ["worked-example", "cheat-sheet", "cheat-sheet-4-rows", "xor", "sine", "iris", "spiral",
            "digits"]
CHEAT_SHEET_LOSSES = [0.07446, 0.07242, 0.07044, 0.06852, 0.06666,
                      0.06486, 0.06312, 0.06143, 0.05979, 0.05820]


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run in an empty temporary folder: bundled examples write their files here."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv):
    """main(argv) -> (exit status, stdout, stderr)."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def history(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], [(int(s), int(e), float(loss)) for s, e, loss in rows[1:]]


def copy_example(name, folder, **config_changes):
    """A copy of a bundled example in `folder`, with some config keys changed."""
    shutil.copytree(RESOURCES / name, folder, dirs_exist_ok=True)
    path = folder / "config.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc.update(config_changes)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def assert_bad_input(status, err, *mentions):
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for part in mentions:
        assert part in lines[0], lines[0]


# -- examples, --version ---------------------------------------------------------------------

def test_examples_lists_them_all(here, capsys):
    status, out, _ = run(capsys, "examples")
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()] == EXAMPLES


def test_version_in_a_subprocess():
    done = subprocess.run([sys.executable, "-m", "mlpviz", "--version"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert done.stdout.strip() == f"mlpviz {__version__}"


def test_unknown_example_in_a_subprocess(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mlpviz", "train", "nosuch"], cwd=tmp_path,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "nosuch" in done.stderr and "worked-example" in done.stderr
    assert list(tmp_path.iterdir()) == []


# -- train: the tutorials' numbers -----------------------------------------------------------

def test_train_worked_example(here, capsys):
    status, out, err = run(capsys, "train", "worked-example", "--quiet", "--history-out", "h.csv")
    assert (status, out, err) == (0, "", "")
    header, rows = history(here / "h.csv")
    assert header == ["step", "epoch", "loss"]
    assert len(rows) == 10000
    assert rows[0][:2] == (0, 0) and rows[-1][:2] == (9999, 9999)
    assert round(rows[0][2], 9) == 0.298371109
    assert round(rows[1][2], 10) == 0.2910277737

    params = read_weights(here / "trained-weights-biases.json", (2, 2, 2))
    network = Network((2, 2, 2), "sigmoid", params=params)
    x, z = np.array([0.05, 0.10]), np.array([0.01, 0.99])
    assert float(f"{network.loss(x, z):.5g}") == 3.5102e-05
    assert np.round(network.predict(x)[0], 6).tolist() == [0.015914, 0.984064]
    assert network.b[1].tolist() == [0.35, 0.35]  # the worked example never trains its biases


def test_train_cheat_sheet_ten_epochs(here, capsys):
    status, out, _ = run(capsys, "train", "cheat-sheet", "--epochs", 10, "--history-out", "h.csv")
    assert status == 0
    header, rows = history(here / "h.csv")
    assert header == ["step", "epoch", "loss"]
    assert [round(loss, 5) for _, _, loss in rows] == CHEAT_SHEET_LOSSES
    progress = [line for line in out.splitlines() if "epoch" in line and "loss" in line]
    assert len(progress) >= 2
    assert "0.0744616" in progress[0]  # epoch 1's loss
    minmax = json.loads((here / "minmax.json").read_text())
    assert minmax["minOutput"] == [0] and minmax["maxOutput"] == [100]
    assert minmax["minInput"] == [70, 98]
    assert (here / "trained-weights-biases.json").is_file()
    # nothing was written into the bundled example's folder
    assert not (RESOURCES / "cheat-sheet" / "trained-weights-biases.json").exists()


def test_train_cheat_sheet_step_100(here, capsys):
    status, _, _ = run(capsys, "train", "cheat-sheet", "--epochs", 101, "--quiet",
                       "--history-out", "h.csv")
    assert status == 0
    _, rows = history(here / "h.csv")
    assert len(rows) == 101
    assert round(rows[100][2], 5) == 0.00985


# -- train: options --------------------------------------------------------------------------

def test_weights_out_and_minmax_out(here, capsys):
    (here / "out").mkdir()
    status, out, _ = run(capsys, "train", "cheat-sheet", "--epochs", 3,
                         "--weights-out", "out/w.json", "--minmax-out", "out/m.json")
    assert status == 0
    assert sorted(p.name for p in (here / "out").iterdir()) == ["m.json", "w.json"]
    assert not (here / "trained-weights-biases.json").exists()
    assert not (here / "minmax.json").exists()
    assert read_weights(here / "out" / "w.json", (2, 3, 1)).shape == (13,)
    assert json.loads((here / "out" / "m.json").read_text())["maxOutput"] == [100]
    assert "out/w.json" in out


def test_learning_rate_zero_leaves_the_weights_unchanged(here, capsys):
    status, _, _ = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 5, "--quiet",
                       "--learning-rate", 0, "--weights-out", "w.json")
    assert status == 0
    initial = read_weights(RESOURCES / "cheat-sheet-4-rows" / "init-weights-biases.json",
                           (2, 3, 1))
    assert np.array_equal(read_weights(here / "w.json", (2, 3, 1)), initial)


def test_learning_rate_is_used(here, capsys):
    initial = read_weights(RESOURCES / "cheat-sheet-4-rows" / "init-weights-biases.json",
                           (2, 3, 1))
    run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 5, "--quiet", "--weights-out", "a.json")
    run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 5, "--quiet", "--weights-out", "b.json",
        "--learning-rate", 0.5)
    a, b = read_weights(here / "a.json", (2, 3, 1)), read_weights(here / "b.json", (2, 3, 1))
    assert not np.array_equal(a, initial) and not np.array_equal(a, b)


def test_seed_changes_xor_and_runs_repeat_bit_for_bit(here, capsys):
    outputs = {}
    for name, extra in (("a", ()), ("b", ()), ("c", ("--seed", 2))):
        status, _, _ = run(capsys, "train", "xor", "--epochs", 200, "--quiet",
                           "--weights-out", f"{name}.json", *extra)
        assert status == 0
        outputs[name] = (here / f"{name}.json").read_bytes()
    assert outputs["a"] == outputs["b"]
    assert outputs["a"] != outputs["c"]


def test_xor_with_its_own_settings_repeats_byte_for_byte(here, capsys):
    written = []
    for _ in range(2):
        assert run(capsys, "train", "xor", "--quiet")[0] == 0
        written.append((here / "trained-weights-biases.json").read_bytes())
    assert written[0] == written[1]


@pytest.mark.parametrize("option, value", [("--epochs", -1), ("--seed", -3),
                                           ("--learning-rate", -0.1), ("--learning-rate", "nan")])
def test_negative_overrides_are_bad_input(here, capsys, option, value):
    status, _, err = run(capsys, "train", "cheat-sheet", option, value)
    assert_bad_input(status, err, option)
    assert list(here.iterdir()) == []


# -- test ------------------------------------------------------------------------------------

@pytest.fixture
def trained_4_rows(here, capsys):
    """cheat-sheet-4-rows trained for a while; its weights in ./trained-weights-biases.json."""
    assert run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 300, "--quiet")[0] == 0
    return here / "trained-weights-biases.json"


def test_test_prints_json(trained_4_rows, capsys):
    data = RESOURCES / "cheat-sheet-4-rows" / "training.csv"
    status, out, _ = run(capsys, "test", "cheat-sheet-4-rows", "--weights", trained_4_rows,
                         "--data", data, "--json")
    assert status == 0
    result = json.loads(out)
    assert set(result) == {"samples", "meanLoss"}
    assert result["samples"] == 4
    assert 0 < result["meanLoss"] < 0.0744  # lower than before training


def test_test_prints_a_line(trained_4_rows, capsys):
    data = RESOURCES / "cheat-sheet-4-rows" / "training.csv"
    status, out, _ = run(capsys, "test", "cheat-sheet-4-rows", "--weights", trained_4_rows,
                         "--data", data)
    assert status == 0
    assert len(out.strip().splitlines()) == 1
    assert "4 samples" in out and "loss" in out


def test_test_loss_depends_on_the_weights(trained_4_rows, capsys):
    data = RESOURCES / "cheat-sheet-4-rows" / "training.csv"
    losses = []
    for weights in (trained_4_rows, RESOURCES / "cheat-sheet-4-rows" / "init-weights-biases.json"):
        status, out, _ = run(capsys, "test", "cheat-sheet-4-rows", "--weights", weights,
                             "--data", data, "--json")
        losses.append(json.loads(out)["meanLoss"])
    assert losses[0] < losses[1]


def test_test_uses_the_configs_testing_csv_by_default(here, capsys):
    assert run(capsys, "train", "sine", "--epochs", 20, "--quiet")[0] == 0
    status, out, _ = run(capsys, "test", "sine", "--weights", "trained-weights-biases.json",
                         "--json")
    assert status == 0
    with open(RESOURCES / "sine" / "testing.csv") as f:
        testing_rows = sum(1 for line in f if line.strip()) - 1
    with open(RESOURCES / "sine" / "training.csv") as f:
        training_rows = sum(1 for line in f if line.strip()) - 1
    assert testing_rows != training_rows
    assert json.loads(out)["samples"] == testing_rows


def test_test_without_any_test_data_is_bad_input(trained_4_rows, capsys):
    status, _, err = run(capsys, "test", "cheat-sheet-4-rows", "--weights", trained_4_rows)
    assert_bad_input(status, err, "testingDatasetCSVFile")


# -- predict ---------------------------------------------------------------------------------

def test_predict_writes_denormalized_outputs(trained_4_rows, here, capsys):
    data = RESOURCES / "cheat-sheet-4-rows" / "training.csv"
    status, _, _ = run(capsys, "predict", "cheat-sheet-4-rows", "--weights", trained_4_rows,
                       "--data", data, "--out", "p.csv")
    assert status == 0
    with open(here / "p.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["i0", "i1", "z0"]
    values = np.array(rows[1:], dtype=float)
    assert values[:, :2].tolist() == [[70, 98], [50, 85], [65, 67], [25, 95]]  # inputs as given
    assert np.all((values[:, 2] > 60) & (values[:, 2] < 100))  # the data's own units, not [0, 1]
    assert abs(values[0, 2] - 91) < abs(values[3, 2] - 91)  # it learnt something


def test_predict_with_inputs_only(trained_4_rows, here, capsys):
    (here / "in.csv").write_text("i0,i1\n60,90\n40,70\n")
    status, _, _ = run(capsys, "predict", "cheat-sheet-4-rows", "--weights", trained_4_rows,
                       "--data", "in.csv", "--out", "p.csv")
    assert status == 0
    lines = (here / "p.csv").read_text().splitlines()
    assert lines[0] == "i0,i1,z0"
    assert len(lines) == 3
    assert all(60 < float(line.split(",")[2]) < 100 for line in lines[1:])


def test_predict_to_stdout(trained_4_rows, here, capsys):
    (here / "in.csv").write_text("i0,i1\n60,90\n")
    status, out, _ = run(capsys, "predict", "cheat-sheet-4-rows", "--weights", trained_4_rows,
                         "--data", "in.csv")
    assert status == 0
    lines = out.strip().splitlines()
    assert lines[0] == "i0,i1,z0"
    i0, i1, z0 = map(float, lines[1].split(","))
    assert (i0, i1) == (60, 90) and 60 < z0 < 100
    assert not (here / "p.csv").exists()


def test_predict_with_the_wrong_columns_is_bad_input(trained_4_rows, here, capsys):
    (here / "in.csv").write_text("i0\n60\n")
    status, _, err = run(capsys, "predict", "cheat-sheet-4-rows", "--weights", trained_4_rows,
                         "--data", "in.csv")
    assert_bad_input(status, err, "in.csv", "line 1")


# -- bad input -------------------------------------------------------------------------------

def test_broken_training_csv(here, capsys):
    config = copy_example("cheat-sheet-4-rows", here / "mine")
    (here / "mine" / "training.csv").write_text("i0,i1,z0\n70,98,91\n50,abc,82\n")
    status, out, err = run(capsys, "train", config)
    assert_bad_input(status, err, "training.csv", "line 3", "abc")
    assert not (here / "mine" / "trained-weights-biases.json").exists()
    assert not (here / "mine" / "minmax.json").exists()


def test_nonexistent_config(here, capsys):
    status, _, err = run(capsys, "train", here / "missing.json")
    assert_bad_input(status, err, "missing.json")


def test_malformed_config(here, capsys):
    (here / "config.json").write_text('{\n  "inputNodes": 2,\n  "outputNodes" 1\n}\n')
    status, _, err = run(capsys, "train", "config.json")
    assert_bad_input(status, err, "config.json", "line 3")


def test_invalid_config_value(here, capsys):
    config = copy_example("cheat-sheet-4-rows", here / "mine", activationFunction="sigmoidal")
    status, _, err = run(capsys, "train", config)
    assert_bad_input(status, err, "config.json", "activationFunction")


def test_weights_with_wrong_shapes(here, capsys):
    doc = json.loads((RESOURCES / "cheat-sheet" / "init-weights-biases.json").read_text())
    doc["outputWeights"] = [[0.5, -1.0]]
    (here / "w.json").write_text(json.dumps(doc))
    status, _, err = run(capsys, "test", "cheat-sheet-4-rows", "--weights", "w.json",
                         "--data", RESOURCES / "cheat-sheet-4-rows" / "training.csv")
    assert_bad_input(status, err, "w.json", "outputWeights")


@pytest.mark.parametrize("argv", [
    ["train", "worked-example", "--bogus"],
    ["train", "worked-example", "--epochs", "ten"],
    ["frobnicate"],
    ["test", "worked-example"],  # --weights is required
    ["predict", "worked-example", "--weights", "w.json"],  # --data is required
])
def test_usage_errors(here, capsys, argv):
    status, _, err = run(capsys, *argv)
    assert_bad_input(status, err)
    assert err.startswith("mlpviz")


# -- divergence ------------------------------------------------------------------------------

@pytest.mark.parametrize("changes", [
    {"activationFunction": "linear", "outputActivationFunction": "linear", "learningRate": 1e3},
    {"activationFunction": "linear", "outputActivationFunction": "linear", "learningRate": 10,
     "batchSize": 0},
])
def test_divergence(here, capsys, changes):
    config = copy_example("cheat-sheet-4-rows", here / "mine", epochs=1000, **changes)
    status, _, err = run(capsys, "train", config, "--history-out", "h.csv")
    assert status == 3
    assert "diverged" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (here / "mine" / "trained-weights-biases.json").exists()
    assert not (here / "trained-weights-biases.json").exists()
    _, rows = history(here / "h.csv")
    assert len(rows) < 4000  # it stopped early
    assert all(np.isfinite(loss) for _, _, loss in rows)  # up to the step that diverged
