"""The classroom rehearsal on a real X server (Xvfb + openbox + xdotool): tools/rehearse.py.

Skipped where those programs are missing (`.ci/run` installs them on Debian/Ubuntu). The whole
demo at 1024×768 (the projector) runs with the rest of the suite; set MLPVIZ_REHEARSE_SIZES to
e.g. "1024x768,1280x720,1920x1080" for more sizes, or run `python tools/rehearse.py`.
"""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
sys.path.insert(0, str(TOOLS))

import rehearse  # noqa: E402

pytestmark = [
    pytest.mark.rehearsal,
    pytest.mark.skipif(bool(rehearse.missing_programs()),
                       reason=f"rehearsal needs {', '.join(rehearse.missing_programs())} "
                              f"(apt-get install xvfb openbox xdotool imagemagick)"),
]

TINY_APP = textwrap.dedent("""
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel("hello")
    label.setWindowTitle("tiny")
    label.show()
    app.exec()
""")


@pytest.fixture
def screen(tmp_path):
    s = rehearse.Screen("800x600", tmp_path, rehearse.display_numbers())
    yield s
    s.close()


def _tiny_app(screen):
    env = dict(screen.env, QT_QPA_PLATFORM="xcb")
    process = subprocess.Popen([sys.executable, "-c", TINY_APP], env=env)
    end = time.monotonic() + 30
    while not screen.x.clients(process.pid):
        assert time.monotonic() < end and process.poll() is None, "the window never showed"
        time.sleep(0.1)
    return process


def test_the_checks_see_a_stuck_app_and_its_windows(screen):
    """The rehearsal's own checks: a frozen event loop does not answer a ping; its window is
    found, inside the screen, by its process id."""
    process = _tiny_app(screen)
    try:
        [window] = screen.x.clients(process.pid)
        assert screen.x.title(window) == "tiny"
        x, y, width, height = screen.x.geometry(window)
        assert 0 <= x and 0 <= y and x + width <= 800 and y + height <= 600
        assert screen.x.ping(window, 2.0) is not None
        os.kill(process.pid, signal.SIGSTOP)  # as stuck as a modal dialog loop gone wrong
        assert screen.x.ping(window, 0.5) is None
        os.kill(process.pid, signal.SIGCONT)
        assert screen.x.ping(window, 2.0) is not None
    finally:
        process.kill()
        process.wait()


@pytest.mark.skipif(os.environ.get("MLPVIZ_REHEARSE") != "1",
                    reason="the whole demo runs when MLPVIZ_REHEARSE=1 (.ci/run sets it)")
def test_the_classroom_demo(tmp_path):
    # The first size starts on an empty compile cache (issue 11, #17): the first update waits
    # for the training loop to compile, the window says so and answers meanwhile.
    sizes = os.environ.get("MLPVIZ_REHEARSE_SIZES", "1024x768").split(",")
    failures = rehearse.rehearse(sizes, tmp_path / "rehearsal", cold_first=True)
    assert not failures, "\n".join(failures) + f"\nscreenshots: {tmp_path / 'rehearsal'}"
