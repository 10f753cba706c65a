"""Defect 5: the slow speeds were not slow — one update per 1/60 s was the floor, so "1 step/s"
made 317 updates in 5 s. A Pacer counts updates due from when the pace began."""

import time

import pytest

from mlpviz.core.examples import config_path
from mlpviz.core.experiment import Experiment
from mlpviz.gui.run.pacer import Pacer
from mlpviz.gui.run.worker import TrainingWorker


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_half_an_update_a_second_is_one_every_two_seconds():
    clock = Clock()
    pacer = Pacer(0.5, clock)
    assert pacer.due() == 1  # the first at once, when Return is pressed
    pacer.took(1)
    assert pacer.due() == 0 and pacer.wait() == pytest.approx(2.0)
    clock.now += 1.99
    assert pacer.due() == 0 and pacer.wait() == pytest.approx(0.01)
    clock.now += 0.01  # t = 2 s: floor(2 · 0.5) + 1 = 2 due, 1 made
    assert pacer.due() == 1
    pacer.took(1)
    clock.now += 2.0  # t = 4 s: floor(4 · 0.5) + 1 = 3 due, 2 made
    assert pacer.due() == 1


def test_thirty_a_second_make_exactly_thirty_one_in_the_first_second():
    clock = Clock()
    pacer = Pacer(30, clock)
    made = 0
    for _ in range(1000):  # a worker looking every millisecond
        n = pacer.due()
        pacer.took(n)
        made += n
        clock.now += 0.001
    # t went 0 … 0.999 s: the updates due at 0, 1/30, …, 29/30 s: 30 of them
    assert made == 30


def test_a_limit_caps_one_chunk_and_falling_far_behind_starts_again():
    clock = Clock()
    pacer = Pacer(10, clock)
    assert pacer.due(limit=1) == 1
    pacer.took(1)
    clock.now += 0.3  # floor(0.3 · 10) + 1 = 4 due, 1 made: 3, capped at 2
    assert pacer.due(limit=2) == 2
    clock.now += 60  # a minute behind: not 600 updates in a burst
    assert pacer.due() == 1


def test_a_restart_forgets_the_time_paused():
    clock = Clock()
    pacer = Pacer(2, clock)
    pacer.took(pacer.due())
    clock.now += 0.4  # 1 s after the last update at 2/s … but paused and resumed here
    pacer.restart()
    assert pacer.due() == 1
    pacer.took(1)
    assert pacer.wait() == pytest.approx(0.5)


def test_no_pace_means_every_update_is_due():
    with pytest.raises(ValueError):
        Pacer(0).due()
    assert Pacer(0).wait() == 0.0


@pytest.fixture
def worker(qtbot):
    trainer = Experiment.load(config_path("worked-example")).trainer()
    worker = TrainingWorker(trainer)
    worker.start()
    yield worker
    worker.stop()
    worker.wait()


@pytest.mark.parametrize("rate, seconds", [(2, 1.6), (10, 1.05)])
def test_the_worker_runs_at_the_pace(qtbot, worker, rate, seconds):
    worker.request_steps(1)  # the first update may compile the training loop: not timed
    qtbot.waitUntil(lambda: worker.trainer.step == 1, timeout=60_000)
    worker.steps_per_second = rate
    worker.start_running()
    started = time.monotonic()
    qtbot.wait(int(seconds * 1000))
    worker.pause()
    elapsed = time.monotonic() - started
    made = worker.trainer.step - 1
    expected = int(elapsed * rate) + 1  # 2/s over 1.6 s: 0, 0.5, 1, 1.5 s → 4 updates
    assert expected - 1 <= made <= expected + 1, (made, expected)


def test_the_plan_says_how_many_updates_and_about_how_long():
    from mlpviz.gui.run.pacer import duration_text, run_plan

    # 10 000 updates at 2 a second: 5 000 s = 83.3 min → "about 1 h 23 min"
    assert run_plan(10_000, 2, "2 updates/s") == \
        "Return runs 10,000 updates at 2 updates/s (about 1 h 23 min)"
    assert run_plan(8000, 0, "full speed") == "Return runs 8,000 updates at full speed"
    assert run_plan(None, 5, "5 updates/s") == "Return runs on without end at 5 updates/s"
    assert duration_text(40) == "about 40 s" and duration_text(600) == "about 10 min"
