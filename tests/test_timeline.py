"""Rewind: going back to step k and on to n equals the original run, bit for bit."""

import numpy as np
import pytest

from mlpviz.core import Network, Trainer
from mlpviz.core.timeline import Timeline


def make(batch_size=1, shuffle=True):
    rng = np.random.default_rng(3)
    network = Network((2, 5, 2), "tanh", "sigmoid")
    network.set_params(rng.uniform(-1, 1, network.params.size))
    X, Z = rng.uniform(-1, 1, (9, 2)), rng.uniform(0, 1, (9, 2))
    return Trainer(network, X, Z, learning_rate=0.3, batch_size=batch_size, shuffle=shuffle,
                   seed=4)


@pytest.mark.parametrize("batch_size,shuffle", [(1, True), (1, False), (4, True), (0, False)])
def test_rewind_to_k_then_on_to_n_equals_the_original_run(batch_size, shuffle):
    original = make(batch_size, shuffle)
    params, losses = {}, None
    timeline = Timeline(original, every=16, max_keyframes=8)
    for step in range(300):
        params[step] = original.network.params.copy()
        timeline.run(1)
    params[300] = original.network.params.copy()
    losses = original.history.values.copy()
    for k in (0, 1, 15, 16, 17, 131, 299, 300):
        timeline.go_to(k)
        assert original.step == k and np.array_equal(original.network.params, params[k])
        assert np.array_equal(original.history.values, losses[:k])
    timeline.go_to(57)
    timeline.run(300 - 57)  # a branch that does the same as before
    assert np.array_equal(original.network.params, params[300])
    assert np.array_equal(original.history.values, losses)


def test_learning_rate_changes_are_replayed():
    trainer = make()
    timeline = Timeline(trainer, every=10)
    timeline.run(25)
    timeline.set_learning_rate(0.05)
    timeline.run(30)
    at_55 = trainer.network.params.copy()
    timeline.go_to(12)
    assert trainer.learning_rate == 0.3
    timeline.go_to(55)
    assert np.array_equal(trainer.network.params, at_55) and trainer.learning_rate == 0.05


def test_a_change_at_an_earlier_step_starts_a_new_branch():
    trainer = make()
    timeline = Timeline(trainer, every=10)
    timeline.run(100)
    timeline.go_to(40)
    timeline.set_learning_rate(1.0)
    assert timeline.end == 40
    timeline.run(10)
    assert timeline.end == 50 and max(timeline.keyframes) <= 50
    twin = make()
    twin.run(40)
    twin.learning_rate = 1.0
    twin.run(10)
    assert np.array_equal(trainer.network.params, twin.network.params)


def test_keyframes_stay_bounded_on_a_long_run():
    trainer = make()
    timeline = Timeline(trainer, every=4, max_keyframes=32)
    timeline.run(1_000_000)
    assert len(timeline.keyframes) <= 33 and timeline.every >= 1_000_000 // 64
    reference = make()
    reference.run(777_777)
    timeline.go_to(777_777)
    assert np.array_equal(trainer.network.params, reference.network.params)


def test_stepping_back_one_at_a_time_replays_a_few_steps_not_from_a_far_keyframe():
    trainer = make()
    timeline = Timeline(trainer, every=4, max_keyframes=8)
    timeline.run(5000)  # keyframes end up 1024 steps apart
    params = {}
    reference = make()
    for step in range(5000 - 40, 5001):
        reference_step = reference.step
        reference.run(step - reference_step)
        params[step] = reference.network.params.copy()
    replayed = []
    run = trainer.run
    trainer.run = lambda n: replayed.append(n) or run(n)
    for step in range(4999, 5000 - 40, -1):  # Backspace, forty times
        before = len(replayed)
        timeline.go_to(step, keep_history=False)
        assert np.array_equal(trainer.network.params, params[step])
        if step < 4999:
            assert sum(replayed[before:]) <= 64, step  # from a checkpoint just before it
    assert len(timeline.checkpoints) <= timeline.max_checkpoints
    assert sum(replayed) < 2 * 1024  # without checkpoints: ~40 replays from keyframe 4096
    timeline.go_to(5000)
    assert np.array_equal(trainer.network.params, params[5000])


def test_keyframes_and_checkpoints_stay_within_the_memory_budget():
    rng = np.random.default_rng(0)
    network = Network((100, 100, 10))
    X, Z = rng.uniform(0, 1, (20, 100)), rng.uniform(0, 1, (20, 10))
    trainer = Trainer(network, X, Z)
    budget = 2 * 2**20
    timeline = Timeline(trainer, every=2, max_bytes=budget)
    timeline.run(3000)
    for step in (2999, 2998, 1500, 1499, 12):
        timeline.go_to(step, keep_history=False)
    stored = list(timeline.keyframes.values()) + list(timeline.checkpoints.values())
    assert sum(p.nbytes for p in stored) <= budget + 2 * network.params.nbytes


def test_shrink_keeps_few_keyframes_and_still_rewinds_exactly():
    trainer = make()
    timeline = Timeline(trainer, every=16, max_keyframes=64)
    params = {}
    for step in range(500):
        params[step] = trainer.network.params.copy()
        timeline.run(1)
    timeline.go_to(300)  # leaves checkpoints
    timeline.shrink(8)
    assert len(timeline.keyframes) <= 8 and 0 in timeline.keyframes and not timeline.checkpoints
    for k in (499, 3, 250):
        timeline.go_to(k)
        assert np.array_equal(trainer.network.params, params[k])
