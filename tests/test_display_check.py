"""Defect 22: without a display, or without the X libraries Qt needs, `mlpviz` said nothing useful
and aborted (exit 134). Now: one line naming what is missing and how to get it, exit 2."""

import os
import subprocess
import sys

import pytest

from mlpviz.gui.display_check import NO_DISPLAY, XCB_LIBRARIES, problem

ALL_THERE = dict(load=lambda name: True, connect=lambda display: True)


def test_no_display_on_linux_points_to_train():
    assert problem({}, "linux", **ALL_THERE) == NO_DISPLAY
    assert "mlpviz train" in NO_DISPLAY


def test_macos_windows_and_chosen_platforms_are_left_to_qt():
    assert problem({}, "darwin", **ALL_THERE) is None
    assert problem({}, "win32", **ALL_THERE) is None
    assert problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", **ALL_THERE) is None
    assert problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", **ALL_THERE) is None


def test_a_display_with_every_library_is_fine():
    assert problem({"DISPLAY": ":0"}, "linux", **ALL_THERE) is None


def test_missing_libraries_are_named_with_their_packages():
    gone = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    line = problem({"DISPLAY": ":0"}, "linux", load=lambda name: name not in gone,
                   connect=lambda display: True)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in line
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in line
    assert "\n" not in line and "cursor" not in line  # Qt named xcb-cursor0 here


def test_xcb_asked_for_without_display():
    assert problem({"QT_QPA_PLATFORM": "xcb"}, "linux", **ALL_THERE) == NO_DISPLAY


def test_a_display_nobody_answers_on():
    line = problem({"DISPLAY": ":99"}, "linux", load=lambda name: True,
                   connect=lambda display: False)
    assert "DISPLAY=:99" in line and "mlpviz train" in line


def test_every_library_has_a_debian_package():
    assert all(name.startswith("lib") and ".so." in name for name in XCB_LIBRARIES)
    assert all(XCB_LIBRARIES.values())


def _mlpviz(env):
    return subprocess.run([sys.executable, "-m", "mlpviz"], env=env, capture_output=True,
                          text=True, timeout=60)


def _clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_the_real_command_without_a_display_exits_2_with_one_line():
    result = _mlpviz(_clean_env())
    assert result.returncode == 2
    assert result.stderr.strip() == NO_DISPLAY


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_the_real_command_names_a_library_that_does_not_load(tmp_path):
    # A file that is not a library, found first: Qt's xcb plugin would abort on it (exit 134).
    (tmp_path / "libxcb-icccm.so.4").write_text("not a library")
    result = _mlpviz(_clean_env(DISPLAY=":0", LD_LIBRARY_PATH=str(tmp_path)))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "libxcb-icccm.so.4" in lines[0] and "apt-get install libxcb-icccm4" in lines[0]


def test_what_qt_itself_needs_is_named_for_any_platform():
    """A fresh Debian has no libglib2.0-0: QtCore cannot load, offscreen too (a traceback)."""
    line = problem({"QT_QPA_PLATFORM": "offscreen"}, "linux",
                   load=lambda name: not name.startswith(("libglib", "libgthread")),
                   connect=lambda display: True)
    assert "libglib-2.0.so.0, libgthread-2.0.so.0" in line
    assert line.count("libglib2.0-0") == 1 and "apt-get install libglib2.0-0 " in line
    line = problem({"DISPLAY": ":0"}, "linux", load=lambda name: name != "libfreetype.so.6",
                   connect=lambda display: True)
    assert "apt-get install libfreetype6 " in line


def test_the_readme_installs_every_package_named():
    """The README's apt-get line (before its first command) holds every package named here."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    apt = next(line for line in readme.splitlines() if "apt-get install python3-venv" in line)
    assert readme.index(apt) < readme.index(".venv/bin/mlpviz")
    assert set(XCB_LIBRARIES.values()) <= set(apt.split())
