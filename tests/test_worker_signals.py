"""The training worker speaks Qt signals: a snapshot per step while stepping or paced, one per
frame at full speed with the new losses in a chunk (never more than one waiting in the queue),
and a signal each for a run that finished, diverged, or a go-to that arrived."""

import time

import numpy as np
import pytest
from PySide6.QtCore import QObject, Slot

from mlpviz.core import Experiment
from mlpviz.core.examples import config_path
from mlpviz.gui.run.worker import TrainingWorker


class Received(QObject):
    """Snapshots received in the GUI thread (a lambda would run in the worker's thread)."""

    def __init__(self):
        super().__init__()
        self.snapshots = []

    @Slot(object)
    def take(self, snapshot):
        self.snapshots.append(snapshot)


def trainer_of(example="worked-example", **changes):
    experiment = Experiment.load(config_path(example))
    for key, value in changes.items():
        setattr(experiment.config, key, value)
    return Experiment.load(experiment.config).trainer() if changes else experiment.trainer()


@pytest.fixture
def start_worker(qtbot):
    workers = []

    def start(trainer, stop_at=None):
        worker = TrainingWorker(trainer, stop_at)
        workers.append(worker)
        worker.start()
        return worker

    yield start
    for worker in workers:
        worker.stop()
        worker.wait()


def test_each_step_is_signalled_with_a_copy_of_its_snapshot(qtbot, start_worker):
    worker = start_worker(trainer_of())
    reference = trainer_of()
    for step in (1, 2):
        with qtbot.waitSignal(worker.stepped, timeout=10000) as blocker:
            worker.request_steps(1)
        snapshot = blocker.args[0]
        reference.run(1)
        assert snapshot.step == step and not snapshot.running
        assert np.array_equal(snapshot.params, reference.network.params)
        assert snapshot.first_loss == step - 1
        assert np.array_equal(snapshot.losses, reference.history.values[-1:])
        if step == 1:
            first = snapshot
    # the first snapshot is a copy: the second update did not change it
    assert not np.array_equal(first.params, reference.network.params)


def test_full_speed_is_coalesced_one_snapshot_in_the_queue_and_no_loss_lost(qtbot, start_worker):
    trainer = trainer_of("xor")
    worker = start_worker(trainer)
    received = Received()
    worker.progressed.connect(received.take)
    worker.stepped.connect(received.take)
    worker.start_running()
    time.sleep(0.5)  # the GUI thread is busy: nothing is taken meanwhile
    qtbot.wait(50)
    assert len(received.snapshots) == 1  # ~15 frames made, one signalled
    assert received.snapshots[0].running
    worker.taken()  # the window drew it: the next frame may come
    qtbot.waitUntil(lambda: len(received.snapshots) == 2, timeout=5000)
    worker.pause()
    qtbot.waitUntil(lambda: not received.snapshots[-1].running, timeout=5000)
    last = received.snapshots[-1]
    # a pause that comes just after a frame was sent is told by a snapshot with no new losses
    carrying = [s for s in received.snapshots if s.first_loss is not None]
    losses = np.concatenate([s.losses for s in carrying])
    firsts = [s.first_loss for s in carrying]
    assert firsts[0] == 0 and firsts == list(np.cumsum([0] + [len(s.losses) for s in
                                                            carrying[:-1]]))
    assert len(losses) == last.step > 100
    reference = trainer_of("xor")
    reference.run(last.step)
    assert np.array_equal(losses, reference.history.values)
    assert np.array_equal(last.params, reference.network.params)


def test_a_run_that_reaches_its_end_says_finished(qtbot, start_worker):
    worker = start_worker(trainer_of(), stop_at=5)
    with qtbot.waitSignal(worker.run_finished, timeout=10000):
        worker.start_running()
    assert worker.trainer.step == 5 and not worker.running


def test_a_diverging_run_says_so_in_a_sentence(qtbot, start_worker):
    worker = start_worker(trainer_of("sine", learningRate=1000.0))
    with qtbot.waitSignal(worker.diverged, timeout=10000) as blocker:
        worker.start_running()
    sentence = blocker.args[0]
    assert sentence.startswith("diverged at step") and "smaller learning rate" in sentence


def test_a_go_to_says_where_it_arrived(qtbot, start_worker):
    worker = start_worker(trainer_of())
    with qtbot.waitSignal(worker.stepped, timeout=10000, check_params_cb=lambda s: s.step == 4):
        worker.request_steps(4)
    with qtbot.waitSignal(worker.arrived, timeout=10000) as blocker:
        worker.go_to(1)
    assert blocker.args == [1] and worker.trainer.step == 1


def test_the_window_model_signals_each_step(qtbot, tmp_path):
    from conftest import open_window

    window = open_window(qtbot, tmp_path)
    with qtbot.waitSignal(window.model.stepped, timeout=10000) as blocker:
        window.running.step()
    assert blocker.args[0].step == 1 and window.model.snapshot is blocker.args[0]
    assert window.timeline_bar.step_label.text().strip() == "step 1 of 1"


def test_a_pause_between_paced_updates_is_told_by_a_paused_snapshot(qtbot, start_worker):
    """A paced run publishes each update while running; a pause that comes while the worker
    waits for the next one must still reach the window (else Run/Pause and the step go stale).
    Found by the CI run of the full-speed test above, which hit it by chance under load."""
    worker = start_worker(trainer_of())
    received = Received()
    worker.stepped.connect(received.take)
    worker.steps_per_second = 2
    worker.start_running()
    qtbot.waitUntil(lambda: bool(received.snapshots) and received.snapshots[-1].step >= 1,
                    timeout=5000)
    assert received.snapshots[-1].running
    worker.pause()
    qtbot.waitUntil(lambda: not received.snapshots[-1].running, timeout=2000)
    assert received.snapshots[-1].step == worker.trainer.step


def test_the_window_model_says_where_a_go_to_arrived(qtbot, tmp_path):
    from conftest import open_window

    window = open_window(qtbot, tmp_path)
    with qtbot.waitSignal(window.model.stepped, timeout=10000,
                          check_params_cb=lambda s: s.step == 3):
        window.session.worker.request_steps(3)
    with qtbot.waitSignal(window.model.arrived, timeout=10000) as blocker:
        window.running.go_to(1)
    assert blocker.args == [1]
    qtbot.waitUntil(lambda: window.model.snapshot.step == 1, timeout=5000)


def test_a_full_speed_frame_is_taken_only_after_the_window_had_its_turn(qtbot, tmp_path):
    """Found by test_classroom's full-speed runs on a loaded machine (pauses of 1.2-1.7 s): the
    worker was told a frame was taken as soon as its handlers returned, before the paints they
    posted, so a window whose frame costs more than the frame time drew back to back and served
    keys and clicks only between frames. Now `taken` goes on a timer of at least the frame time,
    which Qt serves after the posted paints and input."""
    from conftest import open_window
    from mlpviz.gui.run.worker import DISPLAY_FRAME

    window = open_window(qtbot, tmp_path)
    session, worker = window.session, window.session.worker
    worker._waiting = True  # as the worker leaves it when it emits `progressed`
    began = time.perf_counter()
    with qtbot.waitSignal(session.snapshot, timeout=5000):
        worker.progressed.emit(window.model.snapshot)
    assert worker._waiting  # not yet: the window draws and answers first
    qtbot.waitUntil(lambda: not worker._waiting, timeout=5000)
    assert time.perf_counter() - began >= DISPLAY_FRAME * 0.99
