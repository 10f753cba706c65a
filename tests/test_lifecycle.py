"""A small share of tools/stress_window.py: random sequences of run, pause, step, back, reset,
load, edit and close, with no exception, Qt warning, hang or training thread left running."""

from tools.stress_window import run_sequences


def test_random_lifecycles_end_cleanly(qapp):
    result = run_sequences(8, seed=2026, app=qapp)
    assert result["failures"] == []
    assert result["hangs"] == 0 and result["threads left running"] == 0
    assert result["actions"] >= 8 * 5
