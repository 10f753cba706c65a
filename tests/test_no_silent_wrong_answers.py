"""No silent wrong answers (SPEC section 10, issue 12 item 1, item 7): setups that trained or
predicted with exit 0 and wrong numbers are refused with one line naming the column or key and the
fix; near-miss config keys warn; the cheat sheet's Go package's names are understood."""

import json

import numpy as np
import pytest

from mlpviz.core.config import load_config
from test_cli import RESOURCES, assert_bad_input, copy_example, history, run


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def example(here, rows=None, **changes):
    """A copy of cheat-sheet-4-rows in ./mine, its training CSV replaced by `rows` if given."""
    config = copy_example("cheat-sheet-4-rows", here / "mine", **changes)
    if rows is not None:
        (here / "mine" / "training.csv").write_text(rows)
    return config


DIABETES = "i0,i1,z0\n0.1,0.2,151\n0.3,0.1,75\n0.5,0.9,346\n0.2,0.4,25\n"
IRIS = "i0,i1,z0\n5.1,3.5,0\n7.0,3.2,1\n6.3,3.3,2\n4.9,3.0,0\n6.4,3.2,1\n5.8,2.7,2\n"


def test_targets_beyond_a_sigmoid_output_without_normalization(here, capsys):
    # diabetes' targets 25–346 trained a sigmoid output to "every prediction is 1.0", exit 0
    config = example(here, DIABETES, normalizeOutputData=False)
    status, _, err = run(capsys, "train", config, "--epochs", 2)
    assert_bad_input(status, err, "training.csv", "column z0", "25", "346", "sigmoid",
                     '"normalizeOutputData": true')
    assert not (here / "mine" / "trained-weights-biases.json").exists()


def test_the_same_targets_train_with_output_normalization_or_a_linear_output(here, capsys):
    config = example(here, DIABETES, normalizeOutputData=True)
    assert run(capsys, "train", config, "--epochs", 2, "--quiet")[0] == 0
    config = example(here, DIABETES, normalizeOutputData=False, outputActivationFunction="linear",
                     learningRate=1e-6)
    assert run(capsys, "train", config, "--epochs", 2, "--quiet")[0] == 0


def test_normalized_targets_beyond_the_output_range(here, capsys):
    # minus-one-to-one puts targets in [-1, 1]; a sigmoid output never gives below 0
    config = example(here, normalizeMethod="minus-one-to-one")
    status, _, err = run(capsys, "train", config, "--epochs", 2)
    assert_bad_input(status, err, "column z0", "minus-one-to-one", "sigmoid")


def test_class_numbers_into_one_sigmoid_output_point_to_output_classes(here, capsys):
    # iris' labels 0/1/2 into one sigmoid output trained, exit 0, and class 2 was unreachable
    for normalized in (True, False):
        config = example(here, IRIS, normalizeOutputData=normalized)
        status, _, err = run(capsys, "train", config, "--epochs", 2)
        assert_bad_input(status, err, "column z0", "3 class numbers", "outputClasses")


def test_two_classes_or_a_measured_integer_are_not_taken_for_classes(here, capsys):
    two = "i0,i1,z0\n1,2,0\n2,3,1\n3,4,1\n"
    assert run(capsys, "train", example(here, two), "--epochs", 1, "--quiet")[0] == 0
    counts = "i0,i1,z0\n1,2,3\n2,3,8\n3,4,9\n4,4,12\n"  # whole numbers, not 0..K-1
    assert run(capsys, "train", example(here, counts), "--epochs", 1, "--quiet")[0] == 0


def test_an_output_column_with_min_equal_to_max(here, capsys):
    same = "i0,i1,z0\n1,2,68\n2,3,68\n3,4,68\n"
    status, _, err = run(capsys, "train", example(here, same), "--epochs", 1)
    assert_bad_input(status, err, "training.csv", "column z0", "min == max", "68")


def test_an_output_range_from_a_file_with_min_equal_to_max(here, capsys):
    config = example(here, minMaxOutputMethod="file")
    (here / "mine" / "minmax.json").write_text(json.dumps(
        {"minInput": [0, 0], "maxInput": [1, 1], "minOutput": [91], "maxOutput": [91]}))
    status, _, err = run(capsys, "train", config, "--epochs", 1)
    assert_bad_input(status, err, "minmax.json", "minOutput", "min == max")


def test_min_max_ranges_that_overflow(here, capsys):
    config = example(here, minMaxOutputMethod="file")
    (here / "mine" / "minmax.json").write_text(json.dumps(
        {"minInput": [0, 0], "maxInput": [1, 1], "minOutput": [-1e308], "maxOutput": [1e308]}))
    status, _, err = run(capsys, "train", config, "--epochs", 1)
    assert_bad_input(status, err, "minmax.json", "maxOutput[0]", "too wide")


def test_data_whose_range_overflows(here, capsys):
    huge = "i0,i1,z0\n-1e308,2,70\n1e308,3,80\n"
    status, _, err = run(capsys, "train", example(here, huge), "--epochs", 1)
    assert_bad_input(status, err, "training.csv", "column i0", "too wide")


# -- predict and test find the min-max values or refuse ----------------------------------------

@pytest.fixture
def trained(here, capsys):
    """cheat-sheet-4-rows trained in ./mine; its weights and min-max beside the config."""
    config = example(here)
    assert run(capsys, "train", config, "--epochs", 300, "--quiet")[0] == 0
    return config


def predictions(capsys, config, *extra):
    status, out, err = run(capsys, "predict", config, "--weights", "mine/trained-weights-biases.json",
                           "--data", RESOURCES / "cheat-sheet-4-rows" / "training.csv", *extra)
    assert status == 0, err
    return np.array([line.split(",") for line in out.splitlines()[1:]], dtype=float)[:, 2]


def test_predict_finds_the_min_max_file_or_the_training_csv(trained, here, capsys):
    given = predictions(capsys, trained, "--minmax", "mine/minmax.json")
    assert np.all((given > 60) & (given < 100))  # the data's own units
    assert np.array_equal(predictions(capsys, trained), given)  # the config's min-max file
    (here / "mine" / "minmax.json").unlink()
    assert np.allclose(predictions(capsys, trained), given)  # its training CSV


def test_predict_without_any_min_max_values_is_refused(trained, here, capsys):
    # it printed normalized outputs (0.293 where the data's units give 257.8), exit 0
    (here / "mine" / "minmax.json").unlink()
    (here / "mine" / "training.csv").unlink()
    status, out, err = run(capsys, "predict", trained, "--weights",
                           "mine/trained-weights-biases.json", "--data",
                           RESOURCES / "cheat-sheet-4-rows" / "training.csv")
    assert_bad_input(status, err, "config.json", "minMaxJSONFile", "--minmax")
    assert out == ""
    status, _, err = run(capsys, "test", trained, "--weights", "mine/trained-weights-biases.json",
                         "--data", RESOURCES / "cheat-sheet-4-rows" / "training.csv")
    assert_bad_input(status, err, "minMaxJSONFile")


def test_predict_and_test_do_not_need_the_initial_weights_file(trained, here, capsys):
    (here / "mine" / "init-weights-biases.json").unlink()
    assert len(predictions(capsys, trained)) == 4
    status, out, _ = run(capsys, "test", trained, "--weights", "mine/trained-weights-biases.json",
                         "--data", RESOURCES / "cheat-sheet-4-rows" / "training.csv", "--json")
    assert status == 0 and json.loads(out)["samples"] == 4


def test_predict_takes_columns_by_name(trained, here, capsys):
    (here / "in.csv").write_text("note;i1;i0\nx;98;70\ny;95;25\n")
    status, out, _ = run(capsys, "predict", trained, "--weights", "mine/trained-weights-biases.json",
                         "--data", "in.csv")
    assert status == 0
    rows = [line.split(",") for line in out.splitlines()]
    assert rows[0] == ["i0", "i1", "z0"] and [r[:2] for r in rows[1:]] == [["70.0", "98.0"],
                                                                           ["25.0", "95.0"]]


# -- config keys ---------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["LearningRate", "learningrate", "learningRte", "laerningRate"])
def test_a_near_miss_key_warns_naming_both(here, capsys, key):
    config = example(here, **{key: 0.5})
    status, _, err = run(capsys, "train", config, "--epochs", 1, "--quiet")
    assert status == 0
    assert f'"{key}"' in err and '"learningRate"' in err and "warning" in err
    assert len(err.strip().splitlines()) == 1
    assert load_config(config).warnings == [err.strip().split("warning: ", 1)[1]]


def test_other_unknown_keys_stay_quiet(here, capsys):
    config = example(here, colour="blue", lr=0.5, comment="mine")
    status, _, err = run(capsys, "train", config, "--epochs", 1, "--quiet")
    assert (status, err) == (0, "")


@pytest.mark.parametrize("none", ["N/A", ""])
def test_n_a_and_empty_file_names_mean_no_file(here, capsys, none):
    config = example(here, testingDatasetCSVFile=none, initWeightsBiasesMethod="random",
                     initWeightsBiasesJSONFile=none)
    status, out, err = run(capsys, "train", config, "--epochs", 1)
    assert status == 0, err
    assert "test loss" not in out
    assert load_config(config).testingDatasetCSVFile is None


def test_mean_squared_error_is_the_go_packages_name_for_half_sse(here, capsys):
    losses = []
    for name in ("half-sse", "mean-squared-error"):
        config = example(here, lossFunction=name)
        assert run(capsys, "train", config, "--epochs", 3, "--quiet", "--history-out", "h.csv")[0] == 0
        losses.append(history(here / "h.csv")[1])
    assert losses[0] == losses[1]


@pytest.mark.parametrize("option, value", [("--seed", 2**64), ("--epochs", 10**13)])
def test_epochs_and_seed_have_the_configs_limits(here, capsys, option, value):
    status, _, err = run(capsys, "train", "cheat-sheet", option, value)
    assert_bad_input(status, err, option, "from 0 to")
    assert list(here.iterdir()) == []


def test_an_overflowing_random_scale_is_refused(here, capsys):
    # rng.uniform(-1e308, 1e308) raised an OverflowError traceback
    config = example(here, initWeightsBiasesMethod="random",
                     randomInit={"weights": "uniform", "scale": 1e308, "biases": "zero"})
    status, _, err = run(capsys, "train", config, "--epochs", 1)
    assert_bad_input(status, err, "randomInit.scale")
