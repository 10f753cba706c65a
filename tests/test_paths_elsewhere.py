"""Files that point elsewhere (issue 6, item 3): a config that would make mlpviz write outside
its own folder is caught before anything is written; no file is ever executed or unpickled."""

import json
import re
import shutil
from pathlib import Path

import pytest

from mlpviz.cli import main
from mlpviz.core import examples
from mlpviz.core.config import Config, load_config

PACKAGE = Path(__file__).resolve().parent.parent / "mlpviz"


def config_with(folder, **paths):
    folder.mkdir(parents=True, exist_ok=True)
    return Config(inputNodes=2, outputNodes=1, folder=folder, **paths)


@pytest.mark.parametrize("value, outside", [
    ("trained.json", False),
    ("results/trained.json", False),
    ("./a/../trained.json", False),
    ("../trained.json", True),
    ("../../.bashrc", True),
    ("/etc/passwd", True),
    ("results/../../x.json", True),
])
def test_outside_folder_names_the_keys_that_leave_it(tmp_path, value, outside):
    config = config_with(tmp_path / "cfg", trainedWeightsBiasesJSONFile=value)
    found = config.outside_folder()
    assert [key for key, _ in found] == (["trainedWeightsBiasesJSONFile"] if outside else [])


def test_a_symbolic_link_out_of_the_folder_counts_as_outside(tmp_path):
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "link").symlink_to(tmp_path)
    config = config_with(tmp_path / "cfg", minMaxJSONFile="link/minmax.json")
    assert [key for key, _ in config.outside_folder()] == ["minMaxJSONFile"]


def test_unset_paths_are_not_outside(tmp_path):
    config = config_with(tmp_path, trainedWeightsBiasesJSONFile=None, minMaxJSONFile=None)
    assert config.outside_folder() == []


def hostile_example(tmp_path, **changes):
    folder = tmp_path / "downloads" / "lesson"
    shutil.copytree(examples.config_path("worked-example").parent, folder)
    doc = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    doc.update(changes)
    (folder / "config.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder / "config.json"


def test_train_refuses_to_write_outside_the_configs_folder(tmp_path, capsys):
    victim = tmp_path / ".bashrc"
    victim.write_text("echo hello\n")
    config = hostile_example(tmp_path, trainedWeightsBiasesJSONFile="../../.bashrc")
    status = main(["train", str(config), "--quiet"])
    err = capsys.readouterr().err
    assert status == 2
    assert "trainedWeightsBiasesJSONFile" in err and "outside the config's folder" in err
    assert "--weights-out" in err and len(err.strip().splitlines()) == 1
    assert victim.read_text() == "echo hello\n"  # untouched
    assert not (config.parent / "minmax.json").exists()  # nothing at all was written


def test_train_writes_outside_when_the_command_line_says_so(tmp_path, capsys):
    config = hostile_example(tmp_path, trainedWeightsBiasesJSONFile="../trained.json",
                             minMaxJSONFile="../../minmax.json")
    status = main(["train", str(config), "--quiet", "--weights-out", str(tmp_path / "w.json"),
                   "--minmax-out", str(tmp_path / "m.json")])
    assert status == 0, capsys.readouterr().err
    assert (tmp_path / "w.json").exists() and (tmp_path / "m.json").exists()


def test_the_bundled_examples_name_nothing_outside_their_folders():
    for name in examples.names():
        assert load_config(examples.config_path(name)).outside_folder() == []


def test_no_file_is_ever_executed_or_unpickled():
    """No eval, exec, compile, pickle, marshal, shelve, yaml or shell anywhere in the package
    (Qt's dialog.exec() is a method, not the builtin), and no program run but ffmpeg."""
    forbidden = re.compile(r"(^|[^.\w])(eval|exec|compile|__import__)\s*\(|\bpickle\b|\bmarshal\b"
                           r"|\bshelve\b|\bos\.system\b|\bsubprocess\b|allow_pickle|\byaml\b")
    hits = [f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
            for path in PACKAGE.rglob("*.py")
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if forbidden.search(line)]
    # The one program mlpviz runs: ffmpeg, found on PATH by name or as the imageio-ffmpeg
    # package's own binary (never a path from a file), with an argument list (no shell), to
    # encode an MP4 recording (core/animation.py).
    # And this Python itself, on mlpviz's own module that compiles the training loop into
    # numba's cache (gui/run/warm_up.py, issue 11 #17: in the window's process it froze it).
    assert [h for h in hits if not h.startswith(("core/animation.py:",
                                                 "gui/run/warm_up.py:"))] == []
    recorder = (PACKAGE / "core" / "animation.py").read_text(encoding="utf-8")
    assert "shell=" not in recorder and 'shutil.which("ffmpeg")' in recorder
    warm_up = (PACKAGE / "gui" / "run" / "warm_up.py").read_text(encoding="utf-8")
    assert "shell=" not in warm_up
    assert '[sys.executable, "-m", "mlpviz.core.compile_cache"]' in warm_up
    assert "imageio_ffmpeg.get_ffmpeg_exe()" in recorder
    assert len([h for h in hits if "Popen" in h and h.startswith("core/animation.py:")]) == 1
    assert len([h for h in hits if "Popen" in h]) == 2  # ffmpeg, and the compile (warm_up.py)


def test_the_window_never_writes_where_a_config_points(qtbot, tmp_path, monkeypatch):
    """The window saves only where the user picks in a Save dialog, never to a path a config
    names, so a config pointing at ../../.bashrc cannot make it write there."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from mlpviz.gui.main_window import MainWindow

    victim = tmp_path / ".bashrc"
    victim.write_text("echo hello\n")
    config = hostile_example(tmp_path, trainedWeightsBiasesJSONFile="../../.bashrc",
                             minMaxJSONFile="../../.bashrc")
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: None)
    chosen = iter(str(tmp_path / name) for name in ("w.json", "m.json"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (next(chosen), ""))
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(window, before_close_func=lambda w: w.model.shutdown())
    assert window.open_config(config)
    assert window.files.save_weights() and window.files.save_minmax()
    assert window.files.save_config()  # over its own file, config.json
    assert window.files.save_config_as(tmp_path / "again.json")
    assert victim.read_text() == "echo hello\n"
    assert {p.name for p in tmp_path.iterdir()} >= {"w.json", "m.json", "again.json"}
