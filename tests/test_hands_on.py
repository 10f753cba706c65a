"""Hands-on changes (issue 15): weights typed in, points added and removed, neurons and layers
added and removed; each a branch of the run that going back undoes bit for bit."""

import numpy as np
import pytest

from mlpviz.core import examples
from mlpviz.core.branches import Branches
from mlpviz.core.edits import add_points, remove_points, set_bias, set_weight
from mlpviz.core.errors import InputError
from mlpviz.core.experiment import Experiment
from mlpviz.core.network import layer_views
from mlpviz.core.playground import open_dataset
from mlpviz.core.reshape import add_layer, add_neuron, remove_layer, remove_neuron


def worked_example():
    return Experiment.load(examples.config_path("worked-example"))


def spiral(batch=10):
    e = open_dataset("spiral", points=40, noise=0.2, seed=2)
    e.config.batchSize = batch
    return e


def state(branches):
    """Everything a step's state is made of, copied."""
    t = branches.trainer
    return (t.step, t.network.sizes, t.network.params.copy(), t.X.copy(), t.Z.copy(),
            t.learning_rate)


def same(a, b):
    return a[0] == b[0] and a[1] == b[1] and a[5] == b[5] and all(
        x.shape == y.shape and np.array_equal(x, y) for x, y in zip(a[2:5], b[2:5]))


# -- the worked example, by hand ----------------------------------------------------------------

def test_typing_w5_at_step_1_gives_the_hand_worked_numbers():
    # After update 1 w5 = 0.35891648 (SPEC section 7). Typing w5 = 0.4 back at step 1 leaves
    # every other weight as update 1 made it; the next forward pass for (0.05, 0.10) is then
    #   net_h1 = w1·i1 + w2·i2 + b1 = 0.149780716·0.05 + 0.19956143·0.1 + 0.35 = 0.377445179
    # (w1, w2 after update 1: 0.15 − 0.5·0.000438568, 0.2 − 0.5·0.000877135), and
    #   net_o1 = w5·out_h1 + w6·out_h2 + b2 = 0.4·out_h1 + w6·out_h2 + 0.6.
    branches = Branches(worked_example())
    branches.run(1)
    W, b = branches.trainer.network.W, branches.trainer.network.b
    assert W[2][0, 0] == pytest.approx(0.35891648, abs=1e-8)
    change = branches.apply(set_weight(branches.experiment, branches.trainer.network.params,
                                       2, 0, 0, 0.4))
    assert change.sentence.startswith("w5 (h1 → o1) set to 0.4, was 0.35891648")
    network = branches.trainer.network
    forward = network.forward([[0.05, 0.10]])
    assert forward.net[1][0, 0] == pytest.approx(0.377445179, abs=1e-9)
    out_h = forward.out[1][0]
    assert forward.net[2][0, 0] == pytest.approx(0.4 * out_h[0] + network.W[2][0, 1] * out_h[1]
                                                  + 0.6, abs=1e-15)
    assert branches.step == 1 and network.W[2][0, 0] == 0.4


def test_typing_a_bias_names_it():
    branches = Branches(worked_example())
    change = set_bias(branches.experiment, branches.trainer.network.params, 1, 1, -0.25)
    assert change.sentence == "b_h2 set to -0.25, was 0.35"
    _, b = layer_views(change.params, (2, 2, 2))
    assert b[1][1] == -0.25 and b[1][0] == 0.35


@pytest.mark.parametrize("value", ["x", float("nan"), float("inf"), None])
def test_a_typed_value_that_is_not_a_finite_number_is_refused(value):
    e = worked_example()
    with pytest.raises(InputError):
        set_weight(e, e.initial_params, 1, 0, 0, value)


def test_a_change_does_not_touch_the_parameters_it_was_given():
    e = worked_example()
    before = e.initial_params.copy()
    set_weight(e, e.initial_params, 1, 0, 0, 9.0)
    add_neuron(e, e.initial_params, 1)
    assert np.array_equal(e.initial_params, before)


# -- Back undoes each change exactly ----------------------------------------------------------

CHANGES = {
    "weight": lambda e, p: set_weight(e, p, 1, 3, 1, 0.4),
    "bias": lambda e, p: set_bias(e, p, 2, 0, -1.5),
    "add points": lambda e, p: add_points(e, p, [[0.5, -0.25, 1.0], [0.1, 0.2, 0.0]]),
    "remove points": lambda e, p: remove_points(e, p, [0, 5, 7]),
    "add neuron": lambda e, p: add_neuron(e, p, 1),
    "remove neuron": lambda e, p: remove_neuron(e, p, 2, 3),
    "add layer": lambda e, p: add_layer(e, p),
    "remove layer": lambda e, p: remove_layer(e, p, 1),
}


@pytest.mark.parametrize("batch", [1, 10])
@pytest.mark.parametrize("name", CHANGES)
def test_back_undoes_the_change_bit_for_bit(name, batch):
    reference = Branches(spiral(batch))
    reference.run(13)  # the run without the change, 13 then 6 more updates
    at_13 = state(reference)
    reference.run(6)
    branches = Branches(spiral(batch))
    branches.run(13)
    change = branches.apply(CHANGES[name](branches.experiment, branches.trainer.network.params))
    after = state(branches)
    assert not same(after, at_13)
    branches.run(4)
    for _ in range(4):
        assert branches.back() is None
    assert same(state(branches), after)  # back to the first step of the change
    assert branches.back() is change  # one more: the change is undone
    assert same(state(branches), at_13)
    assert branches.experiment.config.sizes == (2, 8, 8, 2)
    branches.run(6)  # and training on is the run that never had the change
    assert same(state(branches), state(reference))


def test_forward_after_back_redoes_the_change_until_something_else_happens():
    branches = Branches(spiral())
    branches.run(5)
    change = branches.apply(add_neuron(branches.experiment, branches.trainer.network.params, 2))
    branches.run(3)
    at_8 = state(branches)
    for _ in range(4):
        branches.back()
    assert branches.trainer.network.sizes == (2, 8, 8, 2) and branches.step == 5
    assert branches.changes() == []
    branches.go_to(8)  # forward along the run: the change is there again
    assert same(state(branches), at_8) and branches.changes() == [(5, change.sentence)]
    branches.go_to(5)
    branches.back()
    branches.run(1)  # training from before the change forgets it
    assert len(branches.segments) == 1 and branches.end == 6


def test_several_changes_at_one_step_undo_one_at_a_time():
    branches = Branches(spiral())
    branches.run(3)
    states = [state(branches)]
    for value in (0.1, 0.2, 0.3):
        p = branches.trainer.network.params
        branches.apply(set_weight(branches.experiment, p, 1, 0, 0, value))
        states.append(state(branches))
    branches.go_to(3)  # the step holds all three; go_to stays after the last
    assert same(state(branches), states[3])
    for k in (2, 1, 0):
        branches.back()
        assert same(state(branches), states[k])
    branches.back()
    assert branches.step == 2


def test_going_back_past_a_change_and_forward_replays_it():
    branches = Branches(spiral())
    branches.run(10)
    branches.apply(remove_points(branches.experiment, branches.trainer.network.params, [1, 2]))
    branches.run(10)
    at_20 = state(branches)
    branches.go_to(4, keep_history=False)
    assert len(branches.trainer.X) == 40 and branches.step == 4
    branches.go_to(20, keep_history=False)
    assert same(state(branches), at_20)


def test_learning_rate_of_the_moment_carries_into_the_change():
    branches = Branches(spiral())
    branches.run(2)
    branches.set_learning_rate(0.05)
    branches.apply(set_weight(branches.experiment, branches.trainer.network.params, 1, 0, 0, 1))
    assert branches.trainer.learning_rate == 0.05


def test_the_run_keeps_a_bounded_number_of_changes():
    branches = Branches(spiral())
    branches.max_segments = 5
    for k in range(8):
        branches.run(1)
        branches.apply(set_weight(branches.experiment, branches.trainer.network.params,
                                  1, 0, 0, k))
    assert len(branches.segments) == 5 and branches.start == 4


# -- points --------------------------------------------------------------------------------------

def test_points_added_and_removed():
    e = spiral()
    change = add_points(e, e.initial_params, [[0.5, -0.25, 1]])
    assert len(change.experiment.train.values) == 41 and len(e.train.values) == 40
    assert change.sentence == "added a point (x1 = 0.5, x2 = -0.25, class 1); 41 training points now"
    assert not change.same_data
    change = remove_points(change.experiment, change.params, [40])
    assert np.array_equal(change.experiment.train.values, e.train.values)
    assert change.sentence.startswith("removed a point (x1 = 0.5")


def test_the_last_point_cannot_be_removed():
    e = open_dataset("circle", points=2, seed=0)
    change = remove_points(e, e.initial_params, [0])
    with pytest.raises(InputError, match="last point"):
        remove_points(change.experiment, change.params, [0])


def test_added_points_move_the_calculated_min_max():
    e = Experiment.load(examples.config_path("cheat-sheet-4-rows"))
    assert e.config.normalizeInputData and e.config.minMaxInputMethod == "calculate"
    far = e.train.values.max(axis=0) + 10
    change = add_points(e, e.initial_params, [far])
    assert np.array_equal(change.experiment.input_range.high, far[:2])
    assert np.array_equal(e.input_range.high, e.train.values.max(axis=0)[:2])


# -- neurons and layers -------------------------------------------------------------------------

def test_add_neuron_keeps_every_old_weight_and_draws_the_new_ones():
    e = spiral()
    p = e.initial_params + 0.5  # not the seeded draw, so kept values are told from drawn ones
    change = add_neuron(e, p, 1)
    assert change.experiment.config.sizes == (2, 9, 8, 2)
    W0, b0 = layer_views(p, (2, 8, 8, 2))
    W, b = layer_views(change.params, (2, 9, 8, 2))
    Wf, bf = layer_views(change.experiment.initial_params, (2, 9, 8, 2))
    assert np.array_equal(W[1][:8], W0[1]) and np.array_equal(b[1][:8], b0[1])
    assert np.array_equal(W[2][:, :8], W0[2]) and np.array_equal(W[3], W0[3])
    # the new neuron: 2 weights in, its bias, 8 weights out, from the seeded initializer
    assert np.array_equal(W[1][8], Wf[1][8]) and b[1][8] == bf[1][8] == 0
    assert np.array_equal(W[2][:, 8], Wf[2][:, 8]) and np.abs(W[2][:, 8]).max() <= 1
    # kept: 8·2 + 8 + 8·8 + 8 + 2·8 + 2 = 114 of 2·9 + 9 + 9·8 + 8 + 2·8 + 2 = 125
    assert change.sentence == ("added a neuron to hidden layer 1: 2-8-8-2 → 2-9-8-2; 114 weights "
                               "and biases kept, 11 new ones drawn uniform in ±1 (seed 2)")


def test_the_new_weights_are_the_same_every_time():
    e = spiral()
    a, b = add_neuron(e, e.initial_params, 2), add_neuron(e, e.initial_params, 2)
    assert np.array_equal(a.params, b.params)


def test_remove_neuron_drops_its_row_and_column():
    e = spiral()
    p = e.initial_params + 0.5
    change = remove_neuron(e, p, 1, 2)
    W0, b0 = layer_views(p, (2, 8, 8, 2))
    W, b = layer_views(change.params, (2, 7, 8, 2))
    keep = [0, 1, 3, 4, 5, 6, 7]
    assert np.array_equal(W[1], W0[1][keep]) and np.array_equal(b[1], b0[1][keep])
    assert np.array_equal(W[2], W0[2][:, keep]) and np.array_equal(W[3], W0[3])
    # kept: 7·2 + 7 + 8·7 + 8 + 2·8 + 2 = 103 of 114; dropped: 2 in, a bias, 8 out
    assert change.sentence == ("removed neuron 3 of hidden layer 1: 2-8-8-2 → 2-7-8-2; 103 weights "
                               "and biases kept, 11 dropped")


def test_add_layer_before_the_output_keeps_all_old_weights():
    e = spiral()
    p = e.initial_params + 0.5
    change = add_layer(e, p)
    assert change.experiment.config.sizes == (2, 8, 8, 8, 2)
    W0, b0 = layer_views(p, (2, 8, 8, 2))
    W, b = layer_views(change.params, (2, 8, 8, 8, 2))
    Wf, _ = layer_views(change.experiment.initial_params, (2, 8, 8, 8, 2))
    assert np.array_equal(W[1], W0[1]) and np.array_equal(W[2], W0[2])
    assert np.array_equal(W[3], Wf[3]) and np.array_equal(W[4], W0[3])
    assert "added hidden layer 3 of 8 neurons: 2-8-8-2 → 2-8-8-8-2; 114 weights and biases " \
           "kept, 72 new ones" in change.sentence


def test_remove_layer_keeps_what_fits_by_position():
    e = open_dataset("xor", points=20, seed=0)
    e.config.hiddenNodesPerLayer = [3, 5]
    e.initial_params = np.arange(1.0, 1 + 3 * 3 + 5 * 4 + 12)  # 2-3-5-2: 9 + 20 + 12 = 41
    change = remove_layer(e, e.initial_params, 1)  # 2-5-2: layer 2's 5×3 matrix now reads 2 inputs
    W0, b0 = layer_views(e.initial_params, (2, 3, 5, 2))
    W, b = layer_views(change.params, (2, 5, 2))
    assert np.array_equal(W[1], W0[2][:, :2]) and np.array_equal(b[1], b0[2])
    assert np.array_equal(W[2], W0[3]) and np.array_equal(b[2], b0[3])


@pytest.mark.parametrize("do, message", [
    (lambda e, p: remove_neuron(e, p, 1), "one neuron left"),
    (lambda e, p: remove_layer(remove_layer(e, p).experiment, remove_layer(e, p).params),
     "no hidden layer")])
def test_shape_limits_are_refused_by_name(do, message):
    e = open_dataset("gaussians", points=10, seed=0)
    e.config.hiddenNodesPerLayer = [1]
    e.initial_params = np.zeros(2 + 1 + 2 + 2)
    with pytest.raises(InputError, match=message):
        do(e, e.initial_params)


def test_a_worked_example_with_a_weights_file_can_change_shape():
    e = worked_example()
    change = add_neuron(e, e.initial_params, 1)
    assert change.experiment.config.initWeightsBiasesMethod == "random"
    assert e.config.initWeightsBiasesMethod == "file"
    W, _ = layer_views(change.params, (2, 3, 2))
    assert np.array_equal(W[1][:2], [[0.15, 0.20], [0.25, 0.30]])


def test_training_data_saved_as_csv_reads_back_exactly(tmp_path):
    from mlpviz.core.edits import training_csv_text
    from mlpviz.core.files import write_atomic
    e = spiral()
    change = add_points(e, e.initial_params, [[0.1 + 0.2, -1 / 3, 1]])
    text = training_csv_text(change.experiment)
    assert text.splitlines()[0] == "x1,x2,class"
    assert text.splitlines()[-1] == "0.30000000000000004,-0.3333333333333333,1"
    write_atomic(tmp_path / "mine.csv", text)
    again = change.experiment.read_table(tmp_path / "mine.csv")
    assert np.array_equal(again.values, change.experiment.train.values)
    assert np.array_equal(again.truth, change.experiment.train.truth)


def test_regression_training_data_saved_as_csv(tmp_path):
    from mlpviz.core.edits import training_csv_text
    e = open_dataset("bumps", points=5, seed=0)
    change = remove_points(e, e.initial_params, [4])
    lines = training_csv_text(change.experiment).splitlines()
    assert lines[0] == "x1,x2,y" and len(lines) == 5
    assert [float(v) for v in lines[1].split(",")] == e.train.values[0].tolist()
