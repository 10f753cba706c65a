"""A config saved from the window trains from the command line (issue 11, #16): its files are
named from where it was saved, what a run writes goes beside it, its title names its network."""

import json
import subprocess
import sys

import pytest

from mlpviz.core.edits import add_points
from mlpviz.core.examples import config_path
from mlpviz.core.playground import open_dataset
from mlpviz.core.reshape import add_neuron
from mlpviz.core.saved_config import retitle
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def train(config, cwd):
    """`mlpviz train` the saved file from another folder: (exit status, stderr)."""
    done = subprocess.run([sys.executable, "-m", "mlpviz", "train", str(config), "--epochs", "2",
                           "--quiet"], cwd=cwd, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stderr


def test_the_worked_example_saved_elsewhere_trains_and_writes_beside_it(window, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    assert window.files.save_config_as(str(folder / "lesson.json"))
    doc = json.loads((folder / "lesson.json").read_text())
    # what it reads is copied beside it (the bundled example's folder is the package's)
    assert doc["trainingDatasetCSVFile"] == "training.csv"
    assert doc["initWeightsBiasesJSONFile"] == "init-weights-biases.json"
    assert (folder / "init-weights-biases.json").read_text() == \
        (config_path("worked-example").parent / "init-weights-biases.json").read_text()
    # what a run writes goes beside it (it pointed into the example's folder: train refused)
    assert doc["trainedWeightsBiasesJSONFile"] == "trained-weights-biases.json"
    assert doc["minMaxJSONFile"] == "minmax.json"
    assert doc["title"] == "Worked example: 2-2-2 backpropagation, step by step"
    status, stderr = train(folder / "lesson.json", tmp_path)
    assert status == 0, stderr
    assert json.loads((folder / "trained-weights-biases.json").read_text())
    assert (folder / "minmax.json").is_file()
    assert window.model.path == folder / "lesson.json"
    assert "lesson" in window.windowTitle() or "Worked example" in window.windowTitle()


def test_a_reshaped_network_is_saved_with_a_title_that_names_it(qtbot, window, tmp_path):
    window.model.apply(lambda e, p: add_neuron(e, p, 1))
    qtbot.waitUntil(lambda: window.model.config.sizes == (2, 3, 2), timeout=15000)
    assert window.files.save_config_as(str(tmp_path / "bigger.json"))
    doc = json.loads((tmp_path / "bigger.json").read_text())
    assert doc["title"] == "Worked example: 2-3-2 backpropagation, step by step"
    assert doc["description"].startswith("Changed from “Worked example: 2-2-2 backpropagation, "
                                          "step by step”: the network is now 2-3-2.")
    assert doc["hiddenNodesPerLayer"] == [3] and doc["initWeightsBiasesMethod"] == "random"
    assert "initWeightsBiasesJSONFile" not in doc  # a random start reads no weights file
    assert "2-3-2" in window.windowTitle()
    status, stderr = train(tmp_path / "bigger.json", tmp_path / "..")
    assert status == 0, stderr
    assert (tmp_path / "trained-weights-biases.json").is_file()


def test_generated_data_and_points_by_hand_are_written_beside_the_config(qtbot, window,
                                                                         tmp_path):
    experiment = open_dataset("circle", points=20, test_fraction=0.25, seed=1)
    window.open_generated(experiment)
    qtbot.waitUntil(lambda: window.model.experiment is experiment, timeout=15000)
    window.model.apply(lambda e, p: add_points(e, p, [[0.1, 0.2, 1]]))
    qtbot.waitUntil(lambda: len(window.model.experiment.train.values) == 16, timeout=15000)
    assert window.files.save_config_as(str(tmp_path / "circle.json"))
    doc = json.loads((tmp_path / "circle.json").read_text())
    assert doc["trainingDatasetCSVFile"] == "circle-training.csv"
    assert doc["testingDatasetCSVFile"] == "circle-testing.csv"
    rows = (tmp_path / "circle-training.csv").read_text().splitlines()
    assert len(rows) == 1 + 16 and rows[-1] == "0.1,0.2,1"  # the point added by hand
    assert len((tmp_path / "circle-testing.csv").read_text().splitlines()) == 1 + 5
    status, stderr = train(tmp_path / "circle.json", tmp_path / "..")
    assert status == 0, stderr


def test_a_config_of_ones_own_keeps_its_files_where_they_are(window, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "points.csv").write_text("i1,i2,o1,o2\n0.05,0.1,0.01,0.99\n0.1,0.2,0.3,0.4\n")
    assert window.files.load_training_csv(str(data / "points.csv"))
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    assert window.files.save_config_as(str(lessons / "mine.json"))
    doc = json.loads((lessons / "mine.json").read_text())
    assert doc["trainingDatasetCSVFile"] == "../data/points.csv"  # not copied: relative
    assert not (lessons / "points.csv").exists()
    status, stderr = train(lessons / "mine.json", tmp_path)
    assert status == 0, stderr
    assert (lessons / "trained-weights-biases.json").is_file()
    assert window.files.save_config()  # Save again, over itself: the same paths
    assert json.loads((lessons / "mine.json").read_text()) == doc


def test_a_file_of_the_same_name_beside_it_is_not_overwritten(window, tmp_path):
    (tmp_path / "training.csv").write_text("x,y\n1,2\n")
    assert window.files.save_config_as(str(tmp_path / "config.json"))
    doc = json.loads((tmp_path / "config.json").read_text())
    assert doc["trainingDatasetCSVFile"] == "training-2.csv"
    assert (tmp_path / "training.csv").read_text() == "x,y\n1,2\n"


def test_retitle_replaces_only_a_stale_shape():
    assert retitle("Worked example: 2-2-2 backprop", "", (2, 3, 2)) == \
        ("Worked example: 2-3-2 backprop", "Changed from “Worked example: 2-2-2 backprop”: "
                                           "the network is now 2-3-2.")
    same = ("Cheat sheet: the 2-3-1 network on its 4-row dataset", "d")
    assert retitle(*same, (2, 3, 1)) == same
    dated = ("Lesson of 2024-05-01", "d")  # not a shape of this network: left alone
    assert retitle(*dated, (2, 3, 1)) == dated
    assert retitle("XOR: one neuron cannot", "d", (2, 4, 1)) == ("XOR: one neuron cannot", "d")
    assert retitle("a 2-4-4-1 net", None, (2, 8, 1)) == \
        ("a 2-8-1 net", "Changed from “a 2-4-4-1 net”: the network is now 2-8-1.")
