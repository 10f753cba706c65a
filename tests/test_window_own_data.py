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
