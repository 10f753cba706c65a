"""The compiled online loop updates in place in chunks and checks each chunk once at its end
(core/online_inplace.py, issue 14 item 6: as fast as a plain C loop). These tests hold it to the
same run checked after every update (one update per call): the same numbers bit for bit, and the
same stop, at the same step, when a run diverges in the middle of a chunk; and each update to the
optimizer's readable rule (optimizers.py, through update_into, which equals it bit for bit)."""

import numpy as np
import pytest

from mlpviz.core import Network, Trainer
from mlpviz.core.online_inplace import CHECK_EVERY
from mlpviz.core.optimizers import OPTIMIZERS, OptimizerSettings, update_into

SIZES = (2, 3, 1)
START = np.array([0.15, 0.2, 0.25, 0.3, -0.2, 0.1, 0.35, 0.35, 0.35, 0.4, 0.45, 0.5, 0.6])


def rows(n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 2)), rng.random((n, 1))


def checked(activation, X, Z, eta, settings, train_biases, steps):
    """The same run one update per call: each call is a chunk of one, checked before the next."""
    trainer = Trainer(Network(SIZES, activation, activation, START), X, Z, learning_rate=eta,
                      train_biases=train_biases, optimizer=settings)
    done = sum(trainer.run(1) for _ in range(steps))
    penalties = trainer.history.penalty.values if settings.penalized else np.zeros(0)
    return (done, trainer.network.params, trainer.optimizer.slots, trainer._kernel.grad,
            trainer.history.values, penalties)


def in_chunks(activation, X, Z, eta, settings, train_biases, steps):
    trainer = Trainer(Network(SIZES, activation, activation, START), X, Z, learning_rate=eta,
                      train_biases=train_biases, optimizer=settings)
    done = trainer.run(steps)
    penalties = trainer.history.penalty.values if settings.penalized else np.zeros(0)
    return (done, trainer.network.params, trainer.optimizer.slots, trainer._kernel.grad,
            trainer.history.values, penalties)


def same(a, b):
    assert a[0] == b[0]
    for x, y in zip(a[1:], b[1:]):
        assert np.array_equal(x, y)


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("penalties, train_biases", [({}, True), ({"l2": 0.01, "l1": 0.001},
                                                                    False)])
def test_chunks_in_place_give_the_checked_loops_numbers_bit_for_bit(name, penalties,
                                                                     train_biases):
    X, Z = rows(7)
    settings = OptimizerSettings(name, **penalties)
    steps = 2 * CHECK_EVERY + 333  # two whole chunks and part of a third
    expected = checked("sigmoid", X, Z, 0.3, settings, train_biases, steps)
    assert expected[0] == steps
    same(in_chunks("sigmoid", X, Z, 0.3, settings, train_biases, steps), expected)


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("x, why", [(1e200, "loss"), (3e154, "update")])
def test_a_run_diverging_inside_a_chunk_stops_where_the_checked_loop_stops(name, x, why):
    # a linear network and 2000 rows; row 1500 (inside the second chunk) has a huge input: with
    # x = 1e200 its loss ½(w·x)² is infinite; with x = 3e154 the loss (~1e308) is finite but the
    # gradient δ·x of its weights overflows (the update, or the next loss, is not finite)
    X, Z = rows(2000)
    X[1500, 0] = x
    settings = OptimizerSettings(name, l2=0.001)
    expected = checked("linear", X, Z, 0.1, settings, True, 3000)
    assert CHECK_EVERY < expected[0] <= 1501 < 2 * CHECK_EVERY  # stopped inside chunk 2
    got = in_chunks("linear", X, Z, 0.1, settings, True, 3000)
    same(got, expected)
    assert np.all(np.isfinite(got[1])) and np.all(np.isfinite(got[2]))


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("train_biases", [True, False])
def test_each_update_in_place_is_the_optimizers_rule_on_the_steps_gradient(name, train_biases):
    X, Z = rows(5)
    settings = OptimizerSettings(name, l2=0.01, l1=0.002)
    trainer = Trainer(Network(SIZES, "tanh", "sigmoid", START), X, Z, learning_rate=0.2,
                      train_biases=train_biases, optimizer=settings)
    trainer.run(3)
    for _ in range(4):
        params, slots, t = trainer.network.params.copy(), trainer.optimizer.slots.copy(), \
            trainer.optimizer.t
        trainer.run(1)
        expected, expected_slots = np.empty_like(params), np.empty_like(slots)
        assert update_into(params, trainer._kernel.grad, slots, expected, expected_slots,
                           trainer.optimizer.is_weight, train_biases, settings.code, 0.2,
                           settings.hyper, t + 1)
        assert np.array_equal(trainer.network.params, expected)
        assert np.array_equal(trainer.optimizer.slots, expected_slots)
