"""Recordings: an animated GIF with the frames asked for (Pillow), and MP4 through ffmpeg."""

import os
import stat
import sys

import numpy as np
import pytest
from PIL import Image

from mlpviz.core.animation import GifRecorder, Mp4Recorder, ffmpeg
from mlpviz.core.errors import Cancelled


def frame(k, size=(30, 40)):
    """A frame whose colour and a moving bar differ from every other frame's."""
    rgb = np.zeros((*size, 3), dtype=np.uint8)
    rgb[..., 0] = 10 * k
    rgb[:, k % size[1], 1] = 255
    return rgb


def test_a_gif_has_the_frames_and_rate_asked_for(tmp_path):
    path = tmp_path / "run.gif"
    recorder = GifRecorder(path, fps=20)
    for k in range(12):
        recorder.add(frame(k))
    seen = []
    recorder.finish(progress=seen.append)
    with Image.open(path) as gif:
        assert gif.n_frames == 12 and gif.size == (40, 30)
        assert gif.info["loop"] == 0
        durations = []
        for k in range(gif.n_frames):
            gif.seek(k)
            durations.append(gif.info["duration"])
            if k == 5:  # the pixels came through: frame 5's bar is in column 5
                rgb = np.asarray(gif.convert("RGB"))
                assert rgb[0, 5, 1] == 255 and rgb[0, 6, 1] == 0 and rgb[0, 0, 0] == 50
    assert durations == [50] * 12  # 20 frames per second
    assert seen and seen[-1] < 1 and seen == sorted(seen)
    assert os.listdir(tmp_path) == ["run.gif"]  # no temporary file left


def test_cancelling_a_gif_leaves_no_file(tmp_path):
    recorder = GifRecorder(tmp_path / "run.gif", fps=10)
    for k in range(6):
        recorder.add(frame(k))
    with pytest.raises(Cancelled):
        recorder.finish(progress=lambda fraction: fraction < 0.5)
    assert os.listdir(tmp_path) == []


def test_gif_rates_are_whole_hundredths():
    with pytest.raises(ValueError, match="5, 10, 20, 25, 50"):
        GifRecorder("x.gif", fps=30)


@pytest.fixture
def fake_ffmpeg(tmp_path):
    """A stand-in for ffmpeg that stores the raw frames it is sent as the output file."""
    script = tmp_path / "ffmpeg"
    script.write_text(f"#!{sys.executable}\n"
                      "import sys\n"
                      "data = sys.stdin.buffer.read()\n"
                      "open(sys.argv[-1], 'wb').write(' '.join(sys.argv[1:]).encode() + b'|' "
                      "+ data)\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_mp4_frames_are_piped_to_ffmpeg(tmp_path, fake_ffmpeg):
    path = tmp_path / "out" / "run.mp4"
    path.parent.mkdir()
    recorder = Mp4Recorder(path, fps=30, program=fake_ffmpeg)
    for k in range(5):
        recorder.add(frame(k))
    recorder.finish()
    args, _, data = path.read_bytes().partition(b"|")
    assert b"-s 40x30 -r 30" in args and b"libx264" in args
    assert len(data) == 5 * 30 * 40 * 3 and data[:3] == bytes(frame(0)[0, 0])
    assert os.listdir(path.parent) == ["run.mp4"]


def test_a_cancelled_mp4_leaves_no_file(tmp_path, fake_ffmpeg):
    recorder = Mp4Recorder(tmp_path / "run.mp4", fps=10, program=fake_ffmpeg)
    recorder.add(frame(0))
    recorder.cancel()
    assert [p for p in os.listdir(tmp_path) if p != "ffmpeg"] == []


def test_without_ffmpeg_mp4_says_so(monkeypatch):
    monkeypatch.setenv("PATH", "")
    assert ffmpeg() is None
    with pytest.raises(FileNotFoundError, match="ffmpeg is not installed"):
        Mp4Recorder("x.mp4", fps=10)
