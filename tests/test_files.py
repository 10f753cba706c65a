"""Reading and writing mlpviz's files (SPEC section 3): round trips, atomic saves, bad input."""

import json
from pathlib import Path

import numpy as np
import pytest

from mlpviz.core import file_readers, file_writers, files
from mlpviz.core.config import Config, load_config
from mlpviz.core.errors import InputError
from mlpviz.core.experiment import Experiment
from mlpviz.core.files import (read_csv, read_json, read_minmax, read_weights, write_atomic,
                               write_csv, write_minmax, write_weights)
from mlpviz.core.network import Network, parameter_layout
from mlpviz.core.normalize import MinMax

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

# The SPEC's literal examples (section 3).
SPEC_WEIGHTS = """{ "hiddenWeights": [[[-0.5, -1.0], [-0.5, 0.5], [1.0, 0.0]]],
  "hiddenBias":    [[0.5, 0.5, 0.5]],
  "outputWeights": [[0.5, -1.0, 0.0]],
  "outputBias":    [0.5] }
"""
SPEC_MINMAX = '{ "minInput": [25, 67], "maxInput": [70, 98], "minOutput": [68], "maxOutput": [91] }\n'
CHEAT_SHEET_CONFIG = {
    "inputNodes": 2, "inputNodeLabels": ["i0", "i1"], "hiddenNodesPerLayer": [3],
    "outputNodes": 1, "outputNodeLabels": ["z0"],
    "activationFunction": "sigmoid", "outputActivationFunction": "sigmoid",
    "lossFunction": "half-sse", "learningRate": 0.1, "epochs": 10, "batchSize": 1,
    "shuffle": False, "seed": 0, "trainBiases": True,
    "initWeightsBiasesMethod": "file", "initWeightsBiasesJSONFile": "init-weights-biases.json",
    "randomInit": {"weights": "uniform", "scale": 1.0, "biases": "zero"},
    "normalizeInputData": True, "normalizeOutputData": True, "normalizeMethod": "zero-to-one",
    "minMaxInputMethod": "calculate", "minMaxOutputMethod": "file",
    "minMaxJSONFile": "minmax.json", "trainingDatasetCSVFile": "training.csv",
    "testingDatasetCSVFile": "testing.csv",
    "trainedWeightsBiasesJSONFile": "trained-weights-biases.json",
}


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def random_network(sizes, seed=0):
    rng = np.random.default_rng(seed)
    return Network(sizes, "sigmoid", params=rng.normal(size=parameter_layout(sizes)[2]))


def spec_weights_document():
    return json.loads(SPEC_WEIGHTS)


def fails(reader, path, *args, mentions=(), **kwargs):
    """Call the reader, expect an InputError naming the file and each of `mentions`."""
    with pytest.raises(InputError) as caught:
        reader(path, *args, **kwargs)
    text = str(caught.value)
    assert path.name in text, text
    for part in mentions:
        assert part in text, text
    return text


# -- round trips ---------------------------------------------------------------------------

@pytest.mark.parametrize("sizes", [(2, 3, 1), (2, 2, 2), (3, 1), (4, 5, 3, 2)])
def test_weights_round_trip(tmp_path, sizes):
    network = random_network(sizes)
    path = tmp_path / "w.json"
    write_weights(path, network)
    params = read_weights(path, sizes)
    assert np.array_equal(params, network.params)  # exact: shortest-repr floats round trip


def test_weights_without_hidden_layer_has_empty_hidden_lists(tmp_path):
    network = random_network((3, 1))
    path = tmp_path / "w.json"
    write_weights(path, network)
    doc = json.loads(path.read_text())
    assert doc["hiddenWeights"] == [] and doc["hiddenBias"] == []
    assert np.array_equal(doc["outputWeights"], network.W[1])  # reads the inputs directly


def test_cheat_sheet_weights_file_has_the_cheat_sheets_keys_and_nesting(tmp_path):
    sizes = (2, 3, 1)
    network = Network(sizes, "sigmoid", params=read_weights(write(tmp_path / "spec.json",
                                                                  SPEC_WEIGHTS), sizes))
    path = tmp_path / "w.json"
    write_weights(path, network)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert list(doc) == ["hiddenWeights", "hiddenBias", "outputWeights", "outputBias"]
    assert doc == spec_weights_document()
    assert np.shape(doc["hiddenWeights"]) == (1, 3, 2)  # [layer][node][input]
    assert np.shape(doc["hiddenBias"]) == (1, 3)  # [layer][node]
    assert np.shape(doc["outputWeights"]) == (1, 3)  # [outputNode][lastHiddenNode]
    assert np.shape(doc["outputBias"]) == (1,)


def test_reading_the_spec_weights_example(tmp_path):
    params = read_weights(write(tmp_path / "w.json", SPEC_WEIGHTS), (2, 3, 1))
    net = Network((2, 3, 1), "sigmoid", params=params)
    assert net.W[1].tolist() == [[-0.5, -1.0], [-0.5, 0.5], [1.0, 0.0]]
    assert net.b[1].tolist() == [0.5, 0.5, 0.5]
    assert net.W[2].tolist() == [[0.5, -1.0, 0.0]]
    assert net.b[2].tolist() == [0.5]


def test_minmax_round_trip(tmp_path):
    inputs = MinMax(np.array([25.0, 67.5]), np.array([70.0, 98.25]))
    outputs = MinMax(np.array([-1.5]), np.array([91.0]))
    path = tmp_path / "minmax.json"
    write_minmax(path, inputs, outputs)
    ranges = read_minmax(path, 2, 1)
    assert list(json.loads(path.read_text())) == ["minInput", "maxInput", "minOutput", "maxOutput"]
    assert ranges["minInput"].tolist() == [25.0, 67.5]
    assert ranges["maxInput"].tolist() == [70.0, 98.25]
    assert ranges["minOutput"].tolist() == [-1.5]
    assert ranges["maxOutput"].tolist() == [91.0]


def test_reading_the_spec_minmax_example(tmp_path):
    ranges = read_minmax(write(tmp_path / "minmax.json", SPEC_MINMAX), 2, 1)
    assert {k: v.tolist() for k, v in ranges.items()} == {
        "minInput": [25, 67], "maxInput": [70, 98], "minOutput": [68], "maxOutput": [91]}


def test_csv_round_trip(tmp_path):
    values = np.array([[0.1, -2.0, 1e-300], [1 / 3, 12345678.9, 0.0]])
    path = tmp_path / "data.csv"
    write_csv(path, ["a", "b", "c d"], values)
    table = read_csv(path, 3)
    assert table.labels == ["a", "b", "c d"]
    assert np.array_equal(table.values, values)


def test_config_round_trip(tmp_path):
    config = Config.from_json(CHEAT_SHEET_CONFIG, folder=tmp_path, source="c.json")
    doc = config.to_json()
    assert Config.from_json(doc, folder=tmp_path, source="c.json") == config
    assert json.loads(json.dumps(doc)) == doc  # it really is JSON
    for key, value in CHEAT_SHEET_CONFIG.items():
        assert doc[key] == value


@pytest.mark.parametrize("name", ["worked-example", "cheat-sheet", "cheat-sheet-4-rows",
                                  "xor", "sine"])
def test_bundled_config_round_trip(name):
    config = load_config(RESOURCES / name / "config.json")
    assert Config.from_json(config.to_json(), folder=config.folder, source=config.source) == config


def test_config_paths_resolve_against_the_config_folder(tmp_path, monkeypatch):
    folder = tmp_path / "experiment"
    folder.mkdir()
    write(folder / "config.json", json.dumps(CHEAT_SHEET_CONFIG))
    monkeypatch.chdir(tmp_path)
    config = load_config("experiment/config.json")
    assert config.path("trainingDatasetCSVFile") == folder / "training.csv"


def test_unknown_keys_are_ignored(tmp_path):
    weights = dict(spec_weights_document(), comment="from the cheat sheet", extra=[1, 2])
    params = read_weights(write(tmp_path / "w.json", json.dumps(weights)), (2, 3, 1))
    assert params.tolist() == read_weights(write(tmp_path / "s.json", SPEC_WEIGHTS),
                                           (2, 3, 1)).tolist()
    minmax = dict(json.loads(SPEC_MINMAX), units={"z0": "points"})
    assert read_minmax(write(tmp_path / "m.json", json.dumps(minmax)), 2, 1)["maxOutput"] == [91]
    config = dict(CHEAT_SHEET_CONFIG, colour="blue", plot={"x": 1})
    path = write(tmp_path / "c.json", json.dumps(config))
    assert load_config(path).sizes == (2, 3, 1)


# -- atomic writes -------------------------------------------------------------------------

def test_write_atomic_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "out.json"
    write_atomic(path, "first")
    write_atomic(path, "second")
    assert path.read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_failed_write_keeps_the_old_content(tmp_path, monkeypatch):
    path = tmp_path / "w.json"
    write_weights(path, random_network((2, 3, 1)))
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(file_writers.os, "replace", crash)
    with pytest.raises(OSError, match="disk on fire"):
        write_weights(path, random_network((2, 3, 1), seed=1))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.json"]


def test_non_finite_weights_are_not_written(tmp_path):
    network = random_network((2, 2, 1))
    network.params[0] = np.nan
    with pytest.raises(ValueError):
        write_weights(tmp_path / "w.json", network)
    assert list(tmp_path.iterdir()) == []


# -- bad input: any file -------------------------------------------------------------------

READERS = {
    "json": lambda path: read_json(path),
    "csv": lambda path: read_csv(path),
    "weights": lambda path: read_weights(path, (2, 3, 1)),
    "minmax": lambda path: read_minmax(path, 2, 1),
    "config": lambda path: load_config(path),
}


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_missing_file(tmp_path, reader):
    fails(reader, tmp_path / "nothere.json", mentions=["no such file"])


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_folder_instead_of_file(tmp_path, reader):
    folder = tmp_path / "afolder.json"
    folder.mkdir()
    fails(reader, folder, mentions=["folder"])


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_empty_file(tmp_path, reader):
    fails(reader, write(tmp_path / "empty.json", ""))


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_binary_data(tmp_path, reader):
    path = tmp_path / "binary.dat"
    path.write_bytes(b"i0,i1,z0\n1,2,\x00\x01\x02\n")
    fails(reader, path, mentions=["binary"])


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_invalid_utf8(tmp_path, reader):
    path = tmp_path / "latin1.txt"
    path.write_bytes("i0,i1,z0\n70,98,91 \u00b0C\n".encode("latin-1"))
    fails(reader, path, mentions=["UTF-8", "byte 18"])


def test_byte_order_mark_is_accepted(tmp_path):
    csv_path = tmp_path / "bom.csv"
    csv_path.write_bytes("i0,i1,z0\n70,98,91\n".encode("utf-8-sig"))
    table = read_csv(csv_path, 3)
    assert table.labels == ["i0", "i1", "z0"]  # not "\ufeffi0"
    assert table.values.tolist() == [[70, 98, 91]]
    json_path = tmp_path / "bom.json"
    json_path.write_bytes(SPEC_MINMAX.encode("utf-8-sig"))
    assert read_minmax(json_path, 2, 1)["minOutput"] == [68]


# -- bad input: JSON -----------------------------------------------------------------------

def test_malformed_json_names_the_line(tmp_path):
    path = write(tmp_path / "broken.json", '{\n  "minInput": [25, 67],\n  "maxInput": [70 98]\n}\n')
    fails(read_json, path, mentions=["line 3", "malformed JSON"])


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused(tmp_path, literal):
    path = write(tmp_path / "nan.json",
                 '{\n  "note": "NaN is fine in a string",\n  "outputBias": [%s]\n}' % literal)
    fails(read_json, path, mentions=[literal, "line 3"])


def test_deeply_nested_json(tmp_path):
    fails(read_json, write(tmp_path / "deep.json", "[" * 100000), mentions=["nested"])


@pytest.mark.parametrize("reader", ["weights", "minmax", "config"])
@pytest.mark.parametrize("text", ["[1, 2]", '"text"', "42", "null"])
def test_json_top_level_must_be_an_object(tmp_path, reader, text):
    fails(READERS[reader], write(tmp_path / "notobject.json", text), mentions=["object"])


# -- bad input: dataset CSV ----------------------------------------------------------------

def test_csv_header_only(tmp_path):
    fails(read_csv, write(tmp_path / "header.csv", "i0,i1,z0\n"), 3, mentions=["no rows"])


def test_csv_non_numeric_cell_names_line_and_column(tmp_path):
    path = write(tmp_path / "data.csv", "i0,i1,z0\n70,98,91\n50,abc,82\n")
    fails(read_csv, path, 3, mentions=["line 3", "i1", "'abc'"])


def test_csv_ragged_row_names_the_line(tmp_path):
    path = write(tmp_path / "ragged.csv", "i0,i1,z0\n70,98,91\n50,85\n65,67,80\n")
    fails(read_csv, path, 3, mentions=["line 3"])


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-inf", "Infinity", "1e400"])
def test_csv_nan_and_infinity_are_refused(tmp_path, cell):
    path = write(tmp_path / "nan.csv", f"i0,i1,z0\n70,98,91\n50,85,82\n65,{cell},80\n")
    fails(read_csv, path, 3, mentions=["line 4", "i1", "finite"])


def test_csv_needs_a_header_row(tmp_path):
    path = write(tmp_path / "noheader.csv", "70,98,91\n50,85,82\n")
    fails(read_csv, path, 3, mentions=["line 1", "header"])


@pytest.mark.parametrize("columns, allowed", [(3, 2), (3, 4), (3, (2, 4))])
def test_csv_column_count_must_match_the_network(tmp_path, columns, allowed):
    labels = ",".join(f"c{i}" for i in range(columns))
    path = write(tmp_path / "wide.csv", f"{labels}\n" + ",".join(["1"] * columns) + "\n")
    fails(read_csv, path, allowed, mentions=["line 1", f"the header has {columns}"])


def test_csv_whitespace_and_blank_lines_are_accepted(tmp_path):
    path = write(tmp_path / "spaced.csv",
                 " i0 ,\ti1, z0 \n\n  70 , 98 ,91\n\n\n 50,\t85 , 82 \n   \n")
    table = read_csv(path, 3)
    assert table.labels == ["i0", "i1", "z0"]
    assert table.values.tolist() == [[70, 98, 91], [50, 85, 82]]


def test_csv_line_numbers_count_blank_lines(tmp_path):
    path = write(tmp_path / "gaps.csv", "i0,i1,z0\n\n70,98,91\n\n50,x,82\n")
    fails(read_csv, path, 3, mentions=["line 5"])


def test_csv_larger_than_the_limit_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path / "huge.csv", "i0,i1,z0\n" + "70,98,91\n" * 100)
    monkeypatch.setattr(file_readers, "MAX_CSV_BYTES", 100)
    fails(read_csv, path, 3, mentions=["909 bytes", "up to 100 bytes"])


def test_json_larger_than_the_limit_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path / "huge.json", SPEC_WEIGHTS)
    monkeypatch.setattr(file_readers, "MAX_JSON_BYTES", 10)
    fails(read_weights, path, (2, 3, 1), mentions=["up to 10 bytes"])


# -- bad input: weights file ---------------------------------------------------------------

def weights_with(tmp_path, **changes):
    doc = spec_weights_document()
    for key, value in changes.items():
        if value is None:
            del doc[key]
        else:
            doc[key] = value
    return write(tmp_path / "weights.json", json.dumps(doc))


@pytest.mark.parametrize("key, value, where", [
    ("outputWeights", [[0.5, -1.0]], "outputWeights"),
    ("outputWeights", [0.5, -1.0, 0.0], "outputWeights"),
    ("outputBias", [0.5, 0.5], "outputBias"),
    ("hiddenWeights", [[[-0.5, -1.0], [-0.5, 0.5]]], "hiddenWeights[0]"),
    ("hiddenWeights", [[[-0.5, -1.0, 0], [-0.5, 0.5, 0], [1.0, 0.0, 0]]], "hiddenWeights[0]"),
    ("hiddenWeights", [[[-0.5, -1.0], [-0.5], [1.0, 0.0]]], "hiddenWeights[0]"),  # ragged
    ("hiddenBias", [[0.5, 0.5]], "hiddenBias[0]"),
])
def test_weights_with_wrong_shapes(tmp_path, key, value, where):
    fails(read_weights, weights_with(tmp_path, **{key: value}), (2, 3, 1), mentions=[where])


@pytest.mark.parametrize("key", ["hiddenWeights", "hiddenBias", "outputWeights", "outputBias"])
def test_weights_with_a_missing_key(tmp_path, key):
    fails(read_weights, weights_with(tmp_path, **{key: None}), (2, 3, 1),
          mentions=[key, "missing"])


@pytest.mark.parametrize("key, value, where", [
    ("outputBias", ["0.5"], "outputBias"),
    ("outputWeights", [[0.5, "-1", 0.0]], "outputWeights"),
    ("hiddenBias", [[0.5, None, 0.5]], "hiddenBias[0]"),
    ("outputBias", [True], "outputBias"),
    ("hiddenWeights", [[[-0.5, -1.0], [False, 0.5], [1.0, 0.0]]], "hiddenWeights[0]"),
    ("outputBias", 0.5, "outputBias"),
])
def test_weights_must_be_numbers(tmp_path, key, value, where):
    fails(read_weights, weights_with(tmp_path, **{key: value}), (2, 3, 1),
          mentions=[where, "expected"])


@pytest.mark.parametrize("sizes", [(2, 1), (2, 3, 3, 1)])
def test_weights_with_the_wrong_number_of_hidden_layers(tmp_path, sizes):
    path = write(tmp_path / "weights.json", SPEC_WEIGHTS)
    fails(read_weights, path, sizes, mentions=["hiddenWeights", "hidden layer"])


# -- bad input: min-max file ---------------------------------------------------------------

def minmax_with(tmp_path, **changes):
    doc = json.loads(SPEC_MINMAX)
    for key, value in changes.items():
        if value is None:
            del doc[key]
        else:
            doc[key] = value
    return write(tmp_path / "minmax.json", json.dumps(doc))


def test_minmax_min_above_max(tmp_path):
    fails(read_minmax, minmax_with(tmp_path, minOutput=[95]), 2, 1, mentions=["maxOutput"])


@pytest.mark.parametrize("key, value", [("minInput", [25]), ("maxInput", [70, 98, 1]),
                                        ("maxOutput", [91, 92])])
def test_minmax_wrong_length(tmp_path, key, value):
    fails(read_minmax, minmax_with(tmp_path, **{key: value}), 2, 1, mentions=[key])


def test_minmax_lengths_must_agree_without_a_network(tmp_path):
    fails(read_minmax, minmax_with(tmp_path, maxInput=[70]), mentions=["maxInput"])


@pytest.mark.parametrize("key", ["minInput", "maxInput", "minOutput", "maxOutput"])
def test_minmax_missing_key(tmp_path, key):
    fails(read_minmax, minmax_with(tmp_path, **{key: None}), 2, 1, mentions=[key, "missing"])


def test_minmax_keys_not_needed_may_be_absent(tmp_path):
    path = minmax_with(tmp_path, minInput=None, maxInput=None)
    ranges = read_minmax(path, 2, 1, need=("minOutput", "maxOutput"))
    assert ranges["maxOutput"].tolist() == [91]


# -- bad input: config ---------------------------------------------------------------------

def config_with(tmp_path, **changes):
    doc = dict(CHEAT_SHEET_CONFIG)
    for key, value in changes.items():
        if value is None:
            del doc[key]
        else:
            doc[key] = value
    return write(tmp_path / "config.json", json.dumps(doc))


@pytest.mark.parametrize("changes, where", [
    ({"activationFunction": "sigmoidal"}, "activationFunction"),
    ({"outputActivationFunction": "softplus"}, "outputActivationFunction"),
    ({"outputActivationFunction": "softmax"}, "outputActivationFunction"),  # one output node
    ({"activationFunction": "softmax"}, "activationFunction"),  # the output layer's only
    ({"activationFunction": ["sigmoid"]}, "activationFunction"),
    ({"lossFunction": {"name": "mse"}}, "lossFunction"),
    ({"learningRate": -0.1}, "learningRate"),
    ({"learningRate": "0.1"}, "learningRate"),
    ({"learningRate": int("1" * 400)}, "learningRate"),
    ({"inputNodes": None}, "inputNodes"),
    ({"outputNodes": 0}, "outputNodes"),
    ({"inputNodes": 2.5}, "inputNodes"),
    ({"hiddenNodesPerLayer": 3}, "hiddenNodesPerLayer"),
    ({"hiddenNodesPerLayer": [3, 0]}, "hiddenNodesPerLayer"),
    ({"batchSize": -1}, "batchSize"),
    ({"epochs": True}, "epochs"),
    ({"shuffle": "yes"}, "shuffle"),
    ({"inputNodeLabels": ["i0", "i1", "i2"]}, "inputNodeLabels"),
    ({"outputNodeLabels": []}, "outputNodeLabels"),
    ({"normalizeMethod": "z-score"}, "normalizeMethod"),
    ({"minMaxOutputMethod": "guess"}, "minMaxOutputMethod"),
    ({"initWeightsBiasesMethod": "file", "initWeightsBiasesJSONFile": None},
     "initWeightsBiasesJSONFile"),
    ({"initWeightsBiasesMethod": "random", "randomInit": {"weights": "xavier"}},
     "randomInit.weights"),
    ({"randomInit": {"scale": -1}}, "randomInit.scale"),
    ({"randomInit": "uniform"}, "randomInit"),
    ({"trainingDatasetCSVFile": 42}, "trainingDatasetCSVFile"),
    ({"minMaxJSONFile": ["minmax.json"]}, "minMaxJSONFile"),
])
def test_bad_config_names_the_key(tmp_path, changes, where):
    text = fails(load_config, config_with(tmp_path, **changes), mentions=[f", {where}: "])
    assert "expected" in text or "required" in text


def test_config_defaults_fill_every_key_but_the_shape(tmp_path):
    path = write(tmp_path / "config.json", '{"inputNodes": 2, "outputNodes": 1}')
    config = load_config(path)
    assert config.sizes == (2, 1)
    assert config.inputNodeLabels == ["i0", "i1"] and config.outputNodeLabels == ["z0"]
    assert config.outputActivationFunction == config.activationFunction == "sigmoid"


# -- a failed experiment load --------------------------------------------------------------

def test_experiment_load_with_a_broken_csv_raises(tmp_path):
    for name in ("config.json", "init-weights-biases.json"):
        (tmp_path / name).write_bytes((RESOURCES / "cheat-sheet-4-rows" / name).read_bytes())
    write(tmp_path / "training.csv", "i0,i1,z0\n70,98,91\n50,85,abc\n")
    result = None
    with pytest.raises(InputError) as caught:
        result = Experiment.load(tmp_path / "config.json")
    assert result is None
    assert "training.csv" in str(caught.value) and "line 3" in str(caught.value)


def test_experiment_load_with_broken_weights_raises(tmp_path):
    for name in ("config.json", "training.csv"):
        (tmp_path / name).write_bytes((RESOURCES / "cheat-sheet-4-rows" / name).read_bytes())
    weights = dict(spec_weights_document(), outputBias=[0.5, 0.5])
    write(tmp_path / "init-weights-biases.json", json.dumps(weights))
    with pytest.raises(InputError, match="init-weights-biases.json.*outputBias"):
        Experiment.load(tmp_path / "config.json")
