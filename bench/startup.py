"""How fast mlpviz starts: the real app under Xvfb (with openbox), side by side with an empty Qt
window, and `mlpviz --version` / `--help` side by side with a bare Python.

Each launch is a new process on a fresh X display; the clock runs from the launch to the moment
the window is mapped (`xdotool search --onlyvisible --name …` polled every 10 ms). The first
launch of each kind warms the disk cache and numba's cache and is not counted ("warm" figures,
as a class sees them from the second start on). Settings go to a temporary folder, so the
benchmark neither reads nor changes yours. Targets (issue 10): the window mapped ≤ 1.0 s (warm
median), `--version` and `--help` ≤ 0.3 s.

    python bench/startup.py [--runs 7]

Needs Xvfb, openbox and xdotool (`apt-get install -y xvfb openbox xdotool`).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMPTY_WINDOW = ("import sys\nfrom PySide6.QtWidgets import QApplication, QMainWindow\n"
                "app = QApplication(sys.argv[:1])\nw = QMainWindow()\n"
                "w.setWindowTitle('empty — mlpviz-bench')\nw.resize(800, 600)\nw.show()\n"
                "app.exec()\n")


def launch_env(**extra):
    """The environment of a launch: as an installed mlpviz has it, with its bytecode cached (a
    PYTHONDONTWRITEBYTECODE left set would compile every module from source at every start)."""
    env = dict(os.environ, **extra)
    for name in ("WAYLAND_DISPLAY", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


class Display:
    """Xvfb (and openbox) on a random free display number, stopped on exit."""

    def __init__(self, size="1280x1024x24", wm=True):
        self.number = random.randint(200, 900)
        while Path(f"/tmp/.X11-unix/X{self.number}").exists():
            self.number = random.randint(200, 900)
        self.name = f":{self.number}"
        self.xvfb = subprocess.Popen(["Xvfb", self.name, "-screen", "0", size, "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{self.number}").exists():
            if time.monotonic() > deadline or self.xvfb.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.02)
        self.wm = subprocess.Popen(["openbox"], env=self.env(), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL) if wm else None
        time.sleep(0.3 if wm else 0)

    def env(self, **extra):
        return launch_env(DISPLAY=self.name, QT_QPA_PLATFORM="xcb", **extra)

    def close(self):
        for process in (self.wm, self.xvfb):
            if process is not None:
                process.terminate()
                process.wait(5)


def time_to_window(display, command, title, timeout=30.0):
    """Seconds from launching `command` to a visible window whose name contains `title`."""
    config = tempfile.mkdtemp(prefix="mlpviz-bench-")
    env = display.env(XDG_CONFIG_HOME=config, HOME=config)
    started = time.perf_counter()
    app = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - started < timeout:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                                   env=env, capture_output=True, text=True)
            if found.stdout.strip():
                return time.perf_counter() - started
            if app.poll() is not None:
                raise RuntimeError(f"{command} ended: {app.stderr.read().decode()[-400:]}")
            time.sleep(0.01)
        raise RuntimeError(f"no window '{title}' within {timeout} s")
    finally:
        app.terminate()
        try:
            app.wait(5)
        except subprocess.TimeoutExpired:
            app.kill()
        shutil.rmtree(config, ignore_errors=True)


def time_command(command):
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=launch_env())
    return time.perf_counter() - started


def warm_median(measure, runs):
    measure()  # warms the disk cache (and numba's): not counted
    times = [measure() for _ in range(runs)]
    return statistics.median(times), min(times), max(times)


def mlpviz_command():
    script = shutil.which("mlpviz")
    if script and Path(script).resolve().parent == Path(sys.executable).resolve().parent:
        return [script]
    return [sys.executable, "-m", "mlpviz"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    mlpviz = mlpviz_command()
    rows = []
    for name, command in (("--version", mlpviz + ["--version"]), ("--help", mlpviz + ["--help"]),
                          ("bare python", [sys.executable, "-c", "pass"])):
        rows.append((name, *warm_median(lambda c=command: time_command(c), args.runs)))
    display = Display()
    try:
        for name, command, title in (
                ("window (mlpviz)", mlpviz, "mlpviz"),
                ("empty Qt window", [sys.executable, "-c", EMPTY_WINDOW], "mlpviz-bench")):
            rows.append((name, *warm_median(
                lambda c=command, t=title: time_to_window(display, c, t), args.runs)))
    finally:
        display.close()
    figures = {name: median for name, median, _, _ in rows}
    load = os.getloadavg()[0]
    print(f"startup, warm, {args.runs} runs each (median, min, max in seconds); "
          f"load average {load:.1f} on {os.cpu_count()} cores (figures stretch with it)")
    for name, median, low, high in rows:
        print(f"  {name:18s} {median:6.3f}  {low:6.3f}  {high:6.3f}")
    print(f"  ratios: window / empty Qt window = "
          f"{figures['window (mlpviz)'] / figures['empty Qt window']:.2f}×, "
          f"--version / bare python = {figures['--version'] / figures['bare python']:.2f}×")
    for name, target in (("window (mlpviz)", 1.0), ("--version", 0.3), ("--help", 0.3)):
        verdict = "PASS" if figures[name] <= target else "MISS"
        print(f"  target {name} ≤ {target} s: {verdict} ({figures[name]:.3f} s)")


if __name__ == "__main__":
    main()
