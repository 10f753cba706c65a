"""`mlpviz train` shows a progress bar on long runs: one line of stderr redrawn with carriage
returns, only on a terminal, only after the first second, never with --quiet."""

import io
import itertools
import sys

import pytest

from mlpviz import cli
from mlpviz.cli import main


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def slow_clock(monkeypatch):
    """Every look at the clock is 0.3 s later than the one before."""
    ticks = itertools.count()
    monkeypatch.setattr(cli.ProgressLine, "clock", staticmethod(lambda: 0.3 * next(ticks)))


def train(monkeypatch, tmp_path, stream, *options):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stderr", stream)
    return main(["train", "cheat-sheet", "--epochs", "40", *options])


def test_a_long_run_on_a_terminal_shows_a_bar(monkeypatch, tmp_path, capsys, slow_clock):
    stream = Terminal()
    assert train(monkeypatch, tmp_path, stream) == 0
    text = stream.getvalue()
    frames = [f for f in text.split("\r") if f.strip()]
    assert frames and all("epoch" in f and "step" in f and "loss" in f for f in frames)
    assert "[" in frames[-1] and "%" in frames[-1]
    assert text.endswith("\r")  # the bar is wiped before the summary is printed
    assert "\n" not in text  # it never scrolls the terminal
    assert "trained 40 steps" in capsys.readouterr().out


def test_no_bar_with_quiet(monkeypatch, tmp_path, slow_clock):
    stream = Terminal()
    assert train(monkeypatch, tmp_path, stream, "--quiet") == 0
    assert stream.getvalue() == ""


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch, tmp_path, slow_clock):
    stream = io.StringIO()
    assert train(monkeypatch, tmp_path, stream) == 0
    assert "\r" not in stream.getvalue()


def test_no_bar_in_the_first_second(monkeypatch, tmp_path):
    monkeypatch.setattr(cli.ProgressLine, "clock", staticmethod(lambda: 0.0))
    stream = Terminal()
    assert train(monkeypatch, tmp_path, stream) == 0
    assert stream.getvalue() == ""


def test_an_interrupted_run_wipes_the_bar_before_its_message(monkeypatch, tmp_path, slow_clock):
    from mlpviz.core.trainer import Trainer
    real_run, calls = Trainer.run, itertools.count()

    def run(self, steps):
        if next(calls) == 5:
            raise KeyboardInterrupt
        return real_run(self, steps)

    monkeypatch.setattr(Trainer, "run", run)
    stream = Terminal()
    assert train(monkeypatch, tmp_path, stream) == 130  # SPEC section 10: Ctrl-C exits 130
    assert "\r" in stream.getvalue()
    assert stream.getvalue().endswith("\rmlpviz: interrupted\n")
