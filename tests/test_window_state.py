"""Window defects of issue 11 that came from state kept in sync by hand (#4, #7, #11, #17):
each with the test that would have caught it."""

import pytest
from PySide6.QtCore import Qt

from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def settled(qtbot, window, step):
    qtbot.waitUntil(lambda: (window.model.refresh(), window.model.snapshot is not None
                             and window.model.snapshot.step == step)[1], timeout=10000)


def graph_is_laid_out(graph):
    """Neurons sized to the view (not the 10 px placeholders of a new structure) and each layer's
    caption above its own column (not all at the origin)."""
    xs = [caption.pos().x() for caption in graph._captions]
    return (min(graph.neurons.data["size"]) > 10 and xs == sorted(set(xs))
            and len(xs) == len(graph.sizes))


def test_reset_keeps_the_graph_laid_out(qtbot, window):
    """#4: Ctrl+R gave the same structure, so the view's range did not change and nothing laid
    the new items out: neurons shrank to dots, the layer titles piled up at the top-left."""
    qtbot.waitUntil(lambda: graph_is_laid_out(window.graph), timeout=5000)
    qtbot.keyClick(window, Qt.Key_R, Qt.ControlModifier)
    settled(qtbot, window, 0)
    assert graph_is_laid_out(window.graph)
    window.files.open_config(window.session.path)  # the same file again: the same structure
    assert graph_is_laid_out(window.graph)


def test_a_structure_laid_out_before_the_view_has_its_size_follows_the_resize(qtbot):
    from mlpviz.gui.graph.network_view import NetworkView

    view = NetworkView()
    qtbot.addWidget(view)
    view.set_structure((2, 2, 2))  # before it is shown: no size yet
    view.resize(900, 600)
    view.show()
    qtbot.waitUntil(lambda: graph_is_laid_out(view), timeout=5000)
    assert view.graph.width() > 600


def test_status_messages_have_room_beside_the_status_line(qtbot, window):
    """#7: the permanent status line took the whole bar, so "Saved …" was never seen."""
    window.resize(1024, 700)
    window.model.say("Speed: 5 updates/s", 5000)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage() == "Speed: 5 updates/s", timeout=2000)
    room = window.status.geometry().left()
    assert room >= bar.fontMetrics().horizontalAdvance("Speed: 5 updates/s") + 10
    assert window.status.isVisible() and window.status.text().startswith("step 0")


def test_the_run_button_says_run_once_a_paced_run_is_paused_by_a_phase_key(qtbot, window):
    """#11: pausing a paced run between its updates published nothing, so the button kept the
    last snapshot's "Pause"."""
    window.speed_box.setCurrentIndex(window.speed_box.findData(1))  # 1 update a second
    window.running.toggle_run()
    assert window.run_action.text() == "Pause"
    qtbot.waitUntil(lambda: window.model.snapshot.step >= 1, timeout=10000)  # the first at once
    window.running.step_phase()  # pauses the run
    qtbot.waitUntil(lambda: window.run_action.text() == "Run", timeout=5000)
    assert not window.session.worker.running


def test_a_queued_snapshot_of_a_run_does_not_turn_the_button_back_to_pause(qtbot, window):
    window.session.worker.stop_at = None  # runs on until paused
    window.running.toggle_run()
    qtbot.wait(200)
    window.running.toggle_run()  # paused; snapshots made while running may still be queued
    qtbot.waitUntil(lambda: window.run_action.text() == "Run", timeout=5000)
    qtbot.wait(300)  # and what was queued behind the paused snapshot does not undo it
    assert not window.session.worker.running and window.run_action.text() == "Run"


def test_a_step_before_the_training_loop_is_compiled_says_so(qtbot, window, monkeypatch):
    """#17: the first update on a cold numba cache froze the window for ~6 s without a sign. Now
    the update waits in the worker, the window says so beside a busy indicator and answers."""
    from mlpviz.gui.controllers import preparing
    from mlpviz.gui.run import warm_up

    compiled = []
    monkeypatch.setattr(warm_up, "ready", lambda: bool(compiled))
    monkeypatch.setattr(warm_up, "prepare", lambda: None)
    note = window.running.preparing
    note.timer.start()
    qtbot.keyClick(window, Qt.Key_Space)
    assert window.statusBar().currentMessage() == preparing.PREPARING
    assert note.busy.isVisible()
    qtbot.wait(500)  # the window answers; the update waits for the compiled loop
    window.model.refresh()
    assert window.model.snapshot.step == 0 and note.busy.isVisible()
    compiled.append(True)
    settled(qtbot, window, 1)
    qtbot.waitUntil(lambda: not note.busy.isVisible(), timeout=2000)
    assert window.statusBar().currentMessage() == preparing.READY


def test_the_training_loop_is_prepared_in_the_background():
    from mlpviz.gui.run import warm_up

    warm_up.prepare()
    assert warm_up.wait(60) and warm_up.ready()
