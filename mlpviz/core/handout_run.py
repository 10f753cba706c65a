"""Which update a handout explains: step K of an experiment's run from given weights, one sample
of that step's batch (`for_experiment`, what `mlpviz explain` writes), or the update the window
shows from the weights and optimizer state it holds (`for_state`); and the handout's opening
lines saying so. core/handout.py builds the handout itself.
"""

from __future__ import annotations

import copy
from pathlib import Path

from . import explain as ex
from .errors import InputError
from .handout import Unsupported, Update, build
from .handout_neurons import chosen_by_name


def ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def for_experiment(experiment, params=None, step=0, sample=None, neurons=()):
    """The handout of the update at step `step` (counted from 0) of the experiment's run from
    `params` (default: its initial weights), following `sample` (counted from 1, as the window
    shows it; default: the step's own sample, the first of its batch). With one sample per
    step, another sample replaces the step's own; with a batch it must be one of the batch's.
    `neurons`: the names of the neurons to follow in wide layers (h17, o3, …)."""
    config = experiment.config
    chosen = chosen_by_name(ex.Names.of(config.sizes, config.inputNodeLabels,
                                        config.outputNodeLabels), neurons)
    trainer = experiment.trainer(experiment.network(params))
    if step < 0:
        raise InputError("command line", "--step", "expected a step ≥ 0")
    if trainer.run(step) < step:
        raise InputError("command line", "--step", f"the run diverged at step "
                         f"{trainer.diverged_at}; choose a step before it")
    rows = [int(r) for r in trainer.batch_indices(step)]
    row = rows[0]
    if sample is not None:
        if not 1 <= sample <= trainer.samples:
            raise InputError("command line", "--sample", f"expected a sample from 1 to "
                             f"{trainer.samples} (the training set's rows)")
        if len(rows) > 1 and sample - 1 not in rows:
            raise InputError("command line", "--sample", f"step {step}'s batch holds the "
                             f"samples {_row_list(rows)}; choose one of them, or leave it out")
        row = sample - 1
    return for_state(experiment, trainer, trainer.network.params, step, row,
                     trainer.learning_rate, trainer.optimizer, chosen)


def for_state(experiment, trainer, params, step, row, learning_rate, optimizer=None,
              chosen=None):
    """The handout of the update at `step` from the weights `params`, following training row
    `row` (0-based): one of the step's batch, or, with one sample per step, any row (it then
    takes the step's place). `trainer` gives the data, the batches and the settings;
    `optimizer` the optimizer's state before the update (None: the state is not at hand, which
    only a stateless optimizer, sgd, can do without); `chosen` the neurons to follow in wide
    layers, {layer: [index, …]}."""
    config = experiment.config
    settings = trainer.optimizer.settings
    if optimizer is None:
        if settings.slots:
            raise InputError(config.source, "optimizer", f"the worked example of a "
                             f"{settings.name} update needs the optimizer's state at that step; "
                             f"write it with mlpviz explain CONFIG --step {step}")
        optimizer = copy.deepcopy(trainer.optimizer)
    rows = [int(r) for r in trainer.batch_indices(step)]
    if len(rows) == 1:
        rows = [row]
    names = ex.Names.of(config.sizes, config.inputNodeLabels, config.outputNodeLabels)
    update = Update(experiment.network(params), names, trainer.X[rows], trainer.Z[rows],
                    rows.index(row), learning_rate, trainer.loss, trainer.train_biases,
                    optimizer, chosen)
    try:
        return build(update, config.title or "Worked example",
                     about(experiment, step, rows, rows.index(row), trainer.samples))
    except Unsupported as e:
        raise InputError(config.source, e.key, str(e)) from None


def _row_list(rows):
    shown = ", ".join(str(r + 1) for r in rows[:8])
    return shown + (f", … ({len(rows)} in all)" if len(rows) > 8 else "")


def about(experiment, step, rows, position, samples):
    """The handout's opening lines: which experiment, which update, which sample."""
    config = experiment.config
    where = "the experiment"
    if config.source:
        path = Path(config.source)
        where = f"{path.parent.name}/{path.name}" if path.parent.name else path.name
    lines = [f"The update at step {step} (the {ordinal(step + 1)} update) of "
             f"{where}, on sample {rows[position] + 1} of "
             f"{samples}, with the numbers mlpviz computes (9 decimals)."]
    scaled = [side for side, on in (("inputs", config.normalizeInputData),
                                     ("targets", config.normalizeOutputData)) if on]
    if scaled:
        lines.append(f"The {' and '.join(scaled)} are min-max normalized "
                     f"({config.normalizeMethod}), as the network sees them.")
    return lines
