"""The training loop: steps, epochs, batches, shuffling, frozen biases, determinism, divergence."""

import numpy as np
import pytest

from mlpviz.core import Experiment, Network, Trainer
from mlpviz.core.examples import config_path, names


def make(batch_size=1, shuffle=False, samples=7, seed=5, lr=0.2, train_biases=True, sizes=(2, 4, 3, 1)):
    rng = np.random.default_rng(42)
    network = Network(sizes, "tanh", "sigmoid")
    network.set_params(rng.uniform(-1, 1, network.params.size))
    X = rng.uniform(-1, 1, (samples, sizes[0]))
    Z = rng.uniform(0, 1, (samples, sizes[-1]))
    return Trainer(network, X, Z, learning_rate=lr, batch_size=batch_size, shuffle=shuffle,
                   seed=seed, train_biases=train_biases)


@pytest.mark.parametrize("batch_size,shuffle", [(1, False), (1, True), (3, False), (3, True),
                                                (0, False)])
def test_stepping_one_at_a_time_equals_one_run_bit_for_bit(batch_size, shuffle):
    stepped, ran = make(batch_size, shuffle), make(batch_size, shuffle)
    for _ in range(50):
        stepped.run(1)
    ran.run(50)
    assert np.array_equal(stepped.network.params, ran.network.params)
    assert np.array_equal(stepped.history.values, ran.history.values)


def test_runs_in_uneven_chunks_equal_one_run_across_epoch_boundaries():
    chunked, ran = make(3, True), make(3, True)
    for n in (1, 2, 5, 7, 11, 13):
        chunked.run(n)
    ran.run(39)
    assert np.array_equal(chunked.network.params, ran.network.params)


def test_same_seed_same_run_and_another_seed_another_order():
    a, b, c = make(1, True, seed=5), make(1, True, seed=5), make(1, True, seed=6)
    for t in (a, b, c):
        t.run(30)
    assert np.array_equal(a.network.params, b.network.params)
    assert not np.array_equal(a.network.params, c.network.params)


def test_an_epoch_visits_every_sample_once_and_the_last_batch_is_short():
    trainer = make(batch_size=3, shuffle=True, samples=7)
    assert trainer.steps_per_epoch == 3
    batches = [trainer.batch_indices(s) for s in range(3)]
    assert [len(b) for b in batches] == [3, 3, 1]
    assert sorted(np.concatenate(batches).tolist()) == list(range(7))
    next_epoch = np.concatenate([trainer.batch_indices(s) for s in range(3, 6)])
    assert sorted(next_epoch.tolist()) == list(range(7))
    assert not np.array_equal(np.concatenate(batches), next_epoch)


def test_file_order_without_shuffle():
    trainer = make(batch_size=1, shuffle=False, samples=4)
    assert [int(trainer.batch_indices(s)[0]) for s in range(6)] == [0, 1, 2, 3, 0, 1]


def test_full_batch_uses_every_sample_each_step():
    trainer = make(batch_size=0, samples=7)
    assert trainer.steps_per_epoch == 1 and len(trainer.batch_indices(4)) == 7


def test_loss_recorded_is_the_mean_sample_loss_before_the_update():
    trainer = make(batch_size=3, samples=7)
    before = trainer.network.copy()
    rows = trainer.batch_indices(0)
    trainer.run(1)
    assert trainer.history.values[0] == pytest.approx(before.loss(trainer.X[rows], trainer.Z[rows]))


@pytest.mark.parametrize("batch_size", [1, 3])
def test_frozen_biases_never_change(batch_size):
    trainer = make(batch_size, train_biases=False)
    biases = [b.copy() for b in trainer.network.b[1:]]
    trainer.run(20)
    assert all(np.array_equal(b, after) for b, after in zip(biases, trainer.network.b[1:]))
    assert not np.array_equal(trainer.network.W[1], make(batch_size).network.W[1])


def test_run_epochs_counts_whole_epochs():
    trainer = make(batch_size=3, samples=7)
    trainer.run(1)
    trainer.run_epochs(2)
    assert trainer.step == 6 and trainer.epoch == 2


@pytest.mark.parametrize("batch_size", [1, 2])
def test_divergence_stops_at_the_last_finite_step(batch_size):
    trainer = make(batch_size, sizes=(2, 3, 1), lr=1e6)
    trainer.network.hidden_activation = trainer.network.output_activation = "linear"
    trainer = Trainer(trainer.network, trainer.X * 1e3, trainer.Z, learning_rate=1e6,
                      batch_size=batch_size)
    done = trainer.run(10_000)
    assert done < 10_000 and trainer.diverged_at == done == trainer.step
    assert np.all(np.isfinite(trainer.history.values)) and len(trainer.history) == done
    assert trainer.run(5) == 0


def test_history_grows_past_its_first_allocation():
    trainer = make()
    trainer.run(5000)
    assert len(trainer.history) == 5000 and np.all(trainer.history.values > 0)


@pytest.mark.parametrize("name", names())
def test_every_bundled_example_loads_and_learns(name):
    experiment = Experiment.load(config_path(name))
    assert experiment.config.title and len(experiment.config.description) > 80
    trainer = experiment.trainer()
    trainer.run_epochs(experiment.config.epochs)
    losses = trainer.history.values
    assert losses[-trainer.steps_per_epoch:].mean() < 0.2 * losses[:trainer.steps_per_epoch].mean()


def test_random_initialisation_is_seeded():
    config = Experiment.load(config_path("xor")).config
    a = Experiment.load(config).initial_params
    config.seed += 1
    b = Experiment.load(config).initial_params
    assert not np.array_equal(a, b)
    assert np.all(np.abs(a) <= config.randomInit.scale)


def test_predictions_come_back_in_the_datas_units():
    experiment = Experiment.load(config_path("cheat-sheet-4-rows"))
    trainer = experiment.trainer()
    trainer.run_epochs(experiment.config.epochs)
    raw = experiment.train.values
    predicted = experiment.predict(trainer.network, raw[:, :2])[:, 0]
    assert predicted == pytest.approx(raw[:, 2], abs=6.0)
    assert predicted.min() > 60
