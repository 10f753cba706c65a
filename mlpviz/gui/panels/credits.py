"""Help ▸ About: the version, what mlpviz does, and the two tutorials it grows from (issue 11,
defect 21: it was one sentence). The tutorials are named as their texts name themselves (the
copies in the project's seeds carry no author or address)."""

from __future__ import annotations

import html

from mlpviz import __version__

TUTORIALS = (
    ("Back Propagation for MLP",
     "the classic 2-2-2 worked example: inputs 0.05 and 0.10, targets 0.01 and 0.99, η = 0.5, "
     "every number of its first update, and its error after 10 000"),
    ("The Math Behind Training MLP Neural Networks",
     "the MLP math cheat sheet: the 2-3-1 network, min-max scaling, its loss table over 1000 "
     "iterations and gradient descent on x² + y² (its author tested it in the "
     "my-neural-networks repository with the mlp Go package)"),
)


def about_html(version=__version__):
    rows = "".join(f"<li><b>“{html.escape(title)}”</b> — {html.escape(what)}</li>"
                   for title, what in TUTORIALS)
    return (f"<h3>mlpviz {html.escape(version)}</h3>"
            "<p>Train small multi-layer perceptrons and see every number backpropagation "
            "computes: net, out and δ of each neuron, each weight's gradient and update, "
            "the loss.</p>"
            "<p>It grows from two tutorials and reproduces their numbers to the printed "
            f"digit; with thanks to their authors:</p><ul>{rows}</ul>"
            "<p>F1 lists the keys.</p>")
