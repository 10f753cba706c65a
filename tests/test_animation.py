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


def without_any_ffmpeg(monkeypatch):
    monkeypatch.setenv("PATH", "")
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)  # the package not installed


def test_without_ffmpeg_mp4_says_so(monkeypatch):
    without_any_ffmpeg(monkeypatch)
    assert ffmpeg() is None
    with pytest.raises(FileNotFoundError, match="ffmpeg, which is not installed here") as e:
        Mp4Recorder("x.mp4", fps=10)
    assert "pip install imageio-ffmpeg" in str(e.value)


def test_without_ffmpeg_on_path_the_imageio_ffmpeg_binary_is_used(monkeypatch):
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")
    monkeypatch.setenv("PATH", "")
    assert ffmpeg() == imageio_ffmpeg.get_ffmpeg_exe() and os.access(ffmpeg(), os.X_OK)


def encoder():
    """The real ffmpeg, where there is one; CI has one (imageio-ffmpeg, in the test extra) and
    must run the real-encoder tests, not skip them."""
    program = ffmpeg()
    if program is None:
        if os.environ.get("CI"):
            pytest.fail("CI has no ffmpeg: pip install -e '.[test]' brings imageio-ffmpeg")
        pytest.skip("no ffmpeg here (pip install imageio-ffmpeg)")
    return program


def test_a_real_mp4_has_the_frames_and_duration_asked_for(tmp_path):
    """Encoded by a real ffmpeg (H.264): the container says 24 frames, 2 s at 12 frames a
    second (24/12), 41 × 31 padded to even 42 × 32 for yuv420p."""
    encoder()
    path = tmp_path / "run.mp4"
    recorder = Mp4Recorder(path, fps=12)
    for k in range(24):
        recorder.add(frame(k, size=(31, 41)))
    recorder.finish()
    video = mp4_video(path.read_bytes())
    assert video["codec"] == "avc1" and (video["width"], video["height"]) == (42, 32)
    assert video["frames"] == 24
    assert video["seconds"] == pytest.approx(2.0, abs=1e-3)
    assert os.listdir(tmp_path) == ["run.mp4"]


def test_the_real_encoder_decodes_what_it_wrote(tmp_path):
    """The frames come back out: imageio-ffmpeg's decoder counts 10 frames, 1 s (10 a second)."""
    encoder()
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")
    path = tmp_path / "run.mp4"
    recorder = Mp4Recorder(path, fps=10)
    for k in range(10):
        recorder.add(frame(k, size=(32, 48)))
    recorder.finish()
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    assert frames == 10 and seconds == pytest.approx(1.0, abs=0.01)


def mp4_boxes(data, start=0, end=None):
    """(type, payload start, payload end) of the ISO base media boxes in data[start:end]."""
    end = len(data) if end is None else end
    while start + 8 <= end:
        size, kind = int.from_bytes(data[start:start + 4], "big"), data[start + 4:start + 8]
        head = 8
        if size == 1:
            size, head = int.from_bytes(data[start + 8:start + 16], "big"), 16
        size = size or end - start
        yield kind.decode("latin-1"), start + head, start + size
        start += size


def mp4_find(data, path, start=0, end=None):
    """The payload (start, end) of the first box along `path`, e.g. "moov/trak/mdia"."""
    first, _, rest = path.partition("/")
    for kind, a, b in mp4_boxes(data, start, end):
        if kind == first:
            return (a, b) if not rest else mp4_find(data, rest, a, b)
    raise AssertionError(f"no {path} box")


def mp4_video(data):
    """What an MP4's header says of its (first) video track: codec, size, frame count from the
    sample sizes table (stsz), duration from the media header (mdhd), as a reader sees them."""
    a, _ = mp4_find(data, "moov/trak/mdia/mdhd")
    version = data[a]
    if version == 1:
        timescale, duration = (int.from_bytes(data[a + 20:a + 24], "big"),
                               int.from_bytes(data[a + 24:a + 32], "big"))
    else:
        timescale, duration = (int.from_bytes(data[a + 12:a + 16], "big"),
                               int.from_bytes(data[a + 16:a + 20], "big"))
    stbl = mp4_find(data, "moov/trak/mdia/minf/stbl")
    s, _ = mp4_find(data, "stsz", *stbl)
    frames = int.from_bytes(data[s + 8:s + 12], "big")
    d, _ = mp4_find(data, "stsd", *stbl)
    entry = d + 8  # version/flags, entry count; then the first sample entry box
    codec = data[entry + 4:entry + 8].decode("latin-1")
    width = int.from_bytes(data[entry + 32:entry + 34], "big")
    height = int.from_bytes(data[entry + 34:entry + 36], "big")
    return dict(codec=codec, width=width, height=height, frames=frames,
                seconds=duration / timescale)
