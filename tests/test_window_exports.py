"""File ▸ Export in the window: the worked example of the update shown, the model for PyTorch,
the loss history, figures of every view, and the math panel typeset and copyable."""

import ast
import csv
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from mlpviz.cli import main as cli
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: pytest.fail(text))
    return open_window(qtbot, tmp_path)


def steps(qtbot, window, n):
    for _ in range(n):
        target = window.model.snapshot.step + 1
        window.running.step()
        qtbot.waitUntil(lambda: window.model.snapshot.step == target, timeout=5000)


def test_the_worked_example_of_the_update_shown_is_mlpviz_explains(qtbot, window, tmp_path,
                                                                    capsys):
    path = tmp_path / "first.html"
    window.exports.export_worked_example(path)
    page = path.read_text(encoding="utf-8")
    ET.fromstring(page.split("\n", 1)[1])
    assert "<script" not in page
    for value in ("0.593269992", "0.298371109", "0.35891648", "0.149780716"):
        assert value in page
    steps(qtbot, window, 3)  # a teacher steps to update 3 and exports it
    window.exports.export_worked_example(tmp_path / "third.md")
    assert cli(["explain", "worked-example", "--step", "3"]) == 0
    assert (tmp_path / "third.md").read_text(encoding="utf-8") == capsys.readouterr().out


def test_the_save_dialog_picks_the_format(qtbot, window, tmp_path, monkeypatch):
    chosen = tmp_path / "handout"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a: (str(chosen), "Markdown with LaTeX (*.md)"))
    window.act.export_handout.trigger()
    assert (tmp_path / "handout.md").read_text(encoding="utf-8").startswith("# Worked example")


def test_phase_stepped_update_exports_the_update_just_made(qtbot, window, tmp_path):
    for _ in range(5):  # the 2-2-2 update has 5 phases; the fifth makes the update
        window.running.step_phase()
    qtbot.waitUntil(lambda: window.model.snapshot.step == 1, timeout=5000)
    assert window.exports.shown_update()[1] == 0  # the panel shows the update just made
    window.exports.export_worked_example(tmp_path / "made.md")
    assert "0.35891648" in (tmp_path / "made.md").read_text(encoding="utf-8")


def test_the_model_for_pytorch_holds_the_weights_shown(qtbot, window, tmp_path):
    steps(qtbot, window, 1)
    window.exports.export_torch(tmp_path / "model.py")
    tree = ast.parse((tmp_path / "model.py").read_text(encoding="utf-8"))
    weights = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                   and n.targets[0].id == "WEIGHTS")
    assert weights[1][0] == pytest.approx([0.35891648, 0.408666186], abs=5e-9)


def test_the_loss_history_is_every_step(qtbot, window, tmp_path):
    steps(qtbot, window, 4)
    window.exports.export_history(tmp_path / "history.csv")
    rows = list(csv.reader((tmp_path / "history.csv").read_text().splitlines()))
    assert rows[0] == ["step", "epoch", "loss"]
    assert [r[:2] for r in rows[1:]] == [["0", "0"], ["1", "1"], ["2", "2"], ["3", "3"]]
    assert float(rows[1][2]) == pytest.approx(0.298371109, abs=5e-10)
    assert float(rows[2][2]) == pytest.approx(0.2910277737, abs=5e-11)


@pytest.mark.parametrize("which", ["graph", "loss_plot", "details"])
def test_every_view_exports_png_and_svg(qtbot, window, tmp_path, which):
    widget = getattr(window, which)
    window.exports.export_figure(widget, which, path=tmp_path / "f.png", scale=2)
    image = QImage(str(tmp_path / "f.png"))
    assert not image.isNull() and image.width() >= 2 * 100
    window.exports.export_figure(widget, which, path=tmp_path / "f.svg")
    assert ET.parse(tmp_path / "f.svg").getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_descent_views_export_and_have_the_menu(qtbot, window, tmp_path):
    views = window.descent
    steps(qtbot, window, 1)
    views.setCurrentWidget(views.output)
    window.exports.export_figure(views.currentWidget(), "output view", path=tmp_path / "o.svg")
    ET.parse(tmp_path / "o.svg")
    texts = [a.text() for a in views.slice.findChildren(__import__("pyqtgraph").GraphicsView)[0]
             .scene().contextMenu]
    assert "Export the slice view as PNG (2×)…" in texts


def test_graph_and_loss_plot_menus_offer_the_figure(window):
    import pyqtgraph as pg
    scene = window.graph.findChildren(pg.GraphicsView)[0].scene()
    assert "Export the network graph as SVG…" in [a.text() for a in scene.contextMenu]
    assert [a.text() for a in window.details.figure_actions] == [
        "Export the math panel as PNG (2×)…", "Export the math panel as SVG…"]


def test_math_panel_is_typeset_and_copies_as_text_and_latex(qtbot, window):
    window.model.select(_w5())
    html = window.details.text()
    assert "<sub>5</sub><sup>+</sup>" in html and "δ<sub>o1</sub>" in html
    plain = window.details.text_lines()
    assert "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648" in plain
    latex = window.details.latex()
    assert r"w_{5}^{+} &= w_{5} - \eta \cdot \frac{\partial E}{\partial w_{5}}" in latex
    assert latex.startswith("$$\n") and latex.count("$$") % 2 == 0


def _w5():
    from mlpviz.gui.graph.style import Selection
    return Selection("weight", 2, 0, 0)


def test_copy_as_latex_puts_it_on_the_clipboard(qtbot, window):
    window.model.select(_w5())
    actions = {a.text(): a for a in window.details.context_menu().actions()}
    assert "Export the math panel as SVG…" in actions
    actions["Copy as LaTeX"].trigger()
    assert QApplication.clipboard().text() == window.details.latex()
    actions["Copy as plain text"].trigger()
    assert QApplication.clipboard().text() == window.details.text_lines()


def test_the_save_dialog_offers_scales_and_svg(qtbot, window, tmp_path, monkeypatch):
    asked = {}

    def dialog(parent, title, name, filters, selected=""):
        asked.update(filters=filters.split(";;"), selected=selected)
        return str(tmp_path / "graph"), asked["filters"][3]  # 4×

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    window.act.export_graph.trigger()
    w, h = window.graph.width(), window.graph.height()
    assert asked["filters"][0] == f"PNG, 1× ({w} × {h} px) (*.png)"
    assert asked["selected"].startswith("PNG, 2×") and asked["filters"][-1].startswith("SVG")
    image = QImage(str(tmp_path / "graph.png"))
    assert (image.width(), image.height()) == (4 * w, 4 * h)


def test_a_classifiers_history_has_its_accuracy(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: pytest.fail(text))
    window = open_window(qtbot, tmp_path, "iris")
    per_epoch = window.model.trainer.steps_per_epoch
    window.running.step_epoch()
    qtbot.waitUntil(lambda: window.accuracy_plot.steps == [0, per_epoch], timeout=10000)
    window.exports.export_history(tmp_path / "history.csv")
    rows = list(csv.DictReader((tmp_path / "history.csv").read_text().splitlines()))
    train = window.accuracy_plot.points["train"][1]
    assert len(rows) == per_epoch + 1 and rows[-1]["loss"] == ""  # the front: no loss yet
    assert float(rows[0]["accuracy"]) == pytest.approx(train[0] / 100)
    assert float(rows[-1]["accuracy"]) == pytest.approx(train[1] / 100)
    assert rows[1]["accuracy"] == "" and float(rows[1]["loss"]) > 0


def test_history_columns_sit_at_their_steps():
    from mlpviz.core.history_csv import history_csv
    text = history_csv([0, 1, 2, 3], [0.5, 0.25, 0.125, 0.0625], 2,
                       {"test_loss": ([2], [0.3]), "accuracy": ([0, 2], [float("nan"), 0.75])})
    assert text.splitlines() == ["step,epoch,loss,test_loss,accuracy", "0,0,0.5,,",
                                 "1,0,0.25,,", "2,1,0.125,0.3,0.75", "3,1,0.0625,,"]
    after = history_csv([0, 1], [0.5, 0.25], 2, {"accuracy": ([2], [0.9])})
    assert after.splitlines()[-1] == "2,1,,0.9"


def test_an_adam_runs_worked_example_uses_the_state_shown(qtbot, tmp_path, monkeypatch, capsys):
    """The window's handout of an Adam run at step 2 is mlpviz explain's: the snapshot carries
    the optimizer's state (m, s, t) the update starts from."""
    import json
    import shutil
    from pathlib import Path
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: pytest.fail(text))
    resources = Path(__file__).resolve().parent.parent / "resources" / "worked-example"
    folder = tmp_path / "adam"
    shutil.copytree(resources, folder)
    doc = json.loads((folder / "config.json").read_text())
    doc.update(optimizer="adam", l2=0.01)
    (folder / "config.json").write_text(json.dumps(doc))
    window = open_window(qtbot, tmp_path)
    assert window.open_config(folder / "config.json")
    steps(qtbot, window, 2)
    window.exports.export_worked_example(tmp_path / "adam.md")
    assert cli(["explain", str(folder / "config.json"), "--step", "2"]) == 0
    assert (tmp_path / "adam.md").read_text(encoding="utf-8") == capsys.readouterr().out


@pytest.mark.parametrize("selection, follows", [
    (("neuron", 1, 16, None), "h17"),   # the neuron selected
    (("bias", 1, 16, None), "h17"),     # a bias: its neuron
    (("weight", 1, 20, 1), "h21"),      # a weight into h21 (from i2): both of its ends
])
def test_a_wide_layers_handout_follows_the_selected_neuron(qtbot, tmp_path, monkeypatch, capsys,
                                                          selection, follows):
    """A 2-30-1 network: the window's handout follows the neuron selected on the graph through
    the 30-neuron layer (not its first 4), says so, and is mlpviz explain --neurons' handout."""
    import json
    import shutil
    from pathlib import Path
    from mlpviz.gui.graph.style import Selection
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: pytest.fail(text))
    folder = tmp_path / "wide"
    shutil.copytree(Path(__file__).resolve().parent.parent / "resources" / "xor", folder)
    doc = json.loads((folder / "config.json").read_text())
    doc.update(hiddenNodesPerLayer=[30], initWeightsBiasesMethod="random")
    (folder / "config.json").write_text(json.dumps(doc))
    window = open_window(qtbot, tmp_path)
    assert window.open_config(folder / "config.json")
    window.model.select(Selection(*selection))
    window.exports.export_worked_example(tmp_path / "wide.md")
    md = (tmp_path / "wide.md").read_text(encoding="utf-8")
    assert f"has 30 neurons, of which this handout follows {follows} (chosen)" in md
    assert f"net_{{{follows}}}" in md and "net_{h1} " not in md
    assert cli(["explain", str(folder / "config.json"), "--neurons", follows]) == 0
    assert md == capsys.readouterr().out
