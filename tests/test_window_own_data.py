"""Students' own data in the window (issue 12): the command line's refusals appear as dialogs,
warnings are shown, CSV columns are taken by name, predictions sit beside the file's targets."""

import json
import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from mlpviz.core.examples import config_path
from conftest import open_window


@pytest.fixture
def shown(monkeypatch):
    """Messages the window would show in a dialog."""
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    return messages


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def mine(tmp_path, rows=None, **changes):
    folder = tmp_path / "mine"
    shutil.copytree(config_path("cheat-sheet-4-rows").parent, folder, dirs_exist_ok=True)
    doc = json.loads((folder / "config.json").read_text())
    doc.update(changes)
    (folder / "config.json").write_text(json.dumps(doc))
    if rows is not None:
        (folder / "training.csv").write_text(rows)
    return folder / "config.json"


def test_targets_a_sigmoid_cannot_reach_are_refused_in_a_dialog(window, tmp_path, shown):
    before = window.session.experiment
    rows = "i0,i1,z0\n0.1,0.2,151\n0.3,0.1,75\n0.5,0.9,346\n"
    assert not window.open_config(mine(tmp_path, rows, normalizeOutputData=False))
    assert len(shown) == 1 and "column z0" in shown[0] and "normalizeOutputData" in shown[0]
    assert window.session.experiment is before


def test_class_numbers_are_refused_pointing_to_output_classes(window, tmp_path, shown):
    rows = "i0,i1,z0\n1,2,0\n2,3,1\n3,4,2\n4,5,0\n"
    assert not window.open_config(mine(tmp_path, rows))
    assert "outputClasses" in shown[0]


def test_a_near_miss_key_is_shown_as_a_warning(window, tmp_path, shown):
    assert window.open_config(mine(tmp_path, LearningRate=0.5))
    assert len(shown) == 1 and '"LearningRate"' in shown[0] and '"learningRate"' in shown[0]
    assert window.session.config.learningRate == 0.1  # it was a warning: the default stands


def test_a_european_test_csv_with_columns_by_name(window, tmp_path, shown):
    assert window.open_config(mine(tmp_path))
    path = tmp_path / "test.csv"
    path.write_text("sep=;\nz0;note;i1;i0\n91;a;98;70\n68,5;b;95;25\n", encoding="utf-8")
    assert window.files.load_test_csv(path)
    assert window.session.experiment.test.values.tolist() == [[70, 98, 91], [25, 95, 68.5]]
    dialog = window.files.predict_csv(path, show=False)
    assert dialog.labels == ["i0", "i1", "z0 (target)", "z0 (predicted)"]
    assert dialog.rows[:, 2].tolist() == [91, 68.5]
    assert not shown


def test_inputs_only_show_the_predictions_alone(window, tmp_path, shown):
    assert window.open_config(mine(tmp_path))
    path = tmp_path / "in.csv"
    path.write_text(",x,y\n0,70,98\n1,25,95\n")  # by position: pandas' index column, said once
    dialog = window.files.predict_csv(path, show=False)
    assert dialog.labels == ["i0", "i1", "z0"] and dialog.rows.shape == (2, 3)
    assert len(shown) == 1 and "row numbers" in shown[0]


# -- File ▸ New experiment from CSV ------------------------------------------------------------

def choosing(monkeypatch, roles=None, hidden=None, fraction=None, accept=True):
    """The dialog, as a person would fill it in: some roles changed, then OK (or Cancel)."""
    from PySide6.QtWidgets import QDialog
    from mlpviz.gui.panels.new_from_csv import NewFromCsvDialog
    seen = []

    def fill_in(dialog):
        seen.append(dialog)
        for label, role in (roles or {}).items():
            dialog.set_role(label, role)
        if hidden is not None:
            dialog.hidden_edit.setText(hidden)
        if fraction is not None:
            dialog.fraction.setValue(fraction)
        return QDialog.Accepted if accept else QDialog.Rejected

    monkeypatch.setattr(NewFromCsvDialog, "exec", fill_in)
    return seen


def iris_csv(tmp_path):
    path = tmp_path / "iris.csv"
    rows = [f"{i},{5 + (i % 3) / 10},{3 + (i % 4) / 5},{['setosa', 'versicolor', 'virginica'][i % 3]}"
            for i in range(40)]
    path.write_text(",sepal length,sepal width,species\n" + "\n".join(rows) + "\n")
    return path


def test_new_experiment_from_a_csv_with_a_class_column(window, tmp_path, shown, monkeypatch):
    seen = choosing(monkeypatch, fraction=0.25)
    assert window.files.new_from_csv(iris_csv(tmp_path))
    dialog = seen[0]
    assert dialog.roles() == ["ignore", "input", "input", "class"]  # proposed from the columns
    assert dialog.hidden_edit.text() == "5" and dialog.shape_label.text() == "2-5-3"
    config = window.session.config
    assert config.sizes == (2, 5, 3) and config.inputNodeLabels == ["sepal length", "sepal width"]
    assert config.outputNodeLabels == ["setosa", "versicolor", "virginica"]  # from the data
    assert len(window.session.experiment.train.values) == 30
    assert len(window.session.experiment.test.values) == 10
    assert (tmp_path / "iris-config.json").is_file() and not shown


def test_new_experiment_with_chosen_targets_and_shape(window, tmp_path, shown, monkeypatch):
    path = tmp_path / "houses.csv"
    path.write_text("rooms;area;note;price\n" + "".join(
        f"{1 + i % 5};{50 + i},5;x;{100 + 7 * i}\n" for i in range(30)))
    choosing(monkeypatch, roles={"price": "target"}, hidden="4, 3", fraction=0.0)
    assert window.files.new_from_csv(path)
    config = window.session.config
    assert config.sizes == (2, 4, 3, 1) and config.outputNodeLabels == ["price"]
    assert window.session.experiment.test is None
    assert window.session.experiment.train.values[0].tolist() == [1, 50.5, 100]


def test_new_experiment_refusals_are_dialogs_and_change_nothing(window, tmp_path, shown,
                                                                monkeypatch):
    before = window.session.experiment
    choosing(monkeypatch, roles={"species": "ignore"})
    assert not window.files.new_from_csv(iris_csv(tmp_path))
    assert len(shown) == 1 and "target column" in shown[0]
    choosing(monkeypatch, hidden="three")
    assert not window.files.new_from_csv(iris_csv(tmp_path))
    assert "Hidden layers" in shown[1]
    choosing(monkeypatch, accept=False)
    assert not window.files.new_from_csv(iris_csv(tmp_path))
    latin = tmp_path / "latin.csv"
    latin.write_bytes("größe,y\n1,2\n".encode("latin-1"))
    assert not window.files.new_from_csv(latin)
    assert "UTF-8" in shown[2]
    assert window.session.experiment is before
    assert sorted(p.name for p in tmp_path.iterdir() if "config" in p.name) == []


def test_an_overflowing_random_scale_is_a_dialog_not_a_traceback(window, tmp_path, shown):
    # randomInit.scale 1e308 raised an OverflowError and no dialog appeared
    before = window.session.experiment
    assert not window.open_config(mine(tmp_path, initWeightsBiasesMethod="random",
                                       randomInit={"weights": "uniform", "scale": 1e308}))
    assert len(shown) == 1 and "randomInit.scale" in shown[0]
    assert window.session.experiment is before


def test_a_class_csv_with_its_columns_by_name(window, tmp_path, shown):
    """The training and test CSVs of a classifier, columns shuffled beside pandas' index: taken
    by the config's labels (by position, 'shape' would have been read as an input)."""
    (tmp_path / "train.csv").write_text(",shape,y,x\n0,round,0.05,0.9\n1,square,0.9,0.05\n"
                                        "2,star,0.05,0.05\n")
    (tmp_path / "test.csv").write_text("y,shape,x\n0.8,square,0.1\n")
    (tmp_path / "config.json").write_text(json.dumps({
        "inputNodes": 2, "inputNodeLabels": ["x", "y"], "outputActivationFunction": "softmax",
        "lossFunction": "cross-entropy", "outputClasses": "auto",
        "trainingDatasetCSVFile": "train.csv"}))
    assert window.open_config(tmp_path / "config.json"), shown
    train = window.session.experiment.train
    assert train.values.tolist() == [[0.9, 0.05, 1, 0, 0], [0.05, 0.9, 0, 1, 0],
                                     [0.05, 0.05, 0, 0, 1]]  # x, y, one-hot round/square/star
    assert window.files.load_test_csv(tmp_path / "test.csv"), shown
    assert window.session.experiment.test.values.tolist() == [[0.1, 0.8, 0, 1, 0]]
    assert not shown


def test_save_weights_of_a_normalized_run_writes_the_pair(window, tmp_path, shown):
    """Like `mlpviz train`: the weights and the min-max file they need, one pairId in both."""
    from mlpviz.core.model_pair import PAIR_KEY
    from mlpviz.core.trained import load_trained
    config = mine(tmp_path)
    assert window.open_config(config)
    window.session.worker.request_steps(3)
    window.model.refresh()
    assert window.files.save_weights(tmp_path / "w.json")
    weights, minmax = (json.loads((tmp_path / n).read_text()) for n in ("w.json", "w-minmax.json"))
    assert weights[PAIR_KEY] == minmax[PAIR_KEY] and minmax["maxOutput"] == [91]
    _, network = load_trained(config, tmp_path / "w.json", tmp_path / "w-minmax.json")
    assert network.params.tolist() == window.model.current_params().tolist()
    folder = config.parent  # under the config's weights name: beside it, the config's min-max name
    assert window.files.save_weights(folder / "trained-weights-biases.json")
    assert json.loads((folder / "minmax.json").read_text())[PAIR_KEY] == json.loads(
        (folder / "trained-weights-biases.json").read_text())[PAIR_KEY]
    assert not shown


def test_save_weights_of_a_run_without_normalization_writes_the_weights_alone(window, tmp_path,
                                                                             shown):
    rows = "i0,i1,z0\n0.1,0.2,0.3\n0.5,0.1,0.9\n"  # targets a sigmoid reaches as they are
    assert window.open_config(mine(tmp_path, rows, normalizeInputData=False,
                                   normalizeOutputData=False)), shown
    out = tmp_path / "out"
    out.mkdir()
    assert window.files.save_weights(out / "w.json")
    assert [p.name for p in out.iterdir()] == ["w.json"]
    assert "pairId" not in json.loads((out / "w.json").read_text())


def test_a_pair_that_cannot_be_written_changes_neither_file(window, tmp_path, shown):
    assert window.open_config(mine(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    (out / "w.json").write_text("old")
    (out / "w-minmax.json").mkdir()  # the min-max file cannot be written
    errors = []
    window.report_error = errors.append
    assert not window.files.save_weights(out / "w.json")
    assert len(errors) == 1 and "w-minmax.json" in errors[0] and "folder" in errors[0], errors
    assert (out / "w.json").read_text() == "old"  # the weights were not written either
    assert sorted(p.name for p in out.iterdir()) == ["w-minmax.json", "w.json"]
