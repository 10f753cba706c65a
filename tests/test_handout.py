"""`mlpviz explain`: the worked example of one update as Markdown with LaTeX and as HTML with
MathML (SPEC section 11), carrying SPEC section 7's numbers for the 2-2-2 example."""

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from mlpviz.cli import main
from mlpviz.core import Experiment
from mlpviz.core.examples import config_path
from mlpviz.core.explain import number
from mlpviz.core.handout_run import for_experiment
from mlpviz.core.handout_write import to_html, to_markdown

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
# SPEC section 7, the worked example's first update (w2..w4 to the engine's 9 decimals: the
# tutorial prints 0.19956143, 0.24975114, 0.29950229, rounded to 8)
FIRST_UPDATE = {"out_h1": "0.593269992", "out_h2": "0.596884378", "out_o1": "0.75136507",
                "out_o2": "0.772928465", "E": "0.298371109", "w5": "0.35891648",
                "w6": "0.408666186", "w7": "0.51130127", "w8": "0.561370121",
                "w1": "0.149780716", "w2": "0.199561432", "w3": "0.249751144",
                "w4": "0.299502287"}


def handout(name="worked-example", step=0, sample=None, params=None):
    return for_experiment(Experiment.load(config_path(name)), params, step, sample)


def formulas(h):
    return [line for block in h.blocks if block.kind == "math" for line in block.lines]


def new_values(h):
    """{parameter: the number after its update} from the handout's "x⁺ = … = v" lines."""
    found = {}
    for line in formulas(h):
        m = re.match(r"(\S+)⁺ = .* = (\S+)(  \(.*\))?$", line)
        if m:
            found[m.group(1)] = m.group(2)
    return found


def test_the_2_2_2_handout_carries_every_number_of_the_first_update():
    h = handout()
    lines = formulas(h)
    assert "out_h1 = σ(net_h1) = σ(0.3775) = 0.593269992" in lines
    assert any(line.endswith("= 0.298371109") for line in lines)  # E before the update
    assert "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648" in lines
    assert "∂E/∂w1 = δ_h1 · out_i1 = 0.008771355 · 0.05 = 0.000438568" in lines
    news = new_values(h)
    assert [news[f"w{k}"] for k in range(1, 9)] == [FIRST_UPDATE[f"w{k}"] for k in range(1, 9)]
    assert news["b_h1"] == "0.35"  # frozen
    assert lines[-1].endswith("= 0.291027774")  # SPEC: 0.2910277737 after the update


def test_the_order_is_the_tutorials():
    h = handout()
    titles = [b.parts[0] for b in h.blocks if b.kind == "heading" and b.level == 2]
    assert titles == ["The network", "The sample", "The forward pass", "The total error",
                      "The backward pass", "The update", "After the update"]
    lines = formulas(h)
    first = {key: next(k for k, line in enumerate(lines) if line.startswith(key))
             for key in ("net_h1", "net_o1", "E =", "δ_o1", "δ_h1", "∂E/∂w5", "w5⁺", "w1⁺")}
    assert first["net_h1"] < first["net_o1"] < first["E ="] < first["δ_o1"] < first["δ_h1"]
    assert first["∂E/∂w5"] < first["w5⁺"] < first["w1⁺"]


def test_markdown_has_latex_and_the_numbers():
    md = to_markdown(handout())
    for value in FIRST_UPDATE.values():
        assert value in md
    assert "$$\nout_{h1} = \\sigma ( net_{h1} ) = \\sigma ( 0.3775 ) = 0.593269992\n$$" in md
    assert r"w_{5}^{+} = w_{5} - \eta \cdot \frac{\partial E}{\partial w_{5}}" in md
    assert "| $h_{1}$ | $w_{1} = 0.15$ | $w_{2} = 0.2$ | $b_{h1} = 0.35$ |" in md
    assert md.count("$$") % 2 == 0


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_html_is_one_page_with_mathml_and_no_script():
    page = to_html(handout())
    root = ET.fromstring(page.split("\n", 1)[1])  # after <!DOCTYPE html>: well-formed XML
    math_ns = "{http://www.w3.org/1998/Math/MathML}"
    assert len(root.findall(f".//{math_ns}math")) > 40
    tags = Tags()
    tags.feed(page)
    assert "script" not in tags.tags and "math" in tags.tags and "table" in tags.tags
    assert not re.search(r"(src|href)=", page)  # nothing fetched: opens offline
    assert "@media print" in page
    numbers = {el.text for el in root.iter(f"{math_ns}mn")}
    for value in FIRST_UPDATE.values():
        assert value in numbers, value


def test_a_later_step_and_another_sample_of_an_online_run():
    experiment = Experiment.load(config_path("xor"))
    trainer = experiment.trainer()
    trainer.run(5)
    before = trainer.network.params.copy()
    row = int(trainer.batch_indices(5)[0])
    trainer.run(1)  # the engine's own update at step 5
    h = handout("xor", step=5)
    assert "step 5 (the 6th update)" in h.blocks[1].parts[0]
    assert f"sample {row + 1} of 4" in h.blocks[1].parts[0]
    news = new_values(h)
    after = experiment.network(trainer.network.params)
    assert news["w1"] == number(after.W[1][0, 0]) and news["b_h1"] == number(after.b[1][0])
    assert news["w9"] == number(after.W[2][0, 0])
    sample = (row + 1) % 4 + 1  # online: another sample in place of the step's own
    other = handout("xor", step=5, sample=sample)
    assert f"sample {sample} of 4" in other.blocks[1].parts[0]
    assert number(before[0]) in to_markdown(other)


def test_a_mini_batch_update_uses_the_mean_of_its_gradients():
    experiment = Experiment.load(config_path("sine"))  # batches of 8, shuffled
    trainer = experiment.trainer()
    trainer.run(2)
    rows = trainer.batch_indices(2)
    trainer.run(1)
    h = handout("sine", step=2)
    assert f"sample {rows[0] + 1} of 41" in h.blocks[1].parts[0]
    means = [line for line in formulas(h) if "the mean over the step's 8 samples" in line]
    assert means[0].startswith("∂E/∂w9 = (1/8) (")  # the output layer's first
    assert any(line.startswith("∂E/∂w1 = (1/8) (") for line in means)
    news = new_values(h)
    after = experiment.network(trainer.network.params)
    assert news["w1"] == number(after.W[1][0, 0]) and news["b_h1"] == number(after.b[1][0])
    assert news["w16"] == number(after.W[2][0, 7])
    with pytest.raises(Exception, match="batch holds the samples"):
        handout("sine", step=2, sample=int(np.setdiff1d(np.arange(41), rows)[0]) + 1)


def test_a_large_network_shows_chosen_neurons_and_says_so(tmp_path):
    shutil.copytree(RESOURCES / "xor", tmp_path, dirs_exist_ok=True)
    doc = json.loads((tmp_path / "config.json").read_text())
    doc.update(hiddenNodesPerLayer=[30], initWeightsBiasesMethod="random")
    (tmp_path / "config.json").write_text(json.dumps(doc))
    h = for_experiment(Experiment.load(tmp_path / "config.json"))
    md = to_markdown(h)
    assert "layer 1 (hidden) has 30 neurons, of which this handout follows h1, h2, h3, h4" in md
    lines = formulas(h)
    assert any(line.startswith("net_h4") for line in lines)
    assert not any(line.startswith(("net_h5", "δ_h5", "w9⁺")) for line in lines)
    # o's net sums over all 30 hidden neurons: written with its first and last terms
    net_o = next(line for line in lines if line.startswith("net_a xor b"))
    assert "w61·h1 + w62·h2 + w63·h3 + … + w89·h29 + w90·h30 + b_a xor b" in net_o


def wide_xor(folder, hidden=30):
    shutil.copytree(RESOURCES / "xor", folder, dirs_exist_ok=True)
    doc = json.loads((folder / "config.json").read_text())
    doc.update(hiddenNodesPerLayer=[hidden], initWeightsBiasesMethod="random")
    (folder / "config.json").write_text(json.dumps(doc))
    return folder / "config.json"


def test_a_large_network_follows_the_chosen_neurons(tmp_path, capsys):
    """--neurons h17: the 30-neuron layer is followed through h17 alone, not h1..h4, and the
    handout says so; h17's net, δ, its weights' gradients and updates are all there."""
    config = wide_xor(tmp_path)
    h = for_experiment(Experiment.load(config), neurons=["h17"])
    md = to_markdown(h)
    assert "layer 1 (hidden) has 30 neurons, of which this handout follows h17 (chosen)" in md
    lines = formulas(h)
    for start in ("net_h17 =", "out_h17 =", "δ_h17 =", "∂E/∂w33 =", "w33⁺ =", "b_h17⁺ ="):
        assert any(line.startswith(start) for line in lines), start  # w33, w34: into h17
    assert not any(line.startswith(("net_h1 ", "net_h4 ", "δ_h1 ")) for line in lines)
    assert any(line.startswith("∂E/∂w77 =") for line in lines)  # h17 → output: 60 + 17
    assert main(["explain", str(config), "--neurons", "h17, h3", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "of which this handout follows h3, h17 (chosen)" in out and "net_{h3}" in out


def test_unchosen_wide_layers_say_they_show_their_first_neurons(tmp_path):
    md = to_markdown(for_experiment(Experiment.load(wide_xor(tmp_path)), neurons=["a xor b"]))
    assert "follows h1, h2, h3, h4 (its first 4; none of it was chosen)" in md


def test_a_neuron_that_does_not_exist_is_one_line_of_bad_input(tmp_path, capsys):
    status = main(["explain", str(wide_xor(tmp_path)), "--neurons", "h31"])
    err = capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "--neurons" in err and "'h31'" in err and "h1…h30" in err


def test_cli_writes_markdown_and_html(tmp_path, capsys):
    assert main(["explain", "worked-example", "--out", str(tmp_path / "w.html")]) == 0
    page = (tmp_path / "w.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "0.35891648" in page
    assert capsys.readouterr().out.startswith("wrote ")
    assert main(["explain", "worked-example", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Worked example") and "0.149780716" in out


@pytest.mark.parametrize("argv, mentions", [
    (["--step", "-1"], ["--step", "≥ 0"]),
    (["--sample", "2"], ["--sample", "from 1 to 1"]),
    (["--weights", "nowhere.json"], ["nowhere.json"]),
    (["--out", "no/such/folder/x.md"], ["does not exist"]),
])
def test_cli_bad_input_is_one_line(tmp_path, capsys, monkeypatch, argv, mentions):
    monkeypatch.chdir(tmp_path)
    status = main(["explain", "worked-example", *argv])
    err = capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    for part in mentions:
        assert part in err


def softmax_experiment(folder, rows="a,b,p,q\n0,0,1,0\n0,1,0,1\n"):
    (folder / "training.csv").write_text(rows)
    doc = json.loads((RESOURCES / "xor" / "config.json").read_text())
    doc.update(outputNodes=2, outputNodeLabels=["p", "q"], outputActivationFunction="softmax",
               lossFunction="cross-entropy", initWeightsBiasesMethod="random",
               trainingDatasetCSVFile="training.csv")
    doc.pop("testingDatasetCSVFile", None)
    (folder / "config.json").write_text(json.dumps(doc))
    return folder / "config.json"


def test_softmax_and_cross_entropy_write_their_own_lines(tmp_path):
    """classify's lines (core/explain_output.py) in the handout, each checked against the
    engine: softmax's out, E = −Σ z ln out, δ = out − z, and the remark on why."""
    experiment = Experiment.load(softmax_experiment(tmp_path))
    h = for_experiment(experiment)
    lines = formulas(h)
    net = experiment.network()
    forward = net.forward(experiment.train.values[0, :2])
    out = forward.out[-1][0]
    assert any(line.startswith("out_p = e^net_p / Σ_k e^net_k") for line in lines)
    assert any(line.startswith("E = −Σ_k z_k ln out_k") for line in lines)
    delta_p = next(line for line in lines if line.startswith("δ_p"))
    assert delta_p.endswith(f"= {number(out[0] - 1)}")  # δ_p = out_p − z_p, z_p = 1
    remarks = [b.parts[0] for b in h.blocks if b.kind == "text" and "why so simple" in b.parts[0]]
    assert remarks and not any("why so simple" in line for line in lines)
    page = to_html(h)
    ET.fromstring(page.split("\n", 1)[1])
    assert "<msup><mi>e</mi><mrow><msub><mi>net</mi><mi>p</mi></msub></mrow></msup>" in page
    assert r"e^{net_{p}}" in to_markdown(h)


def test_a_formula_that_disagrees_with_the_engine_is_never_printed():
    from mlpviz.core.handout import Unsupported, checked
    lines = ["E = ½ (…)", "  = ½ (0.5) = 0.25  (a remark)"]
    assert checked(lines, 0.25, "the loss", "lossFunction") == lines
    with pytest.raises(Unsupported, match="cannot write the loss"):
        checked(lines, 0.2500001, "the loss", "lossFunction")


@pytest.mark.parametrize("changes, first", [
    ({"optimizer": "momentum"}, "v ← μ·v + ∂E/∂w5"),
    ({"optimizer": "nesterov"}, "v ← μ·v + ∂E/∂w5"),
    ({"optimizer": "rmsprop"}, "s ← α·s + (1 − α)·(∂E/∂w5)²"),
    ({"optimizer": "adam"}, "m ← β₁·m + (1 − β₁)·∂E/∂w5"),
    ({"l2": 0.01}, "g = ∂E/∂w5 + λ₂·w5"),
    ({"optimizer": "adam", "l1": 0.001}, "g = ∂E/∂w5 + λ₁·sign(w5)"),
])
def test_every_optimizer_writes_its_update_with_the_runs_state(tmp_path, changes, first):
    """optim's lines (core/explain_optimizer.py) for the update at step 2, from the state the
    run reached (v, m, s after two updates), every new weight checked against the engine."""
    shutil.copytree(RESOURCES / "worked-example", tmp_path, dirs_exist_ok=True)
    doc = json.loads((tmp_path / "config.json").read_text())
    doc.update(changes)
    (tmp_path / "config.json").write_text(json.dumps(doc))
    experiment = Experiment.load(tmp_path / "config.json")
    h = for_experiment(experiment, step=2)
    lines = formulas(h)
    assert any(line.startswith(first) for line in lines), first
    trainer = experiment.trainer()
    trainer.run(3)  # the engine's own update at step 2
    after = experiment.network(trainer.network.params)
    news = new_values(h)
    assert news["w5"] == number(after.W[2][0, 0]) and news["w1"] == number(after.W[1][0, 0])
    assert news["b_o1"] == "0.6"  # frozen, whatever the optimizer
    page = to_html(h)
    ET.fromstring(page.split("\n", 1)[1])
    if "l2" in changes or "l1" in changes:
        assert any(line.startswith("penalty = (λ₂/2)·Σw² + λ₁·Σ|w|") for line in lines)


def test_plain_sgd_with_a_zero_penalty_is_explained(tmp_path):
    shutil.copytree(RESOURCES / "worked-example", tmp_path, dirs_exist_ok=True)
    doc = json.loads((tmp_path / "config.json").read_text())
    doc.update(optimizer="sgd", l2=0.0)
    (tmp_path / "config.json").write_text(json.dumps(doc))
    h = for_experiment(Experiment.load(tmp_path / "config.json"))
    assert new_values(h)["w5"] == "0.35891648"
