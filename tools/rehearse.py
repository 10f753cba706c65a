"""Rehearse the classroom demo on real screens: the real app under Xvfb with a window manager
(openbox), driven by real key presses and clicks (xdotool), a screenshot after every action.

    python tools/rehearse.py [--sizes 1024x768,1280x720,1920x1080] [--out rehearsal]

For each screen size it starts its own X display, then does what a teacher does: → five times,
clicks h1 and w5, Space, Return to run and Return to pause, + and −, Ctrl+R, F5 (clicks h1 and
w5 there, → and Backspace) and Escape, opens a broken config and a CSV with the wrong columns by
mistake (File ▸ Open, Ctrl+L), clicks OK, types into the η box and presses Return, carries on,
and lets autoplay (A) walk through the phases. The first size starts on an empty compile cache
(--warm: not): the first update then waits for the training loop to compile, and the window
must say so and answer meanwhile. After every action it checks:

  - the app is still running, and answers a _NET_WM_PING within 2 s (its event loop is free);
  - every window of the app lies inside the screen;
  - the number of windows is what the action leaves (no dialog left open, none stacked);
  - nothing new on the app's stderr (Qt warnings, tracebacks);
  - what the action should have done, read from the window (MLPVIZ_PROBE, mlpviz/gui/probe.py);
  - at the start and in presentation mode, what the back row reads: the loss plot's curves at
    least LOSS_CURVES_PX high where it shows (in proportion in presentation mode), the numbers
    in the neurons as large as those on the edges, the status message whole.

It prints one line per failure and exits 1 if there was any. Screenshots: OUT/SIZE/NN-action.png;
look at them. Needs Xvfb, openbox, xdotool and ImageMagick's `import` (see README).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import x11  # noqa: E402

SIZES = ["1024x768", "1280x720", "1920x1080"]
PROGRAMS = ["Xvfb", "openbox", "xdotool", "import"]
ANSWER_WITHIN = 2.0  # seconds
START_WITHIN = 60.0  # seconds for the first window
COMPILE_WITHIN = 240.0  # seconds for the first update on a cold compile cache (busy machine)
SETTLE = 0.5  # seconds after an action before looking


def missing_programs():
    return [p for p in PROGRAMS if shutil.which(p) is None]


class Screen:
    """An Xvfb display of the given size with openbox managing its windows."""

    def __init__(self, size, logs, displays=None):
        """`displays`: the display numbers it may use (first free one), e.g. range(21, 30);
        None: any free one (Xvfb -displayfd)."""
        self.size = tuple(int(v) for v in size.split("x"))
        number = self._start(size, logs, displays)
        if not number:
            raise RuntimeError("Xvfb did not start (see xvfb.log)")
        self.name = f":{number}"
        self.env = dict(os.environ, DISPLAY=self.name)
        self.env.pop("WAYLAND_DISPLAY", None)
        self.wm = subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL,
                                   stderr=open(logs / "openbox.log", "w"))
        self.x = x11.Display(self.name)
        _wait(lambda: self.x.atom("_NET_SUPPORTING_WM_CHECK") and
              self.x._longs(self.x.root, "_NET_SUPPORTING_WM_CHECK"), 10, "openbox to start")

    def _start(self, size, logs, displays):
        """Start Xvfb; its display number (None if it did not start)."""
        command = ["-screen", "0", f"{size}x24", "-nolisten", "tcp"]
        log = open(logs / "xvfb.log", "w")
        if displays is None:
            read, write = os.pipe()
            self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), *command],
                                         pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=log)
            os.close(write)
            with os.fdopen(read) as pipe:
                return pipe.readline().strip() or None
        for number in displays:
            if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
                continue
            self.xvfb = subprocess.Popen(["Xvfb", f":{number}", *command],
                                         stdout=subprocess.DEVNULL, stderr=log)
            end = time.monotonic() + 10
            while time.monotonic() < end and self.xvfb.poll() is None:
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    return str(number)
                time.sleep(0.05)
            if self.xvfb.poll() is None:
                self.xvfb.kill()
        return None

    def run(self, *command):
        subprocess.run(command, env=self.env, check=True, timeout=20)

    def key(self, *keys):
        self.run("xdotool", "key", "--delay", "80", *keys)

    def type(self, text):
        self.run("xdotool", "type", "--delay", "15", text)

    def click(self, x, y):
        self.run("xdotool", "mousemove", str(int(x)), str(int(y)), "sleep", "0.2", "click", "1")

    def screenshot(self, path):
        self.run("import", "-window", "root", str(path))

    def close(self):
        self.x.close()
        for process in (self.wm, self.xvfb):
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()


class App:
    """The real mlpviz on a Screen, with its stderr and its probe file."""

    def __init__(self, screen, command, folder, cold):
        self.probe_path = folder / "probe.json"
        self.stderr_path = folder / "stderr.txt"
        env = dict(screen.env, QT_QPA_PLATFORM="xcb", MLPVIZ_PROBE=str(self.probe_path),
                   XDG_CONFIG_HOME=str(folder / "config"))  # remembered settings start empty
        if cold:  # the first update compiles the training loop
            env["NUMBA_CACHE_DIR"] = str(folder / "numba-cache")
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                        stderr=open(self.stderr_path, "w"), cwd=folder)
        self.stderr_seen = 0

    def probe(self):
        try:
            return json.loads(self.probe_path.read_text())
        except (OSError, ValueError):
            return {}

    def new_stderr(self):
        text = self.stderr_path.read_text(errors="replace")
        new, self.stderr_seen = text[self.stderr_seen:], len(text)
        return new.strip()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _wait(predicate, timeout, what):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"waited {timeout:g} s for {what}")


class Rehearsal:
    """One size: the screen, the app, the actions, the checks, the screenshots."""

    def __init__(self, size, out, command, cold, displays=None):
        self.folder = out / size
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.size, self.failures, self.count = size, [], 0
        self.screen = Screen(size, self.folder, displays)
        self.app = App(self.screen, command, self.folder, cold)

    def fail(self, action, text):
        self.failures.append(f"{self.size} {self.count:02d}-{action}: {text}")

    def windows(self):
        return self.screen.x.clients(self.app.process.pid)

    def wait_probe(self, predicate, timeout=ANSWER_WITHIN):
        """The probe's state once `predicate` holds for it, or None after `timeout`."""
        end = time.monotonic() + timeout
        while True:
            state = self.app.probe()
            if state and predicate(state):
                return state
            if time.monotonic() > end:
                return None
            time.sleep(0.1)

    def act(self, action, do, windows=1, expect=None, why="", settle=SETTLE):
        """Do an action, then check the app and the screen and take a screenshot."""
        self.count += 1
        do()
        time.sleep(settle)
        alive = self.check(action, windows)
        if alive and expect is not None and self.wait_probe(expect) is None:
            self.fail(action, why or "the window did not show what the action should do")
        self.screen.screenshot(self.folder / f"{self.count:02d}-{action}.png")
        return alive

    def check(self, action, windows):
        if self.app.process.poll() is not None:
            self.fail(action, f"the app exited with status {self.app.process.returncode}: "
                              f"{self.app.new_stderr()[-500:]}")
            return False
        stderr = self.app.new_stderr()
        if stderr:
            self.fail(action, f"stderr: {stderr[:500]}")
        found = self._settled_windows(windows)
        if len(found) != windows:
            titles = [self.screen.x.title(w) for w in found]
            self.fail(action, f"{len(found)} windows open, expected {windows}: {titles}")
        width, height = self.screen.size
        for w in found:
            x, y, w_, h = self.screen.x.geometry(w)
            if x < 0 or y < 0 or x + w_ > width or y + h > height:
                self.fail(action, f"window '{self.screen.x.title(w)}' at {x},{y} size "
                                  f"{w_}×{h} does not fit the {width}×{height} screen")
        for w in found[:1]:
            answered = self.screen.x.ping(w, ANSWER_WITHIN)
            if answered is None:
                self.fail(action, f"no answer within {ANSWER_WITHIN:g} s")
        return True

    def _settled_windows(self, expected):
        """The app's windows, waiting up to 2 s for their number to become `expected`."""
        end = time.monotonic() + ANSWER_WITHIN
        while True:
            found = self.windows()
            if len(found) == expected or time.monotonic() > end:
                return found
            time.sleep(0.1)

    def close(self):
        self.app.stop()
        self.screen.close()


def write_bad_files(folder):
    bad_config = folder / "bad.json"
    bad_config.write_text('{"title": "a config cut off in the middle", "hiddenLayers": [2,\n')
    bad_csv = folder / "wrong-columns.csv"
    bad_csv.write_text("x1,x2,y1\n0.05,0.1,0.01\n0.1,0.2,0.02\n")
    return bad_config, bad_csv


def accept_file_dialog(r):
    """Return in a file dialog; a second one if the first only took the name the file name
    box completed (its completion list was open)."""
    r.screen.key("Return")
    time.sleep(0.8)
    titles = [r.screen.x.title(w) for w in r.windows()]
    if any(t.startswith(("Open", "Load")) for t in titles):  # the file dialog is still there
        r.screen.key("Return")


def wait_for_update(r, step):
    """The update → asked for arrives within 2 s; on a cold compile cache the window says it is
    preparing the training loop (a busy indicator), answers all the while (a ping every second),
    and the update arrives once it is compiled."""
    if r.wait_probe(lambda p: p.get("step") == step) is not None:
        return True
    if not r.app.probe().get("preparing"):
        r.fail("right-5", "five → did not make exactly one update within 2 s, and the window "
                          "does not say it is preparing the training loop")
        return False
    r.count += 1
    r.screen.screenshot(r.folder / f"{r.count:02d}-preparing.png")
    end = time.monotonic() + COMPILE_WITHIN
    while time.monotonic() < end:
        if r.wait_probe(lambda p: p.get("step") == step, timeout=1.0) is not None:
            return r.act("update-arrived", lambda: None)
        if not r.check("preparing", 1):
            return False
    r.fail("preparing", f"the update did not arrive within {COMPILE_WITHIN:g} s")
    return False


def click_h1_and_w5(r, when=""):
    """Click neuron h1, then weight w5, where the window says they are; each is selected."""
    probe = r.app.probe()
    for name, kind in (("h1", "neurons"), ("w5", "weights")):
        where = probe.get(kind, {}).get(name)
        if where is None:
            r.fail(f"click-{name}{when}", f"{name} is not on the screen")
            continue
        r.act(f"click-{name}{when}", lambda: r.screen.click(*where),
              expect=lambda p, name=name: p.get("selected") == name,
              why=f"a click on {name} did not select it")


def autoplay(r):
    """A: the phases one after another at the autoplay pace, the selection (and the math panel)
    following; A again stops it."""
    s, before = r.screen, r.app.probe()
    moved = lambda p: p.get("autoplay") and (p.get("phase"), p.get("step")) != (  # noqa: E731
        before.get("phase"), before.get("step"))
    if r.act("autoplay", lambda: s.key("a"), expect=moved,
             why="A: autoplay did not start walking the phases"):
        first = r.app.probe()
        r.act("autoplay-next", lambda: time.sleep(2.0),
              expect=lambda p: (p.get("phase"), p.get("step"), p.get("selected")) !=
              (first.get("phase"), first.get("step"), first.get("selected")),
              why="autoplay did not go on to the next phase within its pace (2 s)")
        r.act("autoplay-stop", lambda: s.key("a"), expect=lambda p: p.get("autoplay") is False,
              why="A again did not stop autoplay")


LOSS_CURVES_PX = 71  # the loss plot's least curves' height (panels/loss_plot.MIN_CURVES_PX, 72)


def _readable(p, least):
    """The probe's `readable` (mlpviz/gui/probe.py) holds what the back row needs."""
    seen = p.get("readable") or {}
    curves, neuron, edge = seen.get("loss_curves_px"), seen.get("neuron_pt"), seen.get("edge_pt")
    if curves is not None and curves < least:
        return False
    if p.get("presentation") and neuron is not None and edge is not None and neuron < edge - 0.01:
        return False
    return bool(seen.get("message_whole", True))


def demo(r):
    """What a teacher does in front of the class, action by action."""
    s = r.screen
    try:
        _wait(lambda: r.windows() and r.app.probe().get("neurons"), START_WITHIN,
              "the window to show the graph")
    except TimeoutError as e:
        r.fail("start", f"{e}; stderr: {r.app.new_stderr()[-500:]}")
        return
    all_numbers = lambda p: all(shown == there for shown, there in  # noqa: E731
                                (p.get("numbers") or {"-": [0, 1]}).values())
    # the back row: the loss plot's curves not squeezed, the activations as large as the edge
    # numbers in presentation mode, the status message whole (issue 11)
    readable = lambda p, least=LOSS_CURVES_PX: _readable(p, least)  # noqa: E731
    if not r.act("start", lambda: None, expect=all_numbers,
                 why=f"the graph hides some of its numbers: {r.app.probe().get('numbers')}"):
        return
    if not readable(r.app.probe()):
        r.fail("start", f"not readable from the back row: {r.app.probe().get('readable')}")
    for k in range(1, 5):
        if not r.act(f"right-{k}", lambda: s.key("Right"), expect=lambda p, k=k: p.get("phase") == k,
                     why=f"→ {k} times: not phase {k}"):
            return
    if not r.act("right-5", lambda: s.key("Right")):
        return
    if not wait_for_update(r, 1):
        return
    click_h1_and_w5(r)
    steps = [
        ("space", lambda: s.key("space"), lambda p: p.get("step") == 2, "Space: not step 2"),
        ("return-run", lambda: s.key("Return"),
         lambda p: p.get("running") and p.get("run_text") == "Pause",
         "Return: not running with a Pause button"),
        ("return-pause", lambda: s.key("Return"),
         lambda p: p.get("running") is False and p.get("run_text") == "Run",
         "Return: not paused with a Run button"),
        ("plus", lambda: s.key("plus"), None, ""),
        ("minus", lambda: s.key("minus"), None, ""),
        ("ctrl-r", lambda: s.key("ctrl+r"), lambda p: p.get("step") == 0, "Ctrl+R: not step 0"),
        ("f5", lambda: s.key("F5"),
         lambda p: p.get("presentation") and p.get("full_screen") and all_numbers(p)
         and {"rate_box", "speed_box"} <= set(p.get("widgets", {}))
         and readable(p, LOSS_CURVES_PX * 16 / 11),
         "F5: not presentation mode, full screen, with every number and η and the speed, "
         "readable from the back row (loss plot, neuron numbers, status message)"),
    ]
    in_presentation = [
        ("right-f5", lambda: s.key("Right"), lambda p: p.get("phase") == 1, "→: not phase 1"),
        ("backspace-f5", lambda: s.key("BackSpace"),
         lambda p: p.get("phase") is None and p.get("step") == 0,
         "Backspace in the middle of an update: not back at its start (step 0)"),
        ("escape", lambda: s.key("Escape"),
         lambda p: p.get("presentation") is False and all_numbers(p),
         "Escape did not leave presentation mode with every number shown"),
    ]
    for name, do, expect, why in steps:
        settle = 1.5 if name in ("return-run", "f5", "escape") else SETTLE
        if not r.act(name, do, expect=expect, why=why, settle=settle):
            return
    click_h1_and_w5(r, "-f5")  # the numbers of the back row, large
    for name, do, expect, why in in_presentation:
        settle = 1.5 if name == "escape" else SETTLE
        if not r.act(name, do, expect=expect, why=why, settle=settle):
            return
    bad_config, bad_csv = write_bad_files(r.folder)
    for name, key, path in (("open", "ctrl+o", bad_config), ("load-csv", "ctrl+l", bad_csv)):
        if not (r.act(f"{name}-dialog", lambda: s.key(key), windows=2)
                and r.act(f"{name}-type-name", lambda: s.type(str(path)), windows=2)
                and r.act(f"{name}-error", lambda: accept_file_dialog(r), windows=2,
                          expect=lambda p: p.get("modal_kind") == "QMessageBox",
                          why="no error message on top")
                and r.act(f"{name}-ok", lambda: s.key("Return"), windows=1,
                          expect=lambda p: not p.get("modal"), why="a dialog is still open")):
            return
    rate_box = r.app.probe().get("widgets", {}).get("rate_box")
    if rate_box is not None:
        r.act("click-eta", lambda: s.click(*rate_box))
        before = r.app.probe()
        r.act("eta-return", lambda: s.key("Return"),
              expect=lambda p: p.get("running") is False and p.get("step") == before.get("step"),
              why="Return typed in the η box ran or stepped the network")
    r.act("carry-on-space", lambda: s.key("space"),
          expect=lambda p: p.get("step") == (before.get("step") or 0) + 1 if rate_box else True,
          why="Space after the errors did not step")
    r.act("carry-on-right", lambda: s.key("Right"))
    autoplay(r)
    r.count += 1
    s.key("ctrl+q")
    try:
        r.app.process.wait(10)
    except subprocess.TimeoutExpired:
        r.fail("quit", "Ctrl+Q did not end the app within 10 s")
        return
    if r.app.process.returncode != 0:
        r.fail("quit", f"exit status {r.app.process.returncode}")
    stderr = r.app.new_stderr()
    if stderr:
        r.fail("quit", f"stderr: {stderr[:500]}")


def display_numbers(text=None):
    """The display numbers a rehearsal may use, from "21-29" (or MLPVIZ_REHEARSE_DISPLAYS);
    None (any free one) when neither says."""
    text = text or os.environ.get("MLPVIZ_REHEARSE_DISPLAYS")
    if not text:
        return None
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def rehearse(sizes=SIZES, out=Path("rehearsal"), command=None, cold_first=True, displays=None):
    """Run the demo at each size; the list of failures (empty: it went well)."""
    displays = displays if displays is not None else display_numbers()
    missing = missing_programs()
    if missing:
        return [f"cannot rehearse: {', '.join(missing)} not installed (see README)"]
    command = command or [sys.executable, "-m", "mlpviz"]
    failures = []
    for k, size in enumerate(sizes):
        r = Rehearsal(size, Path(out).resolve(), command, cold=cold_first and k == 0,
                      displays=displays)
        try:
            demo(r)
        finally:
            r.close()
        failures += r.failures
        print(f"{size}: {r.count} actions, {len(r.failures)} failures; screenshots in "
              f"{r.folder}", flush=True)
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--out", type=Path, default=Path("rehearsal"))
    parser.add_argument("--app", help="the command that starts mlpviz (default: this Python "
                                      "with -m mlpviz)")
    parser.add_argument("--warm", action="store_true",
                        help="keep the compile cache (default: the first size starts cold)")
    parser.add_argument("--displays", help="X display numbers to use, e.g. 21-29 (default: "
                                           "MLPVIZ_REHEARSE_DISPLAYS, else any free one)")
    args = parser.parse_args(argv)
    command = args.app.split() if args.app else None
    failures = rehearse(args.sizes.split(","), args.out, command, cold_first=not args.warm,
                        displays=display_numbers(args.displays))
    for line in failures:
        print(f"FAIL {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
