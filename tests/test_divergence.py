"""Divergence (issue 6, item 1, engine and command line): training stops by itself before the
step whose loss, or whose updated parameters, would not be finite; the parameters stay those of
the last finite step, the history keeps every finite step, and a sentence says what diverged."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from mlpviz.cli import main
from mlpviz.core import examples
from mlpviz.core.config import load_config
from mlpviz.core.divergence import diagnose
from mlpviz.core.experiment import Experiment
from mlpviz.core.network import gradient_step

LINEAR = {"activationFunction": "linear", "outputActivationFunction": "linear"}


def trainer_for(name, **changes):
    config = load_config(examples.config_path(name))
    for key, value in changes.items():
        setattr(config, key, value)
    return Experiment.load(config).trainer(), config


def finite_run(name, steps, **changes):
    """The parameters after `steps` updates of a run that does not diverge before them."""
    trainer, _ = trainer_for(name, **changes)
    assert trainer.run(steps) == steps
    return trainer.network.params.copy(), trainer.history.values.copy()


@pytest.mark.parametrize("batch_size", [1, 0])  # online (the compiled loop) and full batch (numpy)
def test_eta_50_on_the_linear_worked_example_stops_when_the_loss_becomes_infinite(batch_size):
    trainer, config = trainer_for("worked-example", learningRate=50.0, batchSize=batch_size,
                                  **LINEAR)
    assert trainer.run(1000) == 6
    assert trainer.diverged_at == 6 and trainer.step == 6
    assert len(trainer.history) == 6 and np.all(np.isfinite(trainer.history.values))
    params, losses = finite_run("worked-example", 6, learningRate=50.0, batchSize=batch_size,
                                **LINEAR)
    assert np.array_equal(trainer.network.params, params)  # the last finite step, exactly
    assert np.array_equal(trainer.history.values, losses)
    text = diagnose(trainer, config.inputNodeLabels, config.outputNodeLabels).text()
    assert text.startswith("diverged at step 6: loss became infinite — "
                           "try a smaller learning rate (now 50)"), text
    assert "linear neurons have no upper bound" in text
    assert trainer.run(10) == 0  # it stays stopped until reset


@pytest.mark.parametrize("batch_size, step, quantity", [
    (1, 0, "weight w9"),  # the compiled online loop
    (2, 0, "bias b_h2"),  # numpy's mini-batch step
])
def test_parameters_that_would_become_infinite_are_not_kept(batch_size, step, quantity):
    # η = 1.7e308: the loss of the first step is finite, but its update overflows the parameters
    rate = 1.7e308 if batch_size != 1 else 1e308
    trainer, config = trainer_for("cheat-sheet-4-rows", learningRate=rate, batchSize=batch_size,
                                  **LINEAR)
    before = trainer.network.params.copy()
    assert trainer.run(100) == 0
    assert trainer.diverged_at == step
    assert np.array_equal(trainer.network.params, before)  # untouched, all finite
    assert len(trainer.history) == 0
    divergence = diagnose(trainer)
    assert divergence.quantity == quantity and divergence.became == "infinite"
    assert divergence.text().startswith(f"diverged at step 0: {quantity} became infinite")


def test_gradient_step_leaves_the_parameters_when_the_update_would_overflow():
    trainer, _ = trainer_for("cheat-sheet-4-rows", **LINEAR)
    network = trainer.network
    before = network.params.copy()
    loss, forward, backward = gradient_step(network, trainer.X[:2], trainer.Z[:2], 1.7e308)
    assert np.isfinite(loss) and backward is None
    assert np.array_equal(network.params, before)


def test_a_nan_is_named_as_nan():
    trainer, _ = trainer_for("worked-example", learningRate=0.5)
    trainer.network.params[6] = np.inf  # w5 = ∞ and w6 = −∞: net_o1 = ∞ − ∞ = NaN
    trainer.network.params[7] = -np.inf
    trainer.run(1)
    divergence = diagnose(trainer)
    assert divergence.step == 0 and divergence.text().startswith(
        "diverged at step 0: loss became NaN")


def test_unnormalized_data_suggests_normalizing_it():
    trainer, _ = trainer_for("cheat-sheet-4-rows", normalizeInputData=False,
                             normalizeOutputData=False, **LINEAR)
    trainer.run(10_000)
    text = diagnose(trainer).text()
    assert "normalize the inputs and outputs" in text, text


def test_no_divergence_no_diagnosis():
    trainer, _ = trainer_for("worked-example")
    trainer.run(10)
    assert diagnose(trainer) is None


# -- the command line ------------------------------------------------------------------------

@pytest.mark.parametrize("changes, first_line", [
    ({"learningRate": 50, **LINEAR},
     "mlpviz: diverged at step 6: loss became infinite — try a smaller learning rate (now 50)"),
    ({"learningRate": 50, "batchSize": 0, **LINEAR},
     "mlpviz: diverged at step 6: loss became infinite — try a smaller learning rate (now 50)"),
])
def test_train_stops_with_the_sentence_and_status_3(tmp_path, monkeypatch, capsys, changes,
                                                    first_line):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "mine"
    shutil.copytree(examples.config_path("worked-example").parent, folder)
    doc = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    doc.update(changes, epochs=1000)
    (folder / "config.json").write_text(json.dumps(doc), encoding="utf-8")
    status = main(["train", str(folder / "config.json"), "--history-out", "h.csv"])
    out, err = capsys.readouterr()
    assert status == 3
    assert err.startswith(first_line) and err.count("\n") == 1, err
    assert "No weights were written" in err
    assert not (folder / "trained-weights-biases.json").exists()
    assert not Path("trained-weights-biases.json").exists()
    rows = (tmp_path / "h.csv").read_text().splitlines()
    assert rows[0] == "step,epoch,loss" and len(rows) == 1 + 6  # every finite step


@pytest.mark.parametrize("batch_size", [1, 2])
def test_after_divergence_the_gradient_shown_is_the_last_finite_steps(batch_size):
    # a tiny first step, then the learning rate jumps to 1e308 (the window can change it
    # mid-run): the second step's loss is finite, its update overflows (unnormalized data ~ 90)
    trainer, _ = trainer_for("cheat-sheet-4-rows", normalizeInputData=False,
                             normalizeOutputData=False, learningRate=1e-9,
                             batchSize=batch_size, **LINEAR)
    trainer.run(1)
    params, grad = trainer.network.params.copy(), trainer.last_gradient()
    trainer.learning_rate = 1e308
    assert trainer.run(5) == 0 and trainer.diverged_at == 1
    assert diagnose(trainer).quantity.startswith(("weight", "bias"))
    assert np.array_equal(trainer.network.params, params)
    assert np.array_equal(trainer.last_gradient(), grad)
