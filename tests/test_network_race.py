"""Optimizers racing on the network's own loss (core/network_race.py): each racer is the engine's
full-batch run with that optimizer, from the same parameters, bit for bit; the run is untouched."""

from dataclasses import replace

import numpy as np
import pytest

from mlpviz.core import Trainer
from mlpviz.core.examples import config_path
from mlpviz.core.experiment import Experiment
from mlpviz.core.network_race import NetworkRace, default_rates
from mlpviz.core.optimizers import OptimizerSettings


@pytest.fixture
def xor():
    return Experiment.load(config_path("xor"))


def race_of(experiment, rates, l2=0.0):
    config = replace(experiment.config, l2=l2) if l2 else experiment.config
    trainer = experiment.trainer()
    return NetworkRace(experiment.network(), trainer.X, trainer.Z, trainer.loss, config, rates)


@pytest.mark.parametrize("l2", [0.0, 0.01])
def test_each_racer_is_a_full_batch_run_of_its_optimizer(xor, l2):
    rates = {"sgd": 0.5, "momentum": 0.3, "nesterov": 0.2, "rmsprop": 0.01, "adam": 0.02}
    race = race_of(xor, rates, l2)
    for _ in range(7):
        assert race.step() == []
    assert race.steps == 7
    for name, eta in rates.items():
        settings = replace(OptimizerSettings.from_config(xor.config), name=name, l2=l2)
        base = xor.trainer()
        trainer = Trainer(xor.network(), base.X, base.Z, learning_rate=eta, batch_size=0,
                          loss=base.loss, train_biases=xor.config.trainBiases,
                          optimizer=settings)
        points = [trainer.network.params.copy()]
        for _ in range(7):
            trainer.run(1)
            points.append(trainer.network.params.copy())
        racer = race.racers[name]
        assert np.array_equal(racer.path, np.array(points)), name
        assert np.array_equal(racer.optimizer.slots, trainer.optimizer.slots), name
        assert racer.losses[:7] == list(trainer.history.values), name
    # all from the same start, which is the run's: the experiment's parameters are untouched
    assert all(np.array_equal(r.path[0], xor.initial_params) for r in race.racers.values())
    assert len(race.all_points()) == 1 + 5 * 7


def test_the_arrow_is_the_velocity_and_a_diverging_racer_stops_alone(xor):
    race = race_of(xor, {"sgd": 1e9, "momentum": 0.5})  # sgd: steps of ~1e9·g
    race.step()
    momentum = race.racers["momentum"]
    # after one step from v = 0: v = g, the gradient at the start, so the arrow −η·v is the
    # step just taken (the second point minus the first)
    path = momentum.path
    assert momentum.velocity() == pytest.approx(path[1] - path[0], abs=1e-15)
    assert race.racers["sgd"].velocity() is None
    for _ in range(50):
        race.step()
    assert race.racers["sgd"].diverged and len(race.racers["sgd"].points) == 1
    assert not race.racers["momentum"].diverged and race.racers["momentum"].path.shape[0] == 52


def test_a_racer_whose_step_overflows_stops_and_says_so(xor):
    # η = 1e308: θ − η·g overflows to ±inf at the first step, so nothing changes and it stops
    race = race_of(xor, {"sgd": 1e308, "adam": 0.01})
    gone = []
    for _ in range(5):
        gone += race.step()
    assert gone == ["sgd"] and race.racers["sgd"].diverged and not race.finished
    assert len(race.racers["sgd"].points) == 1
    assert len(race.racers["adam"].points) == 6


def test_default_rates_keep_the_runs_own_eta_for_its_kind(xor):
    rates = default_rates(xor.config)  # xor trains with sgd
    assert rates["sgd"] == rates["momentum"] == xor.config.learningRate
    assert rates["adam"] == rates["rmsprop"] == 0.01
    adam = default_rates(replace(xor.config, optimizer="adam", learningRate=0.003))
    assert adam["adam"] == adam["rmsprop"] == 0.003 and adam["sgd"] == 0.1
