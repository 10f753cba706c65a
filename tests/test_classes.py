"""Class targets (SPEC section 8): outputClasses, the class column, accuracy and confusion."""

import json

import numpy as np
import pytest

from mlpviz.core.classes import Classes, auto_names
from mlpviz.core.config import load_config
from mlpviz.core.confusion import accuracy, confusion_lines, confusion_matrix
from mlpviz.core.errors import InputError
from mlpviz.core.experiment import Experiment

IRIS_LIKE = """sepal,petal,species
5.1,1.4,setosa
7.0,4.7,versicolor

6.3,6.0,virginica
4.9,1.4,setosa
"""


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def config(tmp_path, data=IRIS_LIKE, **keys):
    write(tmp_path / "train.csv", data)
    doc = {"inputNodes": 2, "hiddenNodesPerLayer": [3], "outputActivationFunction": "softmax",
           "lossFunction": "cross-entropy", "trainingDatasetCSVFile": "train.csv",
           "outputClasses": ["setosa", "versicolor", "virginica"], "seed": 1}
    doc.update(keys)
    doc = {k: v for k, v in doc.items() if v is not None}
    return write(tmp_path / "config.json", json.dumps(doc))


def refused(path, *mentions):
    with pytest.raises(InputError) as caught:
        Experiment.load(load_config(path))
    text = str(caught.value)
    for part in mentions:
        assert part in text, text
    return text


def test_class_names_become_one_hot_targets(tmp_path):
    experiment = Experiment.load(config(tmp_path))
    c = experiment.config
    assert c.outputNodes == 3 and c.outputNodeLabels == ["setosa", "versicolor", "virginica"]
    X, Z = experiment.normalized(experiment.train)
    assert np.array_equal(Z, [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]])
    assert np.array_equal(X[:, 0], [5.1, 7.0, 6.3, 4.9])
    assert list(experiment.train.truth) == [0, 1, 2, 0]
    trainer = experiment.trainer()
    trainer.run(8)
    assert trainer.step == 8


def test_integer_cells_are_class_indices_when_the_names_are_words(tmp_path):
    data = "a,b,label\n1,2,2\n3,4,0\n5,6,versicolor\n"
    experiment = Experiment.load(config(tmp_path, data))
    assert list(experiment.train.truth) == [2, 0, 1]


def test_numeric_class_names_match_by_value_and_are_never_indices():
    classes = Classes(["1", "2", "3"])
    assert [classes.index_of(c) for c in ("1", "2.0", " 3 ")] == [0, 1, 2]
    assert classes.index_of("0") is None  # a name, not the index of class "1"
    assert Classes(["cat", "dog"]).index_of("1") == 1


def test_auto_sorts_numbers_numerically_and_text_alphabetically():
    assert auto_names(["10", "9", "2.0", "9"]) == ["2", "9", "10"]
    assert auto_names(["pear", "apple", "fig", "apple"]) == ["apple", "fig", "pear"]


def test_auto_takes_the_classes_from_the_training_data(tmp_path):
    data = "x,y,digit\n0,0,10\n1,0,9\n0,1,10\n1,1,2\n"
    path = config(tmp_path, data, outputClasses="auto")
    assert load_config(path).outputNodes is None  # not known before the data is read
    experiment = Experiment.load(path)
    assert experiment.config.outputClasses == ["2", "9", "10"]
    assert experiment.config.outputNodes == 3
    assert experiment.config.outputNodeLabels == ["2", "9", "10"]
    assert list(experiment.train.truth) == [2, 1, 2, 0]
    assert experiment.network().sizes == (2, 3, 3)


def test_an_unknown_class_is_refused_naming_its_line(tmp_path):
    data = IRIS_LIKE + "5.0,1.5,daisy\n"  # line 7: the blank line 4 counts
    text = refused(config(tmp_path, data), "train.csv", "line 7", "column species", "'daisy'",
                   '"setosa"')
    assert "auto" in text


def test_a_test_set_class_not_in_the_training_data_is_refused(tmp_path):
    write(tmp_path / "test.csv", "sepal,petal,species\n5.1,1.4,setosa\n5.0,1.0,lily\n")
    path = config(tmp_path, outputClasses="auto", testingDatasetCSVFile="test.csv")
    refused(path, "test.csv", "line 3", "'lily'")


def test_two_classes_with_one_output_train_a_sigmoid_on_the_index(tmp_path):
    data = "a,b,spam\n0,1,no\n1,0,yes\n1,1,yes\n"
    path = config(tmp_path, data, outputClasses=["no", "yes"], outputNodes=1,
                  outputActivationFunction="sigmoid", lossFunction="binary-cross-entropy")
    experiment = Experiment.load(path)
    _, Z = experiment.normalized(experiment.train)
    assert np.array_equal(Z, [[0], [1], [1]])
    classes = experiment.classes
    assert classes.one_output and classes.names == ["no", "yes"]
    assert list(classes.predicted(np.array([[0.2], [0.5], [0.9]]))) == [0, 1, 1]
    assert classes.probabilities(np.array([[0.25]])).tolist() == [[0.75, 0.25]]


@pytest.mark.parametrize("keys, where", [
    ({"outputNodes": 2}, "outputNodes"),  # three classes
    ({"normalizeOutputData": True}, "normalizeOutputData"),
    ({"outputClasses": ["a"]}, "outputClasses"),
    ({"outputClasses": ["a", "a"]}, "outputClasses"),
    ({"outputClasses": "automatic"}, "outputClasses"),
    ({"outputClasses": None}, "outputNodes"),  # no classes: outputNodes is needed again
])
def test_bad_class_settings_are_refused_by_name(tmp_path, keys, where):
    with pytest.raises(InputError) as caught:
        load_config(config(tmp_path, **keys))
    assert f", {where}: " in str(caught.value)


def test_auto_without_training_data_is_refused(tmp_path):
    path = config(tmp_path, outputClasses="auto", trainingDatasetCSVFile=None)
    with pytest.raises(InputError) as caught:
        Experiment.load(load_config(path), need_training_data=False)
    assert "outputClasses" in str(caught.value) and "list the classes" in str(caught.value)


def test_a_loaded_config_is_not_changed_by_settling_auto(tmp_path):
    loaded = load_config(config(tmp_path, outputClasses="auto"))
    Experiment.load(loaded)
    assert loaded.outputClasses == "auto" and loaded.outputNodes is None


def test_accuracy_and_the_confusion_matrix_on_a_fixture():
    true = [0, 0, 0, 1, 1, 2, 2, 2, 2, 1]
    predicted = [0, 0, 1, 1, 1, 2, 0, 2, 2, 2]
    matrix = confusion_matrix(true, predicted, 3)
    # rows: true class; columns: predicted class
    assert matrix.tolist() == [[2, 1, 0], [0, 2, 1], [1, 0, 3]]
    assert accuracy(matrix) == 0.7  # (2 + 2 + 3) / 10
    lines = confusion_lines(["cat", "dog", "emu"], matrix)
    assert lines[0].split() == ["true", "\\", "predicted", "cat", "dog", "emu"]
    assert lines[3].split() == ["emu", "1", "0", "3"]


def test_argmax_takes_the_first_class_on_ties():
    assert list(Classes(["a", "b", "c"]).predicted(np.array([[0.4, 0.4, 0.2]]))) == [0]


def test_image_inputs_by_count_or_by_inputImage(tmp_path):
    assert load_config(config(tmp_path, inputNodes=64)).image_shape == (8, 8)
    assert load_config(config(tmp_path, inputNodes=784)).image_shape == (28, 28)
    assert load_config(config(tmp_path)).image_shape is None
    assert load_config(config(tmp_path, inputNodes=6, inputImage=[2, 3])).image_shape == (2, 3)
    with pytest.raises(InputError) as caught:
        load_config(config(tmp_path, inputNodes=6, inputImage=[2, 2]))
    assert ", inputImage: " in str(caught.value) and "2 × 2" in str(caught.value)
