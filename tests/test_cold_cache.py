"""#17 (issue 11): the first update on a cold compile cache froze the window for seconds with no
sign of life. In a process of its own with an empty NUMBA_CACHE_DIR (tests/cold_start.py): Space
at once; the event loop answers within 0.5 s throughout, the status bar says it is preparing the
training loop beside a busy indicator, and the update arrives once it is compiled."""

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LONGEST_GAP = 0.5  # seconds the event loop may take to answer


def test_the_window_answers_while_the_training_loop_compiles(tmp_path):
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba-cache"),
               QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(HERE / "cold_start.py"), "240"], env=env,
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["asked"], "Space did not ask for an update"
    assert seen["arrived"] is not None, f"the update never arrived: {seen}"
    assert seen["busy"] and seen["message"], f"no sign of preparing: {seen}"
    assert seen["longest"] < LONGEST_GAP, f"the event loop stalled: {seen}"
    assert any((tmp_path / "numba-cache").rglob("*.nbi")), "nothing compiled into the cache"


def cached(cache):
    done = subprocess.run([sys.executable, "-c", "from mlpviz.core.compile_cache import cached; "
                                                 "print(cached())"],
                          env=dict(os.environ, NUMBA_CACHE_DIR=str(cache)), capture_output=True,
                          text=True, timeout=120)
    return done.stdout.strip()


def test_a_cold_cache_is_told_from_a_warm_one(tmp_path):
    """Only a cold cache is compiled in a process of its own (a warm one loads in ~1 s)."""
    assert cached(tmp_path / "empty") == "False"
    subprocess.run([sys.executable, "-m", "mlpviz.core.compile_cache"], check=True, timeout=300,
                   env=dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "filled")))
    assert cached(tmp_path / "filled") == "True"
