"""`mlpviz export-torch`: one Python file for PyTorch that predicts what `mlpviz predict` does
(SPEC section 11). The file's text is checked everywhere; running it needs PyTorch (the `bench`
extra), so that test is skipped where PyTorch is not installed."""

import ast
import csv
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mlpviz.cli import main
from mlpviz.core.files import read_weights

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def constants(source):
    """The module-level NAME = literal assignments of a Python file, without running it."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return found


@pytest.fixture
def sine(tmp_path, capsys):
    """The sine example (normalized to [-1, 1] both sides, tanh + linear) trained briefly."""
    folder = tmp_path / "sine"
    shutil.copytree(RESOURCES / "sine", folder)
    config = folder / "config.json"
    assert main(["train", str(config), "--epochs", "30", "--quiet"]) == 0
    weights = folder / json.loads(config.read_text())["trainedWeightsBiasesJSONFile"]
    model = folder / "model.py"
    assert main(["export-torch", str(config), "--weights", str(weights), "--out", str(model)]) == 0
    capsys.readouterr()
    return config, weights, model


def test_the_file_holds_the_weights_and_the_min_max_exactly(sine):
    config, weights, model = sine
    source = model.read_text(encoding="utf-8")
    values = constants(source)
    sizes = (1, 8, 1)
    params = read_weights(weights, sizes)
    W1, W2 = np.array(values["WEIGHTS"][0]), np.array(values["WEIGHTS"][1])
    assert np.array_equal(np.concatenate([W1.ravel(), values["BIASES"][0], W2.ravel(),
                                          values["BIASES"][1]]), params)  # bit for bit
    minmax = json.loads((config.parent / "minmax.json").read_text())
    assert values["INPUT_MIN"] == minmax["minInput"] and values["OUTPUT_MAX"] == minmax["maxOutput"]
    assert values["NORMALIZE_METHOD"] == "minus-one-to-one"
    assert values["INPUT_LABELS"] == ["x"] and values["OUTPUT_LABELS"] == ["sin(x)"]
    assert "torch.nn.Tanh()" in source and "torch.nn.Sequential(" in source
    assert "torch.float64" in source
    tree = ast.parse(source)
    imports = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imports |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert imports <= {"csv", "sys", "torch"}  # needs only PyTorch


def test_unnormalized_sides_and_frozen_shapes(tmp_path, capsys):
    shutil.copytree(RESOURCES / "worked-example", tmp_path, dirs_exist_ok=True)
    out = tmp_path / "model.py"
    assert main(["export-torch", str(tmp_path / "config.json"), "--weights",
                 str(tmp_path / "init-weights-biases.json"), "--out", str(out)]) == 0
    values = constants(out.read_text(encoding="utf-8"))
    assert values["INPUT_MIN"] is None and values["OUTPUT_MAX"] is None
    assert values["WEIGHTS"] == [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]]
    assert values["BIASES"] == [[0.35, 0.35], [0.6, 0.6]]


def test_bad_input_is_one_line(tmp_path, capsys):
    status = main(["export-torch", "worked-example", "--weights", str(tmp_path / "none.json"),
                   "--out", str(tmp_path / "m.py")])
    err = capsys.readouterr().err
    assert status == 2 and "none.json" in err and len(err.strip().splitlines()) == 1
    status = main(["export-torch", "worked-example", "--weights", "x.json", "--out",
                   str(tmp_path)])
    assert status == 2 and "is a folder" in capsys.readouterr().err


def read_rows(text):
    rows = list(csv.reader(text.splitlines()))
    return rows[0], np.array(rows[1:], dtype=float)


@pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                    reason="PyTorch is not installed (pip install torch, or the bench extra)")
def test_pytorch_predicts_what_mlpviz_predict_writes(sine, capsys):
    config, weights, model = sine
    data = config.parent / "testing.csv"
    assert main(["predict", str(config), "--weights", str(weights), "--data", str(data)]) == 0
    header, expected = read_rows(capsys.readouterr().out)
    run = subprocess.run([sys.executable, str(model), str(data)], capture_output=True,
                         text=True, timeout=120, cwd=config.parent)
    assert run.returncode == 0, run.stderr
    got_header, got = read_rows(run.stdout)
    assert got_header == header and got.shape == expected.shape
    assert np.abs(got - expected).max() <= 1e-9
    assert np.abs(expected[:, 1]).max() > 0.1  # real predictions, not a constant


@pytest.fixture
def classifier(tmp_path, capsys):
    """A softmax classifier of the generated spiral ("auto" classes 0 and 1), trained briefly."""
    data = tmp_path / "spiral.csv"
    assert main(["dataset", "spiral", "--points", "80", "--test-fraction", "0.25", "--seed", "2",
                 "--out", str(data), "--config-out", str(tmp_path / "spiral.json")]) == 0
    doc = json.loads((tmp_path / "spiral.json").read_text())
    for key in ("outputNodes", "outputNodeLabels"):
        doc.pop(key, None)
    doc.update(outputClasses="auto", outputActivationFunction="softmax",
               lossFunction="cross-entropy", normalizeOutputData=False,
               trainedWeightsBiasesJSONFile="trained.json", minMaxJSONFile="minmax.json")
    config = tmp_path / "classes.json"
    config.write_text(json.dumps(doc))
    assert main(["train", str(config), "--epochs", "20", "--quiet"]) == 0
    model = tmp_path / "model.py"
    assert main(["export-torch", str(config), "--weights", str(tmp_path / "trained.json"),
                 "--out", str(model)]) == 0
    capsys.readouterr()
    return config, tmp_path / "trained.json", model, tmp_path / "spiral-test.csv"


def test_a_classifier_file_names_its_classes(classifier):
    values = constants(classifier[2].read_text(encoding="utf-8"))
    assert values["CLASSES"] == ["0", "1"] and values["ONE_OUTPUT"] is False
    assert values["OUTPUT_MIN"] is None


@pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                    reason="PyTorch is not installed (pip install torch, or the bench extra)")
def test_pytorch_predicts_the_classes_mlpviz_predict_writes(classifier, capsys):
    config, weights, model, data = classifier
    assert main(["predict", str(config), "--weights", str(weights), "--data", str(data)]) == 0
    expected = list(csv.reader(capsys.readouterr().out.splitlines()))
    run = subprocess.run([sys.executable, str(model), str(data)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    got = list(csv.reader(run.stdout.splitlines()))
    assert got[0] == expected[0] == ["x1", "x2", "0", "1", "class", "class (target)"]
    assert [row[4:] for row in got] == [row[4:] for row in expected]  # classes, the file's own
    numbers = np.array([row[:4] for row in got[1:]], dtype=float)
    assert np.abs(numbers - np.array([row[:4] for row in expected[1:]], dtype=float)).max() < 1e-9
    assert len(got) == 21
