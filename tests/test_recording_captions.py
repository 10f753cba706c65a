"""The step number in recorded pictures, and a race recorded at a readable size (issue 16's
leftovers): each picture of a GIF or MP4 has a band above the view with its step (a run: step,
epoch, loss; a phase walk: the phase; a race: the surface and the race's step); a race is
recorded at 800 × 600 whatever the size of its dock. Read back from the real files."""

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDockWidget, QMessageBox

from mlpviz.gui.export.captions import caption_font, run_caption, with_caption
from mlpviz.gui.export.recording import RACE_SIZE, rgb_array
from conftest import open_window
from test_recording import race_settings as recording_settings


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: pytest.fail(text))
    return open_window(qtbot, tmp_path)


def gif_frames(path):
    """Every frame of a GIF as an RGB array."""
    with Image.open(path) as gif:
        frames = []
        for k in range(gif.n_frames):
            gif.seek(k)
            frames.append(np.asarray(gif.convert("RGB")))
        return frames


def band_height(width):
    from PySide6.QtGui import QFontMetrics
    return QFontMetrics(caption_font(width)).height() + 8


def caption_pixels(text, width):
    """The band `with_caption` draws for `text` above a picture `width` wide."""
    blank = QImage(width, 4, QImage.Format.Format_ARGB32)
    blank.fill(0xFFFFFFFF)
    return rgb_array(with_caption(blank, text))[: band_height(width)]


def distance(a, b):
    return float(np.mean(np.abs(a.astype(int) - b.astype(int))))


def test_a_caption_is_a_band_of_dark_text_above_the_picture(qtbot):
    image = QImage(300, 100, QImage.Format.Format_ARGB32)
    image.fill(0xFF3366CC)  # a blue view
    out = rgb_array(with_caption(image, "step 12 · epoch 3"))
    band = band_height(300)
    assert out.shape == (100 + band, 300, 3)
    assert (out[band:] == (0x33, 0x66, 0xCC)).all()  # the view whole, below the band
    text = out[: band - 1]
    dark = (text.max(axis=2) < 100).sum()
    assert dark > 50  # letters
    assert (text[:, :3] == 255).all()  # a margin on the left
    assert distance(caption_pixels("step 12", 300), caption_pixels("step 13", 300)) > 0


def test_each_picture_of_a_run_says_its_step(qtbot, window, tmp_path):
    window.exports.record_animation(
        dict(view="network graph", format="gif", fps=10, mode="run", frames=4, steps=2, hold=1),
        tmp_path / "run.gif")
    frames = gif_frames(tmp_path / "run.gif")
    width = window.graph.width()
    band = band_height(width)
    assert len(frames) == 4 and frames[0].shape == (window.graph.height() + band, width, 3)
    # each band reads as its own step's caption, not as the one of another step
    expected = {}
    for step in (0, 2, 4, 6):
        text = f"step {step}"
        expected[step] = caption_pixels(text, width)
    for k, frame in enumerate(frames):
        band_pixels = frame[:band]
        assert (band_pixels.max(axis=2) < 100).sum() > 50  # dark letters in the band
        starts = {s: distance(band_pixels[:, :width // 6], e[:, :width // 6])
                  for s, e in expected.items()}  # "step N" is the start of the caption
        assert min(starts, key=starts.get) == 2 * k, starts
    assert window.model.snapshot.step == 6
    assert run_caption(window.model).startswith("step 6 · loss 0.")  # one sample: no epochs


def test_no_caption_when_it_is_turned_off(qtbot, window, tmp_path):
    window.exports.record_animation(
        dict(view="network graph", format="gif", fps=10, mode="run", frames=2, steps=1, hold=1,
             caption=False), tmp_path / "plain.gif")
    frames = gif_frames(tmp_path / "plain.gif")
    assert frames[0].shape == (window.graph.height(), window.graph.width(), 3)


def test_a_phase_walk_says_the_phase(qtbot, window, tmp_path):
    window.exports.record_animation(
        dict(view="network graph", format="gif", fps=5, mode="phases", frames=3, steps=1,
             hold=1), tmp_path / "walk.gif")
    window.model.set_phase(1)
    assert run_caption(window.model, phases=True) == \
        "step 0 · phase 1 of 5: forward through layer 1 (hidden): net and out"
    frames = gif_frames(tmp_path / "walk.gif")
    width = window.graph.width()
    band = band_height(width)
    assert all((f[:band].max(axis=2) < 100).sum() > 50 for f in frames)
    assert distance(frames[1][:band], frames[2][:band]) > 0  # phase 1, then phase 2


def race_settings(**changes):
    """test_recording's race settings, with 3 pictures 2 steps apart unless told otherwise."""
    return recording_settings(**{"frames": 3, "steps": 2, **changes})


def test_a_race_from_a_small_dock_is_recorded_at_800_by_600(qtbot, window, tmp_path):
    race = window.descent.race
    window.exports.record_race(race_settings(frames=2), tmp_path / "probe.gif")  # its tab shown
    on_screen = race.plot.size()
    assert on_screen.height() < 300, on_screen  # offscreen the dock leaves it ~900 × 100
    window.exports.record_race(race_settings(), tmp_path / "race.gif")
    frames = gif_frames(tmp_path / "race.gif")
    band = band_height(RACE_SIZE.width())
    assert frames[0].shape == (RACE_SIZE.height() + band, RACE_SIZE.width(), 3)
    assert race.plot.size() == on_screen  # the window's plot keeps its size
    assert race.plot.getPlotItem().geometry().width() == pytest.approx(on_screen.width(), abs=2)
    picture = frames[-1][band:]
    # the plot fills the picture: its paths and axes reach the right and bottom parts of it
    coloured = (picture.max(axis=2).astype(int) - picture.min(axis=2)) > 60
    assert coloured[:, RACE_SIZE.width() // 2:].sum() > 1000
    assert coloured[RACE_SIZE.height() // 2:, :].sum() > 1000
    dark = picture.max(axis=2) < 90  # axis text and ticks along the bottom and the left
    assert dark[-60:, :].sum() > 100 and dark[:, :70].sum() > 100
    # the caption: the surface and the race's step, the last picture at step 4
    text = f"{race.surface.name}, f = {race.surface.formula} · step 4"
    assert distance(frames[-1][:band], caption_pixels(text, RACE_SIZE.width())) < \
        distance(frames[-1][:band], caption_pixels(text.replace("step 4", "step 2"),
                                                   RACE_SIZE.width()))


def test_a_race_records_to_a_real_mp4_at_its_fixed_size(qtbot, window, tmp_path):
    from test_animation import encoder, mp4_video
    encoder()
    window.exports.record_race(race_settings(format="mp4", fps=25, frames=4),
                               tmp_path / "race.mp4")
    video = mp4_video((tmp_path / "race.mp4").read_bytes())
    band = band_height(RACE_SIZE.width())
    assert video["frames"] == 4
    assert (video["width"], video["height"]) == (800, (600 + band + 1) // 2 * 2)


def test_both_dialogs_ask_for_the_caption(qtbot):
    from mlpviz.gui.export.race_record_dialog import RaceRecordDialog
    from mlpviz.gui.export.record_dialog import RecordDialog
    for dialog in (RecordDialog(["network graph"], 5), RaceRecordDialog()):
        qtbot.addWidget(dialog)
        assert dialog.settings()["caption"] is True
        dialog.formats.caption_box.setChecked(False)
        assert dialog.settings()["caption"] is False
    assert "the plot at 800 × 600 px" in dialog.total.text()
