"""The cheat sheet's Go package reads the pair mlpviz writes (its pairId is a key Go's
encoding/json ignores) and mlpviz reads the pair Go writes (no pairId): tests/go/ holds a Go
program with the cheat sheet's structs. Runs where a Go toolchain is on PATH (apt: golang-go)."""

import json
import shutil
import subprocess

import pytest

from mlpviz.core.model_pair import PAIR_KEY
from test_cli import RESOURCES, ROOT, run

GO = shutil.which("go")
pytestmark = pytest.mark.skipif(GO is None, reason="no Go toolchain on PATH")
PROGRAM = ROOT / "tests" / "go" / "cheat_sheet_files.go"


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_go_reads_mlpviz_pairs_and_mlpviz_reads_go_pairs(here, capsys):
    status, _, err = run(capsys, "train", "cheat-sheet-4-rows", "--epochs", 50, "--quiet")
    assert status == 0, err
    weights = json.loads((here / "trained-weights-biases.json").read_text())
    assert PAIR_KEY in weights
    go = subprocess.run([GO, "run", str(PROGRAM), "trained-weights-biases.json", "minmax.json"],
                        cwd=here, capture_output=True, text=True, timeout=300)
    assert go.returncode == 0, go.stdout + go.stderr
    assert f"outputBias {weights['outputBias']}".replace(",", "") in go.stdout
    assert "minOutput [68] maxOutput [91]" in go.stdout
    # Go's files (its outputBias raised by 1) load in mlpviz, as a pair without ids
    assert PAIR_KEY not in json.loads((here / "go-weights.json").read_text())
    status, out, err = run(capsys, "predict", "cheat-sheet-4-rows", "--weights", "go-weights.json",
                           "--minmax", "go-minmax.json", "--data",
                           RESOURCES / "cheat-sheet-4-rows" / "training.csv")
    assert status == 0 and len(out.splitlines()) == 5, err
