"""test and predict for a classifier (SPEC section 8): accuracy, a labelled confusion matrix, and
one probability column per class with the predicted class."""

import csv
import io
import json

import numpy as np
import pytest

from mlpviz.cli import main
from mlpviz.core.files import write_weights
from mlpviz.core.network import Network

# Three classes a 2-3 softmax layer separates by hand: class = the largest of (x, y, 1 − x − y).
TRAIN = """x,y,shape
0.9,0.05,round
0.05,0.9,square
0.05,0.05,star
0.8,0.1,round
"""
TEST = """x,y,shape
0.9,0.05,round
0.1,0.8,square
0.1,0.1,star
0.7,0.2,square
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "train.csv").write_text(TRAIN)
    (tmp_path / "test.csv").write_text(TEST)
    (tmp_path / "config.json").write_text(json.dumps({
        "inputNodes": 2, "inputNodeLabels": ["x", "y"], "outputActivationFunction": "softmax",
        "lossFunction": "cross-entropy", "outputClasses": "auto",
        "trainingDatasetCSVFile": "train.csv", "testingDatasetCSVFile": "test.csv"}))
    # auto sorts the classes: round, square, star. net_k = 10·(x, y, 1 − x − y)_k
    network = Network((2, 3), "sigmoid", "softmax",
                      params=[10, 0, 0, 10, -10, -10, 0, 0, 10])
    write_weights(tmp_path / "weights.json", network)
    return tmp_path


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_test_prints_accuracy_and_a_labelled_confusion_matrix(folder, capsys):
    status, out, err = run(capsys, "test", "config.json", "--weights", "weights.json")
    assert status == 0, err
    lines = out.splitlines()
    # the last test row (0.7, 0.2) is a square predicted round: 3 of 4 right
    assert lines[1] == "accuracy 75.00% (3 of 4 right)"
    assert lines[3].split() == ["true", "\\", "predicted", "round", "square", "star"]
    assert lines[4].split() == ["round", "1", "0", "0"]
    assert lines[5].split() == ["square", "1", "1", "0"]
    assert lines[6].split() == ["star", "0", "0", "1"]


def test_test_json_has_accuracy_classes_and_confusion(folder, capsys):
    status, out, _ = run(capsys, "test", "config.json", "--weights", "weights.json", "--json")
    doc = json.loads(out)
    assert status == 0 and doc["samples"] == 4 and doc["meanLoss"] > 0
    assert doc["accuracy"] == 0.75
    assert doc["classes"] == ["round", "square", "star"]
    assert doc["confusion"] == [[1, 0, 0], [1, 1, 0], [0, 0, 1]]


def test_predict_writes_a_probability_per_class_the_class_and_keeps_the_target(folder, capsys):
    status, _, err = run(capsys, "predict", "config.json", "--weights", "weights.json",
                         "--data", "test.csv", "--out", "predicted.csv")
    assert status == 0, err
    rows = list(csv.reader(io.StringIO((folder / "predicted.csv").read_text())))
    assert rows[0] == ["x", "y", "round", "square", "star", "class", "shape"]
    assert [r[5] for r in rows[1:]] == ["round", "square", "star", "round"]
    assert [r[6] for r in rows[1:]] == ["round", "square", "star", "square"]
    probabilities = np.array([[float(v) for v in r[2:5]] for r in rows[1:]])
    assert probabilities.sum(axis=1) == pytest.approx(1.0)
    # row 1: net = (9, 0.5, 0.5): P(round) = e^9 / (e^9 + 2e^0.5)
    assert probabilities[0, 0] == pytest.approx(np.exp(9) / (np.exp(9) + 2 * np.exp(0.5)))


def test_predict_on_inputs_only(folder, capsys):
    (folder / "new.csv").write_text("x,y\n0.1,0.85\n")
    status, out, err = run(capsys, "predict", "config.json", "--weights", "weights.json",
                           "--data", "new.csv")
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["x", "y", "round", "square", "star", "class"]
    assert rows[1][-1] == "square"


def test_an_unknown_class_in_the_test_data_exits_2_naming_the_line(folder, capsys):
    (folder / "bad.csv").write_text(TEST + "0.5,0.5,circle\n")
    status, _, err = run(capsys, "test", "config.json", "--weights", "weights.json",
                         "--data", "bad.csv")
    assert status == 2
    assert "bad.csv" in err and "line 6" in err and "'circle'" in err


def test_train_then_test_a_classifier(folder, capsys):
    status, _, err = run(capsys, "train", "config.json", "--epochs", "200", "--quiet")
    assert status == 0, err
    status, out, _ = run(capsys, "test", "config.json", "--weights",
                         "trained-weights-biases.json", "--data", "train.csv", "--json")
    assert json.loads(out)["accuracy"] == 1.0


@pytest.mark.parametrize("name, at_least", [("iris", 0.9), ("spiral", 0.9), ("digits", 0.9)])
def test_the_bundled_classifiers_learn_their_test_split(tmp_path, monkeypatch, capsys, name,
                                                        at_least):
    """iris: 4-8-3 softmax (29 of 30 test flowers when written); spiral: one sigmoid output;
    digits: 64-32-10 on 8×8 images (~96 %)."""
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "train", name, "--quiet")
    assert status == 0, err
    status, out, err = run(capsys, "test", name, "--weights", "trained-weights-biases.json",
                           "--minmax", "minmax.json", "--json")
    assert status == 0, err
    assert json.loads(out)["accuracy"] >= at_least


def test_train_reports_the_accuracy_of_a_classifier(folder, capsys):
    status, out, err = run(capsys, "train", "config.json", "--epochs", "200")
    assert status == 0, err
    line = [l for l in out.splitlines() if l.startswith("accuracy:")]
    assert line and "training 100.00%" in line[0] and "test " in line[0]
