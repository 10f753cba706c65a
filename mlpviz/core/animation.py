"""Recording frames to an animated GIF (Pillow) or an MP4 (ffmpeg, when it is installed: on PATH
or the binary of the imageio-ffmpeg wheel).

The window draws each frame and hands it over as an RGB array (height × width × 3, uint8); a
recorder keeps or encodes it. Both recorders write to a temporary file beside the target and
rename it at the end, so a cancelled or failed recording leaves no half-written file.

GIF stores frame delays in hundredths of a second, so its frame rates are those that divide
100: GIF_RATES. Identical consecutive frames are merged by Pillow into one longer frame, which
looks the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from .errors import Cancelled

GIF_RATES = (5, 10, 20, 25, 50)  # frames per second a GIF can hold exactly


def ffmpeg():
    """The ffmpeg program: the one on PATH, else the one the imageio-ffmpeg package ships
    (`pip install imageio-ffmpeg`, which `mlpviz[video]` brings); None if neither is there."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg
        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError, OSError):  # not installed, or no binary for this machine
        return None


NO_ENCODER = ("MP4 needs ffmpeg, which is not installed here: neither on PATH nor from the "
              "imageio-ffmpeg package (pip install imageio-ffmpeg); GIF needs nothing more.")


def _temporary(path):
    fd, tmp = tempfile.mkstemp(dir=Path(path).parent, prefix=f".{Path(path).name}.",
                               suffix=".tmp")
    os.close(fd)
    return tmp


def _discard(tmp):
    try:
        os.unlink(tmp)
    except OSError:
        pass


class GifRecorder:
    """Frames kept as 256-colour images (a quarter of their RGB size), written by finish()."""

    def __init__(self, path, fps):
        if fps not in GIF_RATES:
            raise ValueError(f"a GIF holds {', '.join(map(str, GIF_RATES))} frames per second")
        self.path, self.fps, self.frames = Path(path), fps, []

    def add(self, rgb):
        from PIL import Image

        image = Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8), "RGB")
        self.frames.append(image.quantize(256, method=Image.Quantize.MEDIANCUT,
                                          dither=Image.Dither.NONE))

    def finish(self, progress=None):
        """Write the GIF; `progress(fraction)` returning False cancels (raises Cancelled)."""
        if not self.frames:
            raise ValueError("no frames were recorded")
        frames = self.frames
        first, rest = frames[0], self._reported(frames[1:], progress)
        tmp = _temporary(self.path)
        try:
            first.save(tmp, format="GIF", save_all=True, append_images=rest, loop=0,
                       duration=1000 // self.fps, disposal=1)
            os.replace(tmp, self.path)
        except BaseException:
            _discard(tmp)
            raise
        finally:
            self.frames = []

    @staticmethod
    def _reported(frames, progress):
        for k, frame in enumerate(frames):
            if progress is not None and progress((k + 1) / (len(frames) + 1)) is False:
                raise Cancelled()
            yield frame

    def cancel(self):
        self.frames = []


class Mp4Recorder:
    """Frames piped to ffmpeg as they come (H.264, yuv420p: plays everywhere)."""

    def __init__(self, path, fps, program=None):
        self.program = program or ffmpeg()
        if self.program is None:
            raise FileNotFoundError(NO_ENCODER)
        self.path, self.fps = Path(path), fps
        self.process, self.size, self.tmp = None, None, None

    def add(self, rgb):
        rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
        if self.process is None:
            self.size = rgb.shape[:2]
            self.tmp = _temporary(self.path)
            height, width = self.size
            self.process = subprocess.Popen(
                [self.program, "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
                 "-s", f"{width}x{height}", "-r", str(self.fps), "-i", "-",
                 "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264",
                 "-pix_fmt", "yuv420p", "-f", "mp4", self.tmp],
                stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        if rgb.shape[:2] != self.size:
            self.cancel()
            raise ValueError("every frame of a recording must have the same size")
        self.process.stdin.write(rgb.tobytes())

    def finish(self, progress=None):
        if self.process is None:
            raise ValueError("no frames were recorded")
        self.process.stdin.close()
        error = self.process.stderr.read().decode("utf-8", "replace").strip()
        if self.process.wait() != 0:
            _discard(self.tmp)
            raise OSError(f"ffmpeg failed: {error.splitlines()[-1] if error else 'no message'}")
        os.replace(self.tmp, self.path)
        if progress is not None:
            progress(1.0)

    def cancel(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stderr):
                try:
                    stream.close()
                except OSError:
                    pass
            _discard(self.tmp)
            self.process = None
