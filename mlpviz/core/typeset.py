"""Formulas typeset three ways from core/mathtext.py's tokens of explain.py's plain-text lines.

    latex(line)      net_{h1} = w_{5} \\cdot out_{h1} …           Markdown ($$…$$), copy as LaTeX
    mathml(lines)    <math><msub><mi>net</mi><mi>h1</mi></msub>…   the standalone HTML page
    rich(line)       net<sub>h1</sub> = <i>w</i><sub>5</sub> …     Qt rich text in the math panel

Several lines of one computation (continuations start with "=") are aligned at their first "=".
"""

from __future__ import annotations

from html import escape

from .mathtext import (FUNCTIONS, GREEK, MATH_WORDS, OPERATORS, Token, rows, split_note, texts,
                       tokens)

# -- LaTeX -------------------------------------------------------------------------------

_LATEX_SPECIAL = {c: "\\" + c for c in "#$%&_{}"}
_LATEX_SPECIAL.update({"\\": r"\backslash ", "~": r"\sim ", "^": r"\hat{}"})


def _latex_text(text):
    return "".join(_LATEX_SPECIAL.get(c, c) for c in text)


def _latex_label(text):
    """A label in math mode: as it is when plain, else upright with its spaces kept."""
    if text.replace(".", "").replace(",", "").isalnum() and text.isascii():
        return text
    return _upright(text)


def _upright(text):
    spaced = _latex_text(text).replace(" ", "\\ ")
    return rf"\mathrm{{{spaced}}}"


def _latex_base(text):
    if text in GREEK:
        return "\\" + GREEK[text]
    if text in FUNCTIONS:
        return rf"\operatorname{{{text}}}"
    if len(text) > 1 and text not in MATH_WORDS:
        return _upright(text)
    return _latex_label(text)


def _latex_number(text):
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \cdot 10^{{{int(exponent)}}}"
    return text


def latex_tokens(tokens):
    parts, root = [], False
    for t in texts(tokens):
        if t.kind == "op" and t.text == "√":
            root = True
            continue
        if t.kind == "name":
            piece = _latex_base(t.text)
            piece = rf"\hat{{{piece}}}" if t.hat else piece
            if t.sub:
                piece += f"_{{{_latex_label(t.sub)}}}"
        elif t.kind == "number":
            piece = _latex_number(t.text)
        elif t.kind == "text":
            piece = rf"\text{{ {_latex_text(t.text)} }}"
        elif t.kind == "frac":
            piece = rf"\frac{{{latex_tokens(t.parts[0])}}}{{{latex_tokens(t.parts[1])}}}"
        else:
            piece = GREEK.get(t.text) and "\\" + GREEK[t.text] or OPERATORS.get(t.text) \
                or _latex_text(t.text)
        if t.sup or t.power:
            piece = (piece if t.kind != "op" or piece[-1] in ")]" else f"{{{piece}}}") \
                + f"^{{{_sup_latex(t.sup) + latex_tokens(t.power)}}}"
        parts.append(rf"\sqrt{{{piece}}}" if root else piece)
        root = False
    return " ".join(parts)


def _sup_latex(sup):
    return "".join(r"\prime " if c == "′" else _latex_text(c) for c in sup)


def latex(line, known=()):
    """One formula line as LaTeX (without $ delimiters); a trailing note as \\text."""
    formula, note = split_note(line)
    text = latex_tokens(tokens(formula, known))
    return text + _latex_note(note)


def _latex_note(note):
    """A remark beside a formula, as MathJax (GitHub, Jupyter) shows \\text: kept as written."""
    if not note:
        return ""
    plain = note.replace("{", "(").replace("}", ")").replace("\\", "/").replace("$", "")
    return rf" \quad \text{{({plain})}}"


def latex_block(lines, known=(), split=False):
    """Several lines of one computation, aligned at their first "=" (with `split`, at every
    "="); one line that is not split: as it is."""
    if len(lines) == 1 and not split:
        return latex(lines[0], known)
    parts = []
    for lhs, rhs, note in rows(lines, known, split):
        text = " ".join(filter(None, [latex_tokens(lhs), "" if rhs is None else "&= "
                                      + latex_tokens(rhs)]))
        parts.append(text + _latex_note(note))
    return r"\begin{aligned} " + r" \\ ".join(parts) + r" \end{aligned}"


# -- MathML ------------------------------------------------------------------------------

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
_MO = {"−": "−", "-": "−", "·": "·", "Σ": "∑"}


def _mi(text):
    if text.isdigit():
        return f"<mn>{text}</mn>"
    return f"<mi>{escape(text)}</mi>"


def _mathml_number(text):
    sign = ""
    if text.startswith("-"):
        sign, text = "<mo>−</mo>", text[1:]
    if "e" in text:
        mantissa, exponent = text.split("e")
        return (f"<mrow>{sign}<mn>{mantissa}</mn><mo>·</mo><msup><mn>10</mn>"
                f"<mn>{int(exponent)}</mn></msup></mrow>")
    return f"<mrow>{sign}<mn>{text}</mn></mrow>" if sign else f"<mn>{text}</mn>"


def _mathml_one(t):
    if t.kind == "name":
        base = "<mo>∑</mo>" if t.text == "Σ" else _mi(t.text)
        if t.hat:
            base = f"<mover accent=\"true\">{base}<mo>^</mo></mover>"
    elif t.kind == "number":
        base = _mathml_number(t.text)
    elif t.kind == "text":
        return f"<mtext>\u00a0{escape(t.text)}\u00a0</mtext>"
    elif t.kind == "frac":
        base = (f"<mfrac><mrow>{mathml_tokens(t.parts[0])}</mrow>"
                f"<mrow>{mathml_tokens(t.parts[1])}</mrow></mfrac>")
    else:
        base = f"<mo>{escape(_MO.get(t.text, t.text))}</mo>"
    sub = t.sub and _mi(t.sub)
    sup = t.sup and ("<mo>+</mo>" if t.sup == "+" else _mi(t.sup))
    if t.power:
        sup = f"<mrow>{sup or ''}{mathml_tokens(t.power)}</mrow>"
    if sub and sup:
        return f"<msubsup>{base}{sub}{sup}</msubsup>"
    if sub:
        return f"<msub>{base}{sub}</msub>"
    if sup:
        return f"<msup>{base}{sup}</msup>"
    return base


def mathml_tokens(tokens):
    parts, root = [], False
    for t in texts(tokens):
        if t.kind == "op" and t.text == "√":
            root = True
            continue
        piece = _mathml_one(t)
        parts.append(f"<msqrt>{piece}</msqrt>" if root else piece)
        root = False
    return "".join(parts)


def _mathml_note(note):
    return f"<mspace width=\"1em\"/><mtext>({escape(note)})</mtext>" if note else ""


def mathml(lines, known=(), display=True, split=False):
    """One computation (one line, or several aligned at their first "=", or with `split` at
    every "=") as a <math> element."""
    mode = ' display="block"' if display else ""
    if isinstance(lines, str):
        lines = [lines]
    table = rows(lines, known, split)
    if len(table) == 1:
        lhs, rhs, note = table[0]
        body = mathml_tokens(lhs) + ("" if rhs is None else "<mo>=</mo>" + mathml_tokens(rhs))
        body += _mathml_note(note)
    else:
        body = '<mtable columnalign="right left">' + "".join(
            f"<mtr><mtd><mrow>{mathml_tokens(lhs)}</mrow></mtd><mtd><mrow>"
            f"{'' if rhs is None else '<mo>=</mo>' + mathml_tokens(rhs)}{_mathml_note(note)}"
            f"</mrow></mtd></mtr>" for lhs, rhs, note in table) + "</mtable>"
    return f'<math xmlns="{MATHML_NS}"{mode}><mrow>{body}</mrow></math>'


# -- Qt rich text ------------------------------------------------------------------------

def _rich_one(t):
    if t.kind == "name":
        text = escape(t.text)
        if t.hat:
            text += "\u0302"
        base = f"<i>{text}</i>" if len(t.text) == 1 and t.text.isascii() else text
    elif t.kind == "number":
        base = escape(t.text.replace("-", "−"))
    elif t.kind == "text":
        return escape(t.text)
    elif t.kind == "frac":
        top, bottom = rich_tokens(t.parts[0], " "), rich_tokens(t.parts[1], " ")
        if top == "1" and bottom == "2":
            base = "½"
        elif t.parts[0][0].text == "∂":
            base = f"{top}/{bottom}".replace("∂ ", "∂")
        else:
            base = f"({top}/{bottom})"
    else:
        base = escape(t.text)
    if t.sup.startswith("′"):  # a prime is raised already: f′, not f with a raised ′
        base, t = base + "′", Token(t.kind, t.text, t.sub, t.sup[1:], t.parts, t.hat, t.power)
    sup = escape(t.sup) + (rich_tokens(t.power) if t.power else "")
    return (base + (f"<sub>{escape(t.sub)}</sub>" if t.sub else "")
            + (f"<sup>{sup}</sup>" if sup else ""))


_TIGHT_AFTER = {"(", "[", "√", "∂"}
_TIGHT_BEFORE = {")", "]", ",", ":", "("}


def _tight(before, previous, t):
    """Whether t follows `previous` without a space (`before`: the token before that)."""
    if previous is None or (previous.kind == "op" and previous.text in _TIGHT_AFTER):
        return True
    if t.kind == "op" and (t.text in _TIGHT_BEFORE and t.text != "(" or t.text == "·"):
        return True
    if t.kind == "op" and t.text == "(" and previous.kind in ("name", "op") \
            and previous.text not in "=+−·→:/":
        return True
    if previous.kind == "op" and previous.text == "·":
        return True
    unary = previous.kind == "op" and previous.text == "−" and (
        before is None or before.kind == "op" and before.text not in ")]")
    return unary


def rich_tokens(tokens, space=" "):
    out, before, previous = "", None, None
    for t in texts(tokens):
        piece = _rich_one(t)
        out += piece if _tight(before, previous, t) else space + piece
        before, previous = previous, t
    return out


def rich(line, known=()):
    """One formula line as Qt rich text (HTML subset): net<sub>h1</sub>, w<sub>5</sub><sup>+</sup>."""
    formula, note = split_note(line)
    indent = "&#160;" * (len(formula) - len(formula.lstrip()))
    text = indent + rich_tokens(tokens(formula.strip(), known))
    return text + (f"&#160;&#160;({escape(note)})" if note else "")
