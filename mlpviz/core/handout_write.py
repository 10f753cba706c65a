"""A handout (core/handout.py) written out: Markdown with LaTeX, or one standalone HTML page.

Markdown: formulas as $$…$$ blocks and $…$ inline, as GitHub and Jupyter render them.
HTML: MathML (rendered by every current browser without scripts), inline CSS that prints well,
no script and nothing fetched: the page opens offline and parses as XML.
"""

from __future__ import annotations

from html import escape

from .typeset import latex, latex_block, mathml

SPLIT_AT = 64  # a formula longer than this is written with each "=" on a line of its own


def _split(lines):
    return any(len(line.strip()) > SPLIT_AT for line in lines)


# -- Markdown ----------------------------------------------------------------------------

def _md_parts(parts, known):
    out = ""
    for part in parts:
        if isinstance(part, tuple):
            out += f"${latex(part[1], known)}$"
        else:
            out += part.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
    return out


def to_markdown(handout):
    known, chunks = handout.known, []
    for block in handout.blocks:
        if block.kind == "heading":
            chunks.append("#" * block.level + " " + _md_parts(block.parts, known))
        elif block.kind == "text":
            chunks.append(_md_parts(block.parts, known))
        elif block.kind == "math":
            chunks.append("$$\n" + latex_block(block.lines, known, _split(block.lines)) + "\n$$")
        elif block.kind == "table":
            rows = ["| " + " | ".join(_md_parts(cell, known) for cell in row) + " |"
                    for row in block.cells]
            rows.insert(1, "|" + "---|" * len(block.cells[0]))
            chunks.append("\n".join(rows))
    return "\n\n".join(chunks) + "\n"


# -- HTML --------------------------------------------------------------------------------

STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 52em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #111; background: #fff; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { margin-bottom: 0.3em; }
math[display="block"] { margin: 0.5em 0 0.5em 1.5em; overflow-x: auto; }
math { font-size: 1.1em; }
table { border-collapse: collapse; margin: 0.5em 0; }
td, th { border: 1px solid #999; padding: 0.25em 0.6em; text-align: left; }
@page { margin: 1.8cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  math, table, tr { break-inside: avoid; page-break-inside: avoid; }
  math[display="block"] { overflow: visible; }
}
"""


def _html_parts(parts, known):
    return "".join(mathml(part[1], known, display=False) if isinstance(part, tuple)
                   else escape(part) for part in parts)


def _html_table(block, known):
    head, *body = block.cells
    out = ["<table>", "<tr>" + "".join(f"<th>{_html_parts(c, known)}</th>" for c in head)
           + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{_html_parts(c, known)}</td>" for c in row) + "</tr>"
            for row in body]
    return "\n".join(out + ["</table>"])


def to_html(handout):
    known, body = handout.known, []
    for block in handout.blocks:
        if block.kind == "heading":
            body.append(f"<h{block.level}>{_html_parts(block.parts, known)}</h{block.level}>")
        elif block.kind == "text":
            body.append(f"<p>{_html_parts(block.parts, known)}</p>")
        elif block.kind == "math":
            body.append(mathml(block.lines, known, split=_split(block.lines)))
        elif block.kind == "table":
            body.append(_html_table(block, known))
    return ('<!DOCTYPE html>\n<html lang="en" xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
            '<meta charset="utf-8"/>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{escape(handout.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


FORMATS = {"md": to_markdown, "html": to_html}
