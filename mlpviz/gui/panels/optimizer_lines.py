"""The math panel's lines for the optimizer and the penalties (core/explain_optimizer.py writes
them): they replace plain gradient descent's last line `w⁺ = w − η·∂E/∂w` when the run uses
another optimizer or a penalty, with the state (v, m, s) the shown update starts from."""

from __future__ import annotations

from mlpviz.core.explain_optimizer import explain_update, penalty_line
from mlpviz.core.network import parameter_layout

from ..run.shown import update_shown


def uses_more_than_sgd(settings):
    return settings.name != "sgd" or settings.penalized


def update_lines(model, names, network, backward, selection, rate):
    """The optimizer's lines for the selected weight or bias, or None (plain SGD, nothing
    computed yet, or no state known)."""
    trainer, snapshot, s = model.trainer, model.snapshot, selection
    settings = trainer.optimizer.settings
    if not uses_more_than_sgd(settings) or backward is None or backward.delta[s.layer] is None \
            or snapshot is None:
        return None
    state = snapshot.optimizer_before if update_shown(model.phase, snapshot) else \
        snapshot.optimizer
    if state is None or state[0] != settings.name:
        return None
    _, slots, t = state
    w_off, b_off, _ = parameter_layout(network.sizes)
    if s.kind == "weight":
        index = w_off[s.layer] + s.node * network.sizes[s.layer - 1] + s.source
        name = names.weight(s.layer, s.node, s.source)
        value = network.W[s.layer][s.node, s.source]
        grad = backward.grad_W[s.layer][s.node, s.source]
        frozen = False
    else:
        index = b_off[s.layer] + s.node
        name = names.bias(s.layer, s.node)
        value, grad = network.b[s.layer][s.node], backward.grad_b[s.layer][s.node]
        frozen = not trainer.train_biases
    before = {slot: float(slots[k, index]) for k, slot in enumerate(settings.slots)}
    return explain_update(settings, name, float(value), float(grad), before, t + 1, rate,
                          is_weight=s.kind == "weight", frozen=frozen)


def penalty_lines(model, network):
    """The penalty of the weights shown, with its numbers, when the run has one."""
    optimizer = model.trainer.optimizer
    if not optimizer.settings.penalized:
        return []
    return [penalty_line(optimizer.settings, network.params, optimizer.is_weight)]
