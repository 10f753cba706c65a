"""Which neurons a handout follows through a large network.

A layer of at most MAX_NEURONS neurons is shown whole. A wider one is followed through the
neurons chosen in it (the neuron, weight or bias selected in the window; `mlpviz explain
--neurons h17,o3`), or, when none of it is chosen, through its first SHOWN neurons. The handout
names the neurons it follows in each wide layer and says whether they were chosen.
"""

from __future__ import annotations

from .errors import InputError

MAX_NEURONS = 8  # a layer wider than this is shown by a few neurons
SHOWN = 4  # … its first SHOWN when none of it is chosen


def shown_neurons(sizes, chosen=None):
    """For each layer, the indices of the neurons followed. `chosen`: {layer: [index, …]}."""
    chosen = chosen or {}
    shown = []
    for l, n in enumerate(sizes):
        picked = sorted({j for j in chosen.get(l, ()) if 0 <= j < n})
        shown.append(list(range(n)) if n <= MAX_NEURONS else picked or list(range(SHOWN)))
    return shown


def is_chosen(sizes, chosen, l):
    """Whether wide layer l is followed through neurons that were chosen (not its first few)."""
    return sizes[l] > MAX_NEURONS and bool(chosen and chosen.get(l))


def chosen_by_name(names, labels, where="--neurons"):
    """{layer: [index, …]} of the neurons named in `labels` (as the handout names them: i1, h17,
    h2.5, o1, or the config's input and output labels). A name that is no neuron's is bad input."""
    chosen = {}
    for label in labels:
        label = label.strip()
        if not label:
            continue
        found = [(l, layer.index(label)) for l, layer in enumerate(names.neurons)
                 if label in layer]
        if not found:
            raise InputError("command line", where, f"no neuron is named {label!r}; expected "
                             f"names like {_examples(names)}, separated by commas")
        l, j = found[0]
        chosen.setdefault(l, []).append(j)
    return chosen


def _examples(names):
    return ", ".join(f"{layer[0]}…{layer[-1]}" if len(layer) > 1 else layer[0]
                     for layer in names.neurons)


def of_selection(kind, layer, node, source=None):
    """The neurons a selection in the window touches: a neuron's or a bias's own neuron; a
    weight's two ends."""
    chosen = {layer: [node]}
    if kind == "weight" and source is not None:
        chosen[layer - 1] = [source]
    return chosen
