"""Crash-safe saves (issue 6, item 4): a process killed (SIGKILL) at random moments while it saves
a weights file over and over leaves the file with either its complete old or its complete new
content, every time; the temporary files the killed writers leave are removed by the next save."""

import os
import random
import signal
import sys
import time

import numpy as np
import pytest

from mlpviz.core.files import read_weights, write_atomic, write_weights
from mlpviz.core.network import Network, parameter_layout

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

SIZES = (20, 200, 100, 10)  # ~25 000 weights: a file of 0.5 MB
KILLS = 60


def network(seed):
    rng = np.random.default_rng(seed)
    return Network(SIZES, "sigmoid", params=rng.normal(size=parameter_layout(SIZES)[2]))


def saving_forever(path, texts):
    """In a child process: save the texts in turn until killed."""
    pid = os.fork()
    if pid == 0:
        try:
            i = 0
            while True:
                write_atomic(path, texts[i % len(texts)])
                i += 1
        finally:
            os._exit(1)
    return pid


def test_killed_saves_leave_the_old_or_the_new_file(tmp_path):
    path = tmp_path / "trained-weights-biases.json"
    networks = [network(0), network(1)]
    texts = []  # the weights files as write_weights writes them, made once
    for n in networks:
        write_weights(path, n)
        texts.append(path.read_text(encoding="utf-8"))
    contents = {text.encode("utf-8"): i for i, text in enumerate(texts)}
    rng = random.Random(6)
    seen, start = set(), time.perf_counter()
    for kill in range(KILLS):
        pid = saving_forever(path, texts[::-1] if kill % 2 else texts)
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        data = path.read_bytes()
        assert data in contents, f"kill {kill}: the file is neither complete version " \
                                 f"({len(data)} bytes)"
        seen.add(contents[data])
        params = read_weights(path, SIZES)  # and it reads back as one of the two networks
        assert np.array_equal(params, networks[contents[data]].params)
    assert seen == {0, 1}  # the kills landed at different moments of the saving
    assert time.perf_counter() - start < 20
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    write_weights(path, networks[0])  # the next save clears what the killed writers left
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name], leftovers


def test_a_temporary_file_of_a_live_writer_is_left_alone(tmp_path):
    path = tmp_path / "w.json"
    other = tmp_path / f".w.json.{os.getppid()}.abc.tmp"  # a process that exists
    dead = tmp_path / ".w.json.999999999.abc.tmp"  # a pid no process has
    other.write_text("half a save")
    dead.write_text("half a save")
    write_atomic(path, "{}")
    assert other.exists() and not dead.exists()


def test_the_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    from mlpviz.core import file_writers
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(file_writers.os, "fsync", lambda fd: (calls.append(
        "folder" if os.path.isdir(f"/proc/self/fd/{fd}") else "file"), real_fsync(fd)))
    monkeypatch.setattr(file_writers.os, "replace", lambda a, b: (calls.append("rename"),
                                                           real_replace(a, b)))
    write_atomic(tmp_path / "w.json", "{}")
    if sys.platform.startswith("linux"):
        assert calls == ["file", "rename", "folder"]
