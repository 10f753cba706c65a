"""explain.py's plain-text formulas typeset as LaTeX, MathML and Qt rich text (core/typeset.py)."""

import xml.etree.ElementTree as ET

from mlpviz.core.mathtext import rows, tokens
from mlpviz.core.typeset import latex, latex_block, mathml, rich

W5 = "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648"
DELTA = ["δ_o1 = ∂E/∂out_o1 · f'(net_o1) = (out_o1 − z_o1) · out_o1(1 − out_o1)",
         "     = (0.75136507 − 0.01) · 0.75136507·(1 − 0.75136507) = 0.138498562"]
M = "{http://www.w3.org/1998/Math/MathML}"


def test_names_split_as_the_tutorials_print_them():
    t = tokens("net_h1 = w5⁺ + b_h1.2 + h1.2 + Σ_k + x12")
    names = [(x.text, x.sub, x.sup) for x in t if x.kind == "name"]
    assert names == [("net", "h1", ""), ("w", "5", "+"), ("b", "h1.2", ""), ("h", "1.2", ""),
                     ("Σ", "k", ""), ("x", "12", "")]


def test_latex_of_an_update():
    assert latex(W5) == (r"w_{5}^{+} = w_{5} - \eta \cdot \frac{\partial E}{\partial w_{5}} = "
                         r"0.4 - 0.5 \cdot 0.082167041 = 0.35891648")


def test_latex_details():
    assert latex("out_h1 = tanh(net_h1) = (1 − out_h1²)") == \
        r"out_{h1} = \operatorname{tanh} ( net_{h1} ) = ( 1 - out_{h1}^{2} )"
    assert latex("b_h1⁺ = b_h1 = 0.35  (biases are frozen)").endswith(
        r"= 0.35 \quad \text{(biases are frozen)}")
    assert latex("E = 3.5102e-05") == r"E = 3.5102 \cdot 10^{-5}"
    assert latex("E = ½ Σ_k (z_k − out_k)²") == \
        r"E = \frac{1}{2} \sum_{k} ( z_{k} - out_{k} )^{2}"
    assert latex("E = (1/2) Σ_k x") == r"E = \frac{1}{2} \sum_{k} x"


def test_labels_with_spaces_and_specials_stay_whole_and_escaped():
    known = ["a xor b", "p&q_1"]
    assert latex("out_a xor b = σ(net_a xor b)", known) == \
        r"out_{\mathrm{a\ xor\ b}} = \sigma ( net_{\mathrm{a\ xor\ b}} )"
    assert r"\mathrm{p\&q\_1}" in latex("x = p&q_1 + 1", known)
    root = ET.fromstring(mathml("out_p&q_1 = 1 < 2", known))
    assert root.find(f".//{M}msub/{M}mi[2]").text == "p&q_1"


def test_continuation_lines_align_at_their_first_equals():
    block = latex_block(DELTA)
    assert block.startswith(r"\begin{aligned} \delta_{o1} &= \frac{\partial E}{\partial out_{o1}}")
    assert r"\\ &= ( 0.75136507 - 0.01 )" in block and block.endswith(r"\end{aligned}")
    split = rows(["a = b = c"], split=True)
    assert [(len(lhs), len(rhs)) for lhs, rhs, _ in split] == [(1, 1), (0, 1)]


def test_mathml_is_well_formed_with_fractions_and_scripts():
    root = ET.fromstring(mathml(DELTA))
    assert root.tag == f"{M}math" and root.get("display") == "block"
    assert len(root.findall(f".//{M}mtr")) == 2
    assert root.find(f".//{M}mfrac") is not None
    assert [e.text for e in root.iter(f"{M}mn")][-1] == "0.138498562"
    w5 = ET.fromstring(mathml(W5, display=False))
    first = w5.find(f"{M}mrow/{M}msubsup")
    assert [e.text for e in first] == ["w", "5", "+"]
    negative = ET.fromstring(mathml("x = (-0.5)"))
    assert [e.text for e in negative.iter() if e.tag in (f"{M}mo", f"{M}mn")][-3:] == \
        ["−", "0.5", ")"]


def test_rich_text_uses_sub_and_sup():
    assert rich("net_h1 = w1·i1") == "net<sub>h1</sub> = <i>w</i><sub>1</sub>·<i>i</i><sub>1</sub>"
    assert rich(W5).startswith("<i>w</i><sub>5</sub><sup>+</sup> = <i>w</i><sub>5</sub> − η·"
                               "∂<i>E</i>/∂<i>w</i><sub>5</sub>")
    assert "δ<sub>o1</sub>" in rich(DELTA[0])
    assert rich("x = a<b") == "<i>x</i> = <i>a</i> &lt; <i>b</i>"


def test_a_large_networks_weights_read_as_indices():
    assert latex("w[2][3][7]⁺ = 0.5") == "w_{2,3,7}^{+} = 0.5"
    assert rich("w[1][0][3] = 1") == "<i>w</i><sub>1,0,3</sub> = 1"
