"""A weights file and its min-max file are one model (SPEC section 10, issue 12): a process killed
(SIGKILL) at any moment while it saves pairs leaves the old pair, the new pair, or a pair parted
between its two renames that is refused when loaded (pairId) — never a mixed pair used in silence.

Two ways to kill: at each of the save's file operations in turn (every point, deterministic), and
at random moments while a process saves two models over and over."""

import json
import os
import signal
import time

import numpy as np
import pytest

from mlpviz.core.errors import InputError
from mlpviz.core.files import minmax_text, weights_text, write_minmax, write_weights
from mlpviz.core.model_pair import PAIR_KEY
from mlpviz.core.network import Network, parameter_layout
from mlpviz.core.normalize import MinMax
from mlpviz.core.outputs import Outputs
from mlpviz.core.trained import load_trained

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

SIZES = (2, 400, 30, 1)  # ~13 000 weights: a file of ~0.3 MB, so saves take a while
OPERATIONS = ("open", "fsync", "replace", "unlink", "chmod")  # what a save does to the disk


@pytest.fixture
def models(tmp_path):
    """A normalized config and two models (weights, min-max ranges) that differ in both files."""
    (tmp_path / "config.json").write_text(json.dumps({
        "inputNodes": 2, "hiddenNodesPerLayer": list(SIZES[1:-1]), "outputNodes": 1,
        "normalizeInputData": True, "normalizeOutputData": True,
        "minMaxJSONFile": "m.json", "trainedWeightsBiasesJSONFile": "w.json"}))
    result = []
    for i in (0, 1):
        rng = np.random.default_rng(i)
        network = Network(SIZES, "sigmoid", params=rng.normal(size=parameter_layout(SIZES)[2]))
        ranges = (MinMax(np.array([0.0, 10.0 + i]), np.array([5.0, 20.0])),
                  MinMax(np.array([-1.0 - i]), np.array([3.0])))
        result.append((network, ranges))
    return tmp_path, result


def save(folder, model):
    network, (inputs, outputs) = model
    Outputs(folder / "w.json", folder / "m.json").save_model(weights_text(network),
                                                             minmax_text(inputs, outputs))


def outcome(folder, models):
    """0 or 1: the files load as that model, both halves; "refused": parted and said so."""
    try:
        experiment, network = load_trained(folder / "config.json", folder / "w.json")
    except InputError as e:
        assert PAIR_KEY in str(e) and "not the min-max file saved with" in str(e), str(e)
        return "refused"
    for k, (saved, (inputs, outputs)) in enumerate(models):
        if np.array_equal(network.params, saved.params):
            assert np.array_equal(experiment.input_range.low, inputs.low), \
                f"the weights of model {k} were used with another model's min-max values"
            assert np.array_equal(experiment.output_range.low, outputs.low)
            return k
    raise AssertionError("the weights file is neither model's")


def killed_at(point, folder, model):
    """Fork a process that saves `model` and kills itself just before its `point`-th file
    operation; whether it was killed (False: the save finished first)."""
    pid = os.fork()
    if pid == 0:
        try:
            count = iter(range(10**6))
            for name in OPERATIONS:
                real = getattr(os, name)

                def dying(*args, _real=real, **kwargs):
                    if next(count) == point:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return _real(*args, **kwargs)

                setattr(os, name, dying)
            save(folder, model)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


def save_without_ids(folder, model):
    """The pair as the cheat sheet's Go package (or mlpviz before pair ids) wrote it."""
    network, (inputs, outputs) = model
    write_weights(folder / "w.json", network)
    write_minmax(folder / "m.json", inputs, outputs)


@pytest.mark.parametrize("before", [save, save_without_ids])
def test_a_kill_at_every_file_operation_leaves_the_old_the_new_or_a_refused_pair(models, before):
    folder, pair = models
    seen = []
    for point in range(200):
        before(folder, pair[point % 2])  # the pair on disk before: model 0 or 1
        if not killed_at(point // 2, folder, pair[1 - point % 2]):
            break
        seen.append(outcome(folder, pair))
    else:
        raise AssertionError("the save never finished")
    assert point > 20  # the points covered: every open, fsync, chmod, rename of the save
    assert {0, 1, "refused"} <= set(seen), seen  # killed between the renames: refused
    assert outcome(folder, pair) == 1 - point % 2  # unkilled, it saved the new pair
    save(folder, pair[0])  # the next save removes what killed savers left
    assert sorted(p.name for p in folder.iterdir()) == ["config.json", "m.json", "w.json"]


def test_kills_at_random_moments_never_leave_a_mixed_pair_in_silence(models):
    folder, pair = models
    save(folder, pair[0])
    texts = [(weights_text(n), minmax_text(*ranges)) for n, ranges in pair]  # made once
    target = Outputs(folder / "w.json", folder / "m.json")
    rng = np.random.default_rng(12)
    seen = []
    for kill in range(40):
        done, told = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(done)
                for i in range(10**9):
                    target.save_model(*texts[(i + kill) % 2])
                    os.write(told, b".")  # a save complete: the parent may start its clock
            finally:
                os._exit(1)
        os.close(told)
        os.read(done, 1)  # however loaded the machine, the kill falls after a first save
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(done)
        seen.append(outcome(folder, pair))
    assert {0, 1} <= set(seen), seen  # the kills fell at different moments


def test_the_pair_id_is_the_last_key_of_both_files_and_the_same(models):
    folder, pair = models
    save(folder, pair[0])
    w, m = (json.loads((folder / name).read_text()) for name in ("w.json", "m.json"))
    assert list(w) == ["hiddenWeights", "hiddenBias", "outputWeights", "outputBias", PAIR_KEY]
    assert list(m) == ["minInput", "maxInput", "minOutput", "maxOutput", PAIR_KEY]
    assert w[PAIR_KEY] == m[PAIR_KEY] and len(w[PAIR_KEY]) == 16
    first = (folder / "w.json").read_bytes()
    save(folder, pair[0])  # the id is the texts' checksum: the same model, the same files
    assert (folder / "w.json").read_bytes() == first
