"""Spreadsheet CSVs (SPEC section 10, issue 12): the dialects spreadsheets and pandas write, columns
by name, and the files still refused, each with a message in the user's terms."""

import pytest

from mlpviz.core.csv_files import read_csv
from mlpviz.core.errors import InputError


def written(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def refused(path, *mentions, **options):
    with pytest.raises(InputError) as caught:
        read_csv(path, **options)
    text = str(caught.value)
    for part in (path.name, *mentions):
        assert part in text, text
    return text


@pytest.mark.parametrize("text", [
    "a;b;c\n1,5;2;-3,25\n4;5;6\n",  # European Excel: semicolons, decimal commas
    "sep=;\na;b;c\n1,5;2;-3,25\n4;5;6\n",  # Excel's separator line
    "a\tb\tc\n1.5\t2\t-3.25\n4\t5\t6\n",  # tabs
    "a\tb\tc\n1,5\t2\t-3,25\n4\t5\t6\n",  # tabs and decimal commas
    "\ufeffa,b,c\r\n1.5,2,-3.25\r\n4,5,6\r\n",  # BOM, CR-LF
    "a,b,c\r1.5,2,-3.25\r4,5,6\r",  # CR alone (old Mac Excel)
    '"a","b","c"\n"1.5","2","-3.25"\n"4","5","6"\n',  # every cell quoted
    '"a";"b";"c"\n"1,5";"2";"-3,25"\n4;5;6\n',
    ",a,b,c\n0,1.5,2,-3.25\n1,4,5,6\n",  # DataFrame.to_csv() with its index
])
def test_dialects_read_the_same_table(tmp_path, text):
    table = read_csv(written(tmp_path, text), 3)
    assert table.labels == ["a", "b", "c"]
    assert table.values.tolist() == [[1.5, 2, -3.25], [4, 5, 6]]


def test_the_pandas_index_column_is_skipped_saying_so_once(tmp_path):
    table = read_csv(written(tmp_path, "Unnamed: 0,x,y\n7,1,2\n3,4,5\n9,6,7\n"), 2)
    assert table.values.tolist() == [[1, 2], [4, 5], [6, 7]]
    assert len(table.notes) == 1 and "row numbers" in table.notes[0]
    assert "data.csv" in table.notes[0]


def test_an_unnamed_first_column_of_data_is_kept(tmp_path):
    table = read_csv(written(tmp_path, ",x,y\n0.5,1,2\n1.5,4,5\n"))
    assert table.labels == ["", "x", "y"] and table.values[:, 0].tolist() == [0.5, 1.5]
    assert table.notes == []


def test_true_and_false_cells_read_as_one_and_zero(tmp_path):
    table = read_csv(written(tmp_path, "a,b,c\nTrue,2,False\nFALSE,3,true\n"), 3)
    assert table.values.tolist() == [[1, 2, 0], [0, 3, 1]]


def test_columns_by_name_in_any_order_others_ignored(tmp_path):
    path = written(tmp_path, "id,z,name,y,x\n1,30,ann,20,10\n2,31,bob,21,11\n")
    table = read_csv(path, 3, names=[["x", "y", "z"]])
    assert table.labels == ["x", "y", "z"]
    assert table.values.tolist() == [[10, 20, 30], [11, 21, 31]]


def test_columns_by_name_fall_back_to_the_next_list_then_to_position(tmp_path):
    path = written(tmp_path, "y,x\n2,1\n")
    assert read_csv(path, names=[["x", "y", "z"], ["x", "y"]]).values.tolist() == [[1, 2]]
    assert read_csv(path, names=[["p", "q"]]).values.tolist() == [[2, 1]]  # by position


def test_a_text_column_comes_back_as_strings(tmp_path):
    path = written(tmp_path, 'a;b;species\n1,5;2;setosa\n3;4;"Iris virginica"\n')
    table = read_csv(path, 3, text=[-1])
    assert table.values[:, :2].tolist() == [[1.5, 2], [3, 4]]
    assert table.text == {2: ["setosa", "Iris virginica"]}
    named = read_csv(path, names=[["species", "a"]], text=["species"])
    assert named.labels == ["species", "a"] and named.text == {0: ["setosa", "Iris virginica"]}


def test_an_empty_text_cell_is_refused(tmp_path):
    refused(written(tmp_path, "a,kind\n1,x\n2, \n"), "line 3", "kind", text=["kind"])


def test_latin1_is_refused_with_the_byte_and_the_fix(tmp_path):
    path = written(tmp_path, "Größe,Gewicht\n1,2\n", encoding="latin-1")
    refused(path, "0xF6", "line 1", "Latin-1", "save the file as UTF-8")


@pytest.mark.parametrize("name, data", [("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00rest"),
                                        ("book.csv", b"PK\x03\x04\x14\x00\x06\x00rest"),
                                        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest")])
def test_a_workbook_is_named_as_a_spreadsheet_to_save_as_csv(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    refused(path, "spreadsheet", "save it as CSV")


def test_a_header_of_numbers_is_refused_saying_what_to_add(tmp_path):
    refused(written(tmp_path, "1;2;3\n4;5;6\n"), "line 1", "numbers, not column labels",
            "header line")


def test_a_wrong_width_names_the_separator_found(tmp_path):
    refused(written(tmp_path, "a;b\n1;2\n"), "line 1", "semicolons", columns=3)


def test_a_header_cell_too_large_is_refused_naming_the_line(tmp_path):
    # found by tools/fuzz_files.py: the csv module's "field larger than field limit" escaped
    refused(written(tmp_path, ",\n" + "x" * 200_000 + "\n"), "line 2", "malformed CSV")
