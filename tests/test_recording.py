"""Recording the window to an animated GIF: a run frame by frame, a phase walk held per phase,
cancelling, and the MP4 choice where ffmpeg is missing (gui/export/recording.py)."""

import pytest
from PIL import Image
from PySide6.QtWidgets import QMessageBox

from mlpviz.core.animation import GifRecorder
from mlpviz.gui.export.record_dialog import RecordDialog
from mlpviz.gui.export.recording import Plan, Recording
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: pytest.fail(text))
    return open_window(qtbot, tmp_path)


def band(width):
    """The height of the caption band above a picture `width` wide (export/captions.py)."""
    from PySide6.QtGui import QFontMetrics
    from mlpviz.gui.export.captions import caption_font
    return QFontMetrics(caption_font(width)).height() + 8


def frames_of(path):
    with Image.open(path) as gif:
        durations = []
        for k in range(gif.n_frames):
            gif.seek(k)
            durations.append(gif.info["duration"])
        return gif.n_frames, durations, gif.size


def test_a_run_records_the_frames_asked_for(qtbot, window, tmp_path):
    window.exports.record_animation(
        dict(view="network graph", format="gif", fps=10, mode="run", frames=6, steps=2, hold=1),
        tmp_path / "run.gif")
    assert window.model.snapshot.step == 10  # 5 advances of 2 updates after the first picture
    count, durations, size = frames_of(tmp_path / "run.gif")
    assert count == 6 and durations == [100] * 6
    assert size == (window.graph.width(), window.graph.height() + band(window.graph.width()))


def test_the_output_view_draws_each_step_it_records(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: pytest.fail(text))
    window = open_window(qtbot, tmp_path, "xor")
    output = window.descent.output
    drawn = []
    original = output._draw
    monkeypatch.setattr(output, "_draw", lambda key, *a: (drawn.append(key[0]),
                                                          original(key, *a)))
    window.exports.record_animation(
        dict(view="output view", format="gif", fps=20, mode="run", frames=4, steps=25, hold=1),
        tmp_path / "xor.gif")
    assert [0, 25, 50, 75] == [s for s in dict.fromkeys(drawn) if s in (0, 25, 50, 75)]
    assert frames_of(tmp_path / "xor.gif")[0] == 4


def test_a_phase_walk_holds_each_phase(qtbot, window, tmp_path):
    # 2-2-2: five phases an update; the first picture, then each phase of one update
    window.exports.record_animation(
        dict(view="network graph", format="gif", fps=5, mode="phases", frames=6, steps=1,
             hold=3), tmp_path / "walk.gif")
    count, durations, _ = frames_of(tmp_path / "walk.gif")
    assert count == 6 and durations == [600] * 6  # each picture held 3 frames at 5 a second
    assert window.model.snapshot.step == 1 and window.model.phase == 0


def test_cancelling_writes_nothing(qtbot, window, tmp_path):
    plan = Plan(window.graph, "run", 5, 1, 1)
    recording = Recording(window.model, window.running, plan,
                          GifRecorder(tmp_path / "x.gif", 10))
    assert recording.run(lambda done, total, what: done < 2) is False
    assert list(tmp_path.glob("*.gif")) == [] and recording.captured == 2


def test_the_dialog_offers_mp4_only_with_ffmpeg(qtbot, monkeypatch):
    monkeypatch.setattr("mlpviz.gui.export.record_dialog.ffmpeg", lambda: None)
    dialog = RecordDialog(["network graph", "output view"], 5)
    qtbot.addWidget(dialog)
    assert not dialog.format_box.model().item(1).isEnabled()
    assert "ffmpeg" in dialog.mp4_note.text() and "not installed" in dialog.mp4_note.text()
    dialog.seconds_box.setValue(20)
    dialog.steps_box.setValue(25)
    s = dialog.settings()
    assert (s["fps"], s["frames"], s["steps"], s["mode"]) == (10, 200, 25, "run")
    assert "20.0 s of animation" in dialog.total.text()
    dialog.walk_button.setChecked(True)
    dialog.updates_box.setValue(2)
    s = dialog.settings()
    assert (s["mode"], s["frames"], s["hold"]) == ("phases", 11, 10)


def test_without_any_encoder_the_dialog_says_how_to_get_one(qtbot, monkeypatch):
    import sys
    monkeypatch.setenv("PATH", "")
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)
    dialog = RecordDialog(["network graph"], 5)
    qtbot.addWidget(dialog)
    assert not dialog.format_box.model().item(1).isEnabled()
    assert "pip install imageio-ffmpeg" in dialog.mp4_note.text()


def test_a_run_records_to_a_real_mp4(qtbot, window, tmp_path):
    """With a real encoder (CI: imageio-ffmpeg's), the dialog offers MP4 and a run of 6
    pictures is an H.264 file of 6 frames, 0.6 s at 10 a second, the graph's size (even)."""
    from test_animation import encoder, mp4_video
    encoder()
    dialog = RecordDialog(["network graph"], 5)
    qtbot.addWidget(dialog)
    assert dialog.format_box.model().item(1).isEnabled() and dialog.mp4_note.text() == ""
    window.exports.record_animation(
        dict(view="network graph", format="mp4", fps=10, mode="run", frames=6, steps=2, hold=1),
        tmp_path / "run.mp4")
    video = mp4_video((tmp_path / "run.mp4").read_bytes())
    assert video["codec"] == "avc1" and video["frames"] == 6
    assert video["seconds"] == pytest.approx(0.6, abs=1e-3)
    height = window.graph.height() + band(window.graph.width())  # the step's caption above
    even = (window.graph.width() + 1) // 2 * 2, (height + 1) // 2 * 2
    assert (video["width"], video["height"]) == even
    assert window.model.snapshot.step == 10


def race_settings(**changes):
    settings = dict(view="optimizer race", format="gif", fps=10, mode="race", frames=5, steps=3,
                    hold=1, from_start=True)
    settings.update(changes)
    return settings


def test_a_surface_race_records_a_picture_every_few_steps(qtbot, window, tmp_path):
    """5 pictures, 3 race steps between them: the race restarted, then stepped 12 times; each
    picture differs from the one before (identical ones would be merged into one GIF frame);
    the window's training is not touched."""
    from PySide6.QtWidgets import QDockWidget
    race = window.descent.race
    race.step()  # a race already under way starts again
    loss = window.findChild(QDockWidget, "Loss")
    window.tabifyDockWidget(loss, window.descent_dock)  # as on a small screen: Loss in front
    loss.raise_()
    qtbot.waitUntil(lambda: window.descent_dock.visibleRegion().isEmpty(), timeout=2000)
    window.exports.record_race(race_settings(), tmp_path / "race.gif")
    assert [len(r.rows) for r in race.racers.values()] == [13, 13, 13]  # the start + 12 steps
    count, durations, size = frames_of(tmp_path / "race.gif")
    assert count == 5 and durations == [100] * 5
    assert size == (800, 600 + band(800))  # the plot, paths and legend, at a fixed size
    assert window.descent.currentWidget() is race  # its tab, and its dock in front
    assert not window.descent_dock.visibleRegion().isEmpty()
    assert window.model.snapshot.step == 0
    window.exports.record_race(race_settings(frames=2, steps=1, from_start=False),
                               tmp_path / "more.gif")
    assert [len(r.rows) for r in race.racers.values()] == [14, 14, 14]  # went on from step 12


def test_a_surface_race_records_to_a_real_mp4(qtbot, window, tmp_path):
    from test_animation import encoder, mp4_video
    encoder()
    window.exports.record_race(race_settings(format="mp4", fps=25, frames=10),
                               tmp_path / "race.mp4")
    video = mp4_video((tmp_path / "race.mp4").read_bytes())
    assert video["codec"] == "avc1" and video["frames"] == 10
    assert video["seconds"] == pytest.approx(0.4, abs=1e-3)  # 10 frames at 25 a second


def test_cancelling_a_race_recording_writes_nothing(qtbot, window, tmp_path):
    race = window.descent.race
    recording = Recording(window.model, window.running, Plan(race, "race", 6, 2),
                          GifRecorder(tmp_path / "x.gif", 10))
    assert recording.run(lambda done, total, what: done < 3) is False
    assert list(tmp_path.glob("*.gif")) == [] and recording.captured == 3
    assert [len(r.rows) for r in race.racers.values()] == [5, 5, 5]  # 2 advances of 2 steps


def test_a_running_race_is_paused_and_stepped_by_the_recording(qtbot, window, tmp_path):
    race = window.descent.race
    race.toggle_run()
    assert race.running
    window.exports.record_race(race_settings(frames=3, steps=1), tmp_path / "race.gif")
    assert not race.running and race.run_button.text() == "Run"
    assert [len(r.rows) for r in race.racers.values()] == [3, 3, 3]


def test_the_race_is_recorded_from_its_button_its_menu_and_file_export(qtbot, window,
                                                                     monkeypatch):
    asked = []
    monkeypatch.setattr(window.exports, "record_race", lambda *a: asked.append("race"))
    race = window.descent.race
    race.record_button.click()
    menu = {a.text(): a for a in race.plot.scene().contextMenu}
    menu["Record the race (GIF, MP4)…"].trigger()
    assert "Export the optimizer race view as PNG (2×)…" in menu
    assert window.act.record_race in window.export_menu.actions()
    assert asked == ["race", "race"]


def test_the_race_dialog_counts_pictures_and_steps(qtbot, monkeypatch):
    from mlpviz.gui.export.race_record_dialog import RaceRecordDialog
    monkeypatch.setattr("mlpviz.gui.export.record_dialog.ffmpeg", lambda: None)
    dialog = RaceRecordDialog()
    qtbot.addWidget(dialog)
    assert not dialog.format_box.model().item(1).isEnabled()
    dialog.steps_box.setValue(5)
    dialog.seconds_box.setValue(20)
    s = dialog.settings()
    assert (s["mode"], s["fps"], s["frames"], s["steps"], s["from_start"]) == \
        ("race", 10, 200, 5, True)
    assert "200 pictures, 995 steps of the race: 20.0 s" in dialog.total.text()
