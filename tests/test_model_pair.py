"""Weights and min-max files saved together carry one pairId (core/model_pair.py): a weights file
used with a min-max file it was not saved with is refused with one line; the cheat sheet's own
files (no pairId) load as before, and the pair mlpviz writes still has the cheat sheet's keys."""

import json

import pytest

from mlpviz.core.model_pair import PAIR_KEY, paired
from test_cli import assert_bad_input, copy_example, run


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_example("cheat-sheet-4-rows", tmp_path, epochs=20)
    return tmp_path


def test_weights_with_another_runs_minmax_are_refused(here, capsys):
    status, _, err = run(capsys, "train", "config.json", "--weights-out", "first.json",
                         "--minmax-out", "first-minmax.json", "--quiet")
    assert status == 0, err
    status, _, err = run(capsys, "train", "config.json", "--epochs", "40", "--quiet")
    assert status == 0, err  # trained-weights-biases.json and minmax.json: another pair
    status, _, err = run(capsys, "predict", "config.json", "--weights", "first.json",
                         "--data", "training.csv")  # the config's minmax.json is the other run's
    assert_bad_input(status, err, "minmax.json", PAIR_KEY, "first.json", "--minmax")
    status, _, err = run(capsys, "test", "config.json", "--weights", "first.json",
                         "--minmax", "first-minmax.json", "--data", "training.csv")
    assert status == 0, err  # with its own min-max file it is fine


def test_the_pair_written_keeps_the_cheat_sheets_keys(here, capsys):
    status, _, err = run(capsys, "train", "config.json", "--quiet")
    assert status == 0, err
    weights = json.loads((here / "trained-weights-biases.json").read_text())
    minmax = json.loads((here / "minmax.json").read_text())
    assert list(weights) == ["hiddenWeights", "hiddenBias", "outputWeights", "outputBias",
                             PAIR_KEY]
    assert list(minmax) == ["minInput", "maxInput", "minOutput", "maxOutput", PAIR_KEY]
    assert minmax["minOutput"] == [68] and minmax["maxOutput"] == [91]
    assert weights[PAIR_KEY] == minmax[PAIR_KEY]


def strip_id(path):
    doc = json.loads(path.read_text())
    doc.pop(PAIR_KEY)
    path.write_text(json.dumps(doc))


def test_files_without_ids_load_as_the_cheat_sheets_go_package_writes_them(here, capsys):
    run(capsys, "train", "config.json", "--quiet")
    status, trained, _ = run(capsys, "predict", "config.json", "--weights",
                             "trained-weights-biases.json", "--data", "training.csv")
    for name in ("trained-weights-biases.json", "minmax.json"):
        strip_id(here / name)
    status, out, err = run(capsys, "predict", "config.json", "--weights",
                           "trained-weights-biases.json", "--data", "training.csv")
    assert status == 0 and out == trained, err


def test_hand_written_weights_with_a_trained_minmax_file_load(here, capsys):
    """The tutorials' case: the initial weights (no id) tested with the min-max file of a run."""
    run(capsys, "train", "config.json", "--quiet")
    status, _, err = run(capsys, "test", "config.json", "--weights", "init-weights-biases.json",
                         "--data", "training.csv")
    assert status == 0, err


def test_weights_with_an_id_and_a_minmax_file_without_one_are_refused(here, capsys):
    """What a kill between the renames leaves over a pair written without ids (weights first)."""
    run(capsys, "train", "config.json", "--quiet")
    strip_id(here / "minmax.json")
    status, _, err = run(capsys, "test", "config.json", "--weights",
                         "trained-weights-biases.json", "--data", "training.csv")
    assert_bad_input(status, err, "minmax.json", "it has none")


def test_the_id_is_added_to_any_json_object_text():
    w, m = paired('{"a": 1}\n', "{}")
    assert json.loads(w) == {"a": 1, PAIR_KEY: json.loads(m)[PAIR_KEY]}
    assert paired('{"a": 1}\n', "{}") == (w, m)  # a checksum: the same texts, the same id
    assert paired('{"a": 2}\n', "{}")[0] != w


def continue_from(here, weights, minmax):
    """A config that trains on from `weights` with the min-max values of the file `minmax`."""
    config = json.loads((here / "config.json").read_text())
    config.update(initWeightsBiasesJSONFile=weights, minMaxJSONFile=minmax,
                  minMaxInputMethod="file", minMaxOutputMethod="file",
                  trainedWeightsBiasesJSONFile="more.json")
    (here / "more.json.config").write_text(json.dumps(config))
    return "more.json.config"


def test_training_on_from_weights_beside_another_runs_minmax_is_refused(here, capsys):
    """Found after the pair ids landed: only test and predict checked them, so a config that
    trains on from saved weights took any min-max file beside them in silence."""
    status, _, err = run(capsys, "train", "config.json", "--weights-out", "first.json",
                         "--minmax-out", "first-minmax.json", "--quiet")
    assert status == 0, err
    status, _, err = run(capsys, "train", "config.json", "--epochs", "40", "--quiet")
    assert status == 0, err  # trained-weights-biases.json and minmax.json: another pair
    status, _, err = run(capsys, "train", continue_from(here, "first.json", "minmax.json"),
                         "--quiet", "--minmax-out", "more-minmax.json")
    assert_bad_input(status, err, "minmax.json", PAIR_KEY, "first.json")
    status, _, err = run(capsys, "train", continue_from(here, "first.json", "first-minmax.json"),
                         "--quiet", "--minmax-out", "more-minmax.json")
    assert status == 0, err
