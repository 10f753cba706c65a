"""A new experiment from a CSV (issue 12 item 6, core part): columns inspected, roles suggested,
a shape proposed, a seeded split written beside the CSV with a config that trains as it is."""

import json

import numpy as np
import pytest

from mlpviz.cli import main
from mlpviz.core.errors import InputError
from mlpviz.core.experiment import Experiment
from mlpviz.core.from_csv import inspect_csv, propose_hidden, write_experiment

IRIS_LIKE = ",sepal length;sepal width;species\n" + "".join(
    f"{i};{5 + (i % 3) / 10:.1f}".replace(".", ",") + f";{3 + (i % 4) / 5:.1f}".replace(".", ",")
    + f";{['setosa', 'versicolor', 'virginica'][i % 3]}\n" for i in range(40))


def columns_of(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, inspect_csv(path)


def test_columns_are_inspected_and_roles_suggested(tmp_path):
    path, columns = columns_of(tmp_path, IRIS_LIKE.replace(",sepal", ";sepal", 1))
    assert [c.label for c in columns] == ["", "sepal length", "sepal width", "species"]
    assert [c.numeric for c in columns] == [True, True, True, False]
    assert [c.suggested(i == 3) for i, c in enumerate(columns)] == ["ignore", "input", "input",
                                                                    "class"]
    assert columns[3].distinct == 3 and columns[1].values()[:2] == [5.0, 5.1]


def test_a_last_column_of_measurements_is_a_target_of_few_integers_classes(tmp_path):
    _, columns = columns_of(tmp_path, "a,b,y\n1,2,25.5\n2,3,346\n3,4,80\n")
    assert columns[2].suggested(True) == "target"
    _, columns = columns_of(tmp_path, "a,b,label\n1,2,0\n2,3,1\n3,4,2\n")
    assert columns[2].suggested(True) == "class"


def test_a_classifier_is_written_split_and_trains(tmp_path, capsys, monkeypatch):
    path, columns = columns_of(tmp_path, IRIS_LIKE.replace(",sepal", ";sepal", 1))
    config = write_experiment(path, columns, ["ignore", "input", "input", "class"],
                              propose_hidden(2, 3), test_fraction=0.25, seed=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "data-config.json", "data-testing.csv", "data-training.csv", "data.csv"]
    doc = json.loads(config.read_text())
    assert doc["inputNodeLabels"] == ["sepal length", "sepal width"]
    assert doc["outputClasses"] == "auto" and doc["outputActivationFunction"] == "softmax"
    assert doc["classColumn"] == "species"  # the class column is named, like the inputs
    assert doc["hiddenNodesPerLayer"] == [5]  # 2 inputs + 3 classes
    experiment = Experiment.load(config)
    assert experiment.config.sizes == (2, 5, 3)
    assert len(experiment.train.values) == 30 and len(experiment.test.values) == 10
    training = (tmp_path / "data-training.csv").read_text().splitlines()
    assert training[0] == "sepal length,sepal width,species" and training[1] == "5.0,3.0,setosa"
    again = (tmp_path / "data-testing.csv").read_text()  # the same seed, the same split
    write_experiment(path, columns, ["ignore", "input", "input", "class"], [5], 0.25, seed=3)
    assert (tmp_path / "data-testing.csv").read_text() == again
    write_experiment(path, columns, ["ignore", "input", "input", "class"], [5], 0.25, seed=4)
    assert (tmp_path / "data-testing.csv").read_text() != again
    monkeypatch.chdir(tmp_path)
    assert main(["train", str(config), "--epochs", "2", "--quiet"]) == 0


def test_a_regression_is_written_with_normalized_outputs(tmp_path):
    path, columns = columns_of(tmp_path, "x1\tx2\ty\n" + "".join(
        f"{i}\t{i % 5}\t{3 * i + 7}\n" for i in range(20)))
    config = write_experiment(path, columns, ["input", "input", "target"], [4], 0.0)
    doc = json.loads(config.read_text())
    assert doc["outputNodeLabels"] == ["y"] and doc["normalizeOutputData"] is True
    assert "testingDatasetCSVFile" not in doc and not (tmp_path / "data-testing.csv").exists()
    experiment = Experiment.load(config)
    assert np.array_equal(experiment.train.values[:, 2], 3 * np.arange(20) + 7)


@pytest.mark.parametrize("roles, mentions", [
    (["ignore", "ignore", "target"], "input"),
    (["input", "input", "ignore"], "target"),
    (["input", "target", "class"], "either"),
    (["input", "input", "target"], "column name"),
])
def test_roles_that_cannot_make_an_experiment_are_refused(tmp_path, roles, mentions):
    path, columns = columns_of(tmp_path, "a,b,name\n1,2,x\n2,3,y\n3,4,z\n")
    with pytest.raises(InputError, match=mentions):
        write_experiment(path, columns, roles, [3])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]
