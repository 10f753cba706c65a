"""Class CSVs take their columns by name (SPEC section 10, issue 12): when the header holds the
config's inputNodeLabels and the class column (named by `classColumn`, else the one column left),
in any order, beside a pandas index or other columns; otherwise by position as before."""

import csv
import io
import json

import numpy as np

from mlpviz.core.config import load_config
from mlpviz.core.experiment import read_dataset
from test_cli_classes import TEST, TRAIN, folder, run  # noqa: F401  (folder is a fixture)

# TEST's rows, the columns shuffled, with pandas' index column and a column of notes.
SHUFFLED_TEST = """,shape,y,x
0,round,0.05,0.9
1,square,0.8,0.1
2,star,0.1,0.1
3,square,0.2,0.7
"""


def reordered(text, order, extra=None):
    """`text`'s columns in `order` (indices into x, y, shape), with an extra column if given."""
    rows = list(csv.reader(io.StringIO(text)))
    out = []
    for r, row in enumerate(rows):
        cells = [row[i] for i in order]
        if extra is not None:
            cells.insert(1, extra if r == 0 else f"n{r}")
        out.append(",".join(cells))
    return "\n".join(out) + "\n"


def test_test_reads_the_class_columns_by_name_in_any_order(folder, capsys):
    (folder / "shuffled.csv").write_text(SHUFFLED_TEST)
    plain = run(capsys, "test", "config.json", "--weights", "weights.json", "--json")
    status, out, err = run(capsys, "test", "config.json", "--weights", "weights.json", "--json",
                           "--data", "shuffled.csv")
    assert status == 0, err
    assert json.loads(out) == json.loads(plain[1])  # 3 of 4 right, the same confusion matrix
    assert json.loads(out)["confusion"] == [[1, 0, 0], [1, 1, 0], [0, 0, 1]]


def test_train_on_shuffled_columns_learns_the_same_weights(folder, capsys):
    status, _, err = run(capsys, "train", "config.json", "--epochs", "20", "--quiet")
    assert status == 0, err
    plain = (folder / "trained-weights-biases.json").read_bytes()
    (folder / "train.csv").write_text(reordered(TRAIN, [2, 1, 0]))  # shape,y,x
    status, _, err = run(capsys, "train", "config.json", "--epochs", "20", "--quiet")
    assert status == 0, err
    assert (folder / "trained-weights-biases.json").read_bytes() == plain


def test_predict_keeps_the_class_column_found_by_name(folder, capsys):
    (folder / "shuffled.csv").write_text(SHUFFLED_TEST)
    status, out, err = run(capsys, "predict", "config.json", "--weights", "weights.json",
                           "--data", "shuffled.csv")
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["x", "y", "round", "square", "star", "class", "shape"]
    assert [r[:2] for r in rows[1:]] == [["0.9", "0.05"], ["0.1", "0.8"], ["0.1", "0.1"],
                                         ["0.7", "0.2"]]
    assert [r[5] for r in rows[1:]] == ["round", "square", "star", "round"]
    assert [r[6] for r in rows[1:]] == ["round", "square", "star", "square"]


def test_predict_on_shuffled_inputs_only(folder, capsys):
    (folder / "new.csv").write_text("id,y,x\n7,0.85,0.1\n")
    status, out, err = run(capsys, "predict", "config.json", "--weights", "weights.json",
                           "--data", "new.csv")
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["x", "y", "round", "square", "star", "class"]
    assert rows[1][:2] == ["0.1", "0.85"] and rows[1][-1] == "square"
    assert "left out column id: it is not a class column" in err  # said, not silent


def test_class_column_names_the_column_among_others(folder, capsys):
    doc = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**doc, "classColumn": "shape"}))
    (folder / "wide.csv").write_text(reordered(TEST, [1, 2, 0], extra="colour"))
    status, out, err = run(capsys, "test", "config.json", "--weights", "weights.json", "--json",
                           "--data", "wide.csv")
    assert status == 0, err
    assert json.loads(out)["confusion"] == [[1, 0, 0], [1, 1, 0], [0, 0, 1]]


def test_two_candidate_class_columns_are_refused_pointing_to_class_column(folder, capsys):
    (folder / "wide.csv").write_text(reordered(TEST, [1, 2, 0], extra="colour"))
    status, _, err = run(capsys, "test", "config.json", "--weights", "weights.json",
                         "--data", "wide.csv")
    assert status == 2 and len(err.strip().splitlines()) == 1
    assert "wide.csv" in err and "colour, shape" in err and "classColumn" in err


def test_without_the_labels_columns_stay_by_position(folder):
    (folder / "plain.csv").write_text("a,b,label\n0.9,0.05,round\n0.1,0.8,square\n")
    config = load_config(folder / "config.json")
    table = read_dataset(folder / "plain.csv", config)
    assert table.values[:, :2].tolist() == [[0.9, 0.05], [0.1, 0.8]]
    assert table.column_label == "label" and table.cells == ["round", "square"]


def test_a_class_column_key_must_be_a_label(folder, capsys):
    doc = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**doc, "classColumn": 3}))
    status, _, err = run(capsys, "test", "config.json", "--weights", "weights.json")
    assert status == 2 and "classColumn" in err


def test_the_pandas_index_is_not_taken_for_the_class_column(folder):
    config = load_config(folder / "config.json")
    (folder / "shuffled.csv").write_text(SHUFFLED_TEST)
    table = read_dataset(folder / "shuffled.csv", config)
    assert table.labels[:2] == ["x", "y"] and table.column_label == "shape"
    assert np.array_equal(table.truth, [0, 1, 2, 1])
