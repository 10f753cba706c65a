"""The math panel's plain-text formulas read back into tokens, for typesetting (core/typeset.py).

core/explain.py writes each formula once, as plain text in the tutorials' names
(`net_h1 = w1·i1 + … = 0.3775`, `w5⁺ = w5 − η · ∂E/∂w5 = …`). This module reads such a line into
a short list of tokens: a name with its subscript and superscript, a number, an operator, a
fraction, a word of prose. core/typeset.py writes the tokens as LaTeX, MathML and Qt rich text,
so the mathematics is written once, in explain.py, and only its typography lives elsewhere. A name
is split as the tutorials print it: `net_h1` → net with subscript h1, `w5` → w with subscript 5,
`w5⁺` → w₅ with superscript +, `∂E/∂w5` → a fraction. Neuron labels from a config may be any
text; pass them as `known` so that `out_petal width` keeps "petal width" whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SUPERSCRIPTS = {"⁺": "+", "ᵗ": "t", "⁻": "-", "′": "′",
                **{c: str(k) for k, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}}
SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "ₖ": "k"}
GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "η": "eta",
         "θ": "theta", "λ": "lambda", "μ": "mu", "σ": "sigma", "Σ": "sum", "∇": "nabla",
         "∂": "partial"}
OPERATORS = {"·": r"\cdot", "−": "-", "→": r"\to", "←": r"\leftarrow", "≥": r"\ge", "≤": r"\le", "×": r"\times",
             "⊙": r"\odot", "≈": r"\approx", "…": r"\dots", "√": r"\sqrt"}
MATH_WORDS = {"net", "out", "tanh", "relu", "id", "sign", "ln", "exp", "max", "min", "mean",
              "softmax", "log", "E", "f"}
FUNCTIONS = {"tanh", "relu", "id", "sign", "ln", "exp", "max", "min", "softmax", "log"}

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
_WORD = re.compile(r"[A-Za-zα-ωΑ-Ω]+")
_SUB = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)*")


@dataclass
class Token:
    kind: str  # "name", "number", "op", "text", "frac"
    text: str = ""
    sub: str = ""
    sup: str = ""
    parts: tuple = ()  # frac: (numerator tokens, denominator tokens)
    hat: bool = False
    power: list = field(default_factory=list)  # e^net_o1, e^(−0.2): the exponent's tokens


@dataclass
class Reader:
    line: str
    known: list = field(default_factory=list)
    at: int = 0

    def tokens(self):
        out = []
        while self.at < len(self.line):
            token = self.next(out)
            if token is not None:
                out.append(token)
        return out

    def next(self, before):
        s, i = self.line, self.at
        c = s[i]
        if c.isspace():
            self.at += 1
            return None
        if c in SUPERSCRIPTS or c == "'":
            self.at += 1
            if before:
                before[-1].sup += "′" if c in "'′" else SUPERSCRIPTS[c]
            return None
        if c == "^" and before and self.at + 1 < len(s):
            self.at += 1
            before[-1].power = self.exponent()
            return None
        if c in SUBSCRIPTS:
            self.at += 1
            if before:
                before[-1].sub += SUBSCRIPTS[c]
            return None
        if c == "\u0302":  # combining circumflex: m̂, ŝ
            self.at += 1
            if before:
                before[-1].hat = True
            return None
        if c == "∂" and "/∂" in s[i:]:
            return self.partial()
        if c == "½":
            self.at += 1
            return Token("frac", parts=([Token("number", "1")], [Token("number", "2")]))
        m = re.compile(r"\((\d+|[A-Za-z])/(\d+|[A-Za-z])\)").match(s, i)
        if m:
            self.at = m.end()
            return Token("frac", parts=([self.atom(m.group(1))], [self.atom(m.group(2))]))
        m = _NUMBER.match(s, i)
        if m and (c != "-" or not before or before[-1].kind == "op"):
            self.at = m.end()
            return Token("number", m.group())
        if _WORD.match(c):
            return self.name()
        self.at += 1
        return Token("op", c)

    def exponent(self):
        """What follows "^": a parenthesized group (its parentheses dropped), or one atom."""
        s, i = self.line, self.at
        if s[i] == "(":
            depth = 0
            for k in range(i, len(s)):
                depth += {"(": 1, ")": -1}.get(s[k], 0)
                if depth == 0:
                    self.at = k + 1
                    return Reader(s[i + 1:k], self.known).tokens()
        token = None
        while token is None and self.at < len(s):
            token = self.next([])
        return [token] if token is not None else []

    @staticmethod
    def atom(text):
        return Token("number", text) if text.isdigit() else Token("name", text)

    def partial(self):
        """∂E/∂w5, ∂E/∂out_o1: a fraction of two partials."""
        self.at += 1
        top = self.name()
        self.at += 2  # "/∂"
        bottom = self.name()
        return Token("frac", parts=([Token("op", "∂"), top], [Token("op", "∂"), bottom]))

    def name(self):
        s, i = self.line, self.at
        for label in self.known:  # a config's labels, longest first, may hold any character
            if s.startswith(label, i) and not _continues(s, i + len(label)):
                self.at = i + len(label)
                return Token("name", label)
        word = _WORD.match(s, i).group()
        if len(word) > 1 and word[0] in GREEK and word[1:].isascii():
            word = word[0]  # Σ_k, δ_o1, ηg: one Greek letter is a name by itself
        self.at = i + len(word)
        if self.at < len(s) and s[self.at] == "_":
            self.at += 1
            sub = self.subscript()
            return Token("name", word, sub=sub)
        indices = re.compile(r"(?:\[\d+\])+").match(s, self.at)
        if indices and len(word) == 1:  # w[2][3][7]: a large network's weight, w_{2,3,7}
            self.at = indices.end()
            return Token("name", word, sub=",".join(re.findall(r"\d+", indices.group())))
        digits = re.compile(r"\d+(?:\.\d+)*").match(s, self.at)
        if digits and len(word) == 1:
            self.at = digits.end()
            return Token("name", word, sub=digits.group())
        if len(word) > 1 and word not in MATH_WORDS and word[0] not in GREEK:
            return Token("text", word)
        if digits:  # a longer name followed by digits: keep it whole (x12, layer1)
            self.at = digits.end()
            return Token("name", word + digits.group())
        return Token("name", word)

    def subscript(self):
        s, i = self.line, self.at
        for label in self.known:
            if s.startswith(label, i) and not _continues(s, i + len(label)):
                self.at = i + len(label)
                return label
        m = _SUB.match(s, i)
        if not m:
            return ""
        self.at = m.end()
        return m.group()


def _continues(s, end):
    return end < len(s) and (s[end].isalnum() or s[end] == "_")


_PLAIN_NAME = re.compile(r"[A-Za-z]+\d*(?:\.\d+)*")


def tokens(line, known=()):
    """The tokens of one plain-text formula line. `known`: labels to keep whole (those that are
    not simply letters and digits)."""
    whole = sorted({k for k in known if k and not _PLAIN_NAME.fullmatch(k)}, key=len, reverse=True)
    return Reader(_hats_apart(line), whole).tokens()


def _hats_apart(line):
    """ŝ as s and a combining circumflex, like m̂ (so both read as a letter with a hat)."""
    return "".join(d if (d := unicodedata.normalize("NFD", c)).endswith("\u0302") else c
                   for c in line)


def split_note(line):
    """('formula', 'note') for a line ending in two spaces and a remark in parentheses (which
    may hold parentheses of its own); a line that is only such a remark is all note."""
    stripped = line.strip()
    if stripped.startswith("(") and _closes_at_end(stripped, 0):
        return "", stripped[1:-1]
    at = line.rfind("  (")
    while at > 0:
        if line[:at].strip() and _closes_at_end(line.rstrip(), at + 2):
            return line[:at].rstrip(), line.rstrip()[at + 3:-1]
        at = line.rfind("  (", 0, at)
    return line, ""


def _closes_at_end(text, start):
    """Whether the "(" at `start` is closed by the last character of `text`."""
    depth = 0
    for k in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k == len(text) - 1
    return False


def texts(tokens):
    """Neighbouring words of prose merged into one text token each."""
    merged = []
    for t in tokens:
        if t.kind == "text" and merged and merged[-1].kind == "text":
            merged[-1] = Token("text", f"{merged[-1].text} {t.text}")
        else:
            merged.append(t)
    return merged


def rows(lines, known=(), split=False):
    """A computation over several lines (continuations start with "="), as rows to align at
    "=": (tokens left of it, empty for a continuation; tokens right of it, or None; note).
    With `split`, every "=" of a line starts a row of its own (for narrow pages)."""
    out = []
    for line in lines:
        formula, note = split_note(line.strip())
        pieces, current = [], []
        for t in tokens(formula, known):
            if t.kind == "op" and t.text == "=" and (split or not pieces):
                pieces.append(current)
                current = []
            else:
                current.append(t)
        pieces.append(current)
        if len(pieces) == 1:
            out.append((pieces[0], None, note))
            continue
        out.append((pieces[0], pieces[1], ""))
        out.extend(([], rhs, "") for rhs in pieces[2:])
        lhs, rhs, _ = out[-1]
        out[-1] = (lhs, rhs, note)
    return out
