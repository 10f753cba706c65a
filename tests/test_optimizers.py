"""Optimizers and regularization (SPEC section 9): hand tables, penalties, the state in the run."""

import numpy as np
import pytest

from mlpviz.core import Network, Trainer
from mlpviz.core.config import Config
from mlpviz.core.errors import InputError
from mlpviz.core.network import gradient_step
from mlpviz.core.optimizers import (OPTIMIZERS, Optimizer, OptimizerSettings, update_into,
                                    weight_mask)
from mlpviz.core.surfaces import SURFACES, race
from mlpviz.core.timeline import Timeline

BOWL = SURFACES["bowl"]  # f = x² + y², ∇f = (2x, 2y), from (3, 4)


def path(name, learning_rate=0.1, steps=2, **settings):
    return race(BOWL, OptimizerSettings(name, **settings), (3.0, 4.0), learning_rate, steps)


def near(rows, tolerance):
    return pytest.approx(np.array(rows), abs=tolerance)


def test_sgd_is_the_cheat_sheets_table():
    # g = (6, 8): (3, 4) − 0.1·(6, 8) = (2.4, 3.2); g = (4.8, 6.4): (2.4, 3.2) − 0.1·(4.8, 6.4)
    # = (1.92, 2.56): both coordinates × 0.8 each step.
    assert path("sgd").rows[:, :2] == near([[3, 4], [2.4, 3.2], [1.92, 2.56]], 1e-12)


def test_momentum_by_hand():
    # μ = 0.9, η = 0.1.
    # step 1: g = (6, 8); v = 0.9·0 + g = (6, 8); θ = (3, 4) − 0.1·v = (2.4, 3.2)
    # step 2: g = (4.8, 6.4); v = 0.9·(6, 8) + (4.8, 6.4) = (10.2, 13.6);
    #         θ = (2.4 − 1.02, 3.2 − 1.36) = (1.38, 1.84)
    # step 3: g = (2.76, 3.68); v = (9.18 + 2.76, 12.24 + 3.68) = (11.94, 15.92);
    #         θ = (1.38 − 1.194, 1.84 − 1.592) = (0.186, 0.248): the velocity overshoots the plain
    #         step (SGD would be at (1.536, 2.048)).
    run = path("momentum", steps=3)
    assert run.rows[:, :2] == near([[3, 4], [2.4, 3.2], [1.38, 1.84], [0.186, 0.248]], 1e-12)
    assert run.state[:, 0] == near([[0, 0], [6, 8], [10.2, 13.6], [11.94, 15.92]], 1e-12)


def test_nesterov_by_hand():
    # μ = 0.9, η = 0.1; θ ← θ − η (g + μ v) with the new v.
    # step 1: g = (6, 8); v = (6, 8); g + μv = (6 + 5.4, 8 + 7.2) = (11.4, 15.2); θ = (1.86, 2.48)
    # step 2: g = (3.72, 4.96); v = (5.4 + 3.72, 7.2 + 4.96) = (9.12, 12.16);
    #         g + μv = (3.72 + 8.208, 4.96 + 10.944) = (11.928, 15.904);
    #         θ = (1.86 − 1.1928, 2.48 − 1.5904) = (0.6672, 0.8896)
    run = path("nesterov")
    assert run.rows[:, :2] == near([[3, 4], [1.86, 2.48], [0.6672, 0.8896]], 1e-12)
    assert run.state[2, 0] == pytest.approx([9.12, 12.16], abs=1e-12)


def test_rmsprop_by_hand():
    # α = 0.99, ε = 1e-8, η = 0.1.
    # step 1: g = (6, 8); s = 0.01·(36, 64) = (0.36, 0.64); √s = (0.6, 0.8);
    #         θ = (3 − 0.1·6/0.6, 4 − 0.1·8/0.8) = (2, 3)  (each coordinate moves η/√(1 − α) = 1)
    # step 2: g = (4, 6); s = 0.99·(0.36, 0.64) + 0.01·(16, 36) = (0.5164, 0.9936);
    #         √s = (0.718609769, 0.996794864);
    #         θ = (2 − 0.4/0.718609769, 3 − 0.6/0.996794864) = (1.443369660, 2.398070735)
    # (ε moves these by ~2e-8: step 1 ends at 2.0000000167, not 2)
    run = path("rmsprop")
    assert run.rows[:, :2] == near([[3, 4], [2, 3], [1.443369660, 2.398070735]], 1e-7)
    assert run.state[2, 0] == pytest.approx([0.5164, 0.9936], abs=1e-8)


def test_adam_by_hand():
    # β₁ = 0.9, β₂ = 0.999, ε = 1e-8, η = 0.1.
    # step 1: g = (6, 8); m = 0.1·g = (0.6, 0.8); s = 0.001·g² = (0.036, 0.064);
    #         m̂ = m/(1 − 0.9) = (6, 8) = g;  ŝ = s/(1 − 0.999) = (36, 64) = g²;
    #         θ = θ − 0.1·m̂/(√ŝ + ε) = θ − 0.1·g/|g| = (2.9, 3.9).
    #   Why each coordinate moves by η whatever its gradient: at t = 1 the bias corrections
    #   1 − β₁ and 1 − β₂ exactly undo the factors (1 − β₁) and (1 − β₂) that m and s started with,
    #   so m̂ = g and ŝ = g², and m̂/√ŝ = g/|g| = ±1 (up to ε): the step is η·sign(g), whether the
    #   gradient is 6 or 8 (or 0.001).
    # step 2: g = (5.8, 7.8); m = 0.9·(0.6, 0.8) + 0.1·(5.8, 7.8) = (1.12, 1.5);
    #         s = 0.999·(0.036, 0.064) + 0.001·(33.64, 60.84) = (0.069604, 0.124776);
    #         m̂ = m/(1 − 0.81) = (5.894736842, 7.894736842);
    #         ŝ = s/(1 − 0.998001) = (34.819409705, 62.419209605); √ŝ = (5.900797379, 7.900582865);
    #         θ = (2.9 − 0.1·0.998972929, 3.9 − 0.1·0.999260052) = (2.800102707, 3.800073995)
    run = path("adam")
    assert run.rows[:, :2] == near([[3, 4], [2.9, 3.9], [2.800102707, 3.800073995]], 1e-8)
    assert run.state[2, 0] == pytest.approx([1.12, 1.5], abs=1e-9)  # m (ε: g is 2·2.9000000002)
    assert run.state[2, 1] == pytest.approx([0.069604, 0.124776], abs=1e-9)  # s


@pytest.mark.parametrize("start", [(3.0, 0.01), (-0.02, 500.0)])
def test_adams_first_step_is_eta_per_coordinate_whatever_the_gradient(start):
    # gradients 6 and 0.02, or −0.04 and 1000: each coordinate moves 0.1·|g|/(|g| + ε), which is
    # 0.1 to within ε/|g| ≤ 5e-7 of it
    first = race(BOWL, OptimizerSettings("adam"), start, 0.1, 1).rows[1, :2]
    assert np.abs(first - start) == pytest.approx([0.1, 0.1], rel=1e-6)


# -- regularization ------------------------------------------------------------------------------


def one_neuron(batch_size, l2=0.0, l1=0.0, name="sgd", train_biases=True):
    """y = w·x + b (linear), w = 0.5, b = 0.2, one sample x = 1 → z = 0, half-SSE."""
    network = Network((1, 1), "linear", params=[0.5, 0.2])
    return Trainer(network, [[1.0]], [[0.0]], learning_rate=0.1, batch_size=batch_size,
                   optimizer=OptimizerSettings(name, l2=l2, l1=l1), train_biases=train_biases)


@pytest.mark.parametrize("batch_size", [1, 0])  # the compiled online path and the numpy one
def test_l2_and_l1_pull_the_weight_but_never_the_bias(batch_size):
    # y = 0.5·1 + 0.2 = 0.7; δ = y − z = 0.7; ∂E/∂w = 0.7·1 = 0.7; ∂E/∂b = 0.7.
    # With λ₂ = 0.1, λ₁ = 0.01: g_w = 0.7 + 0.1·0.5 + 0.01·sign(0.5) = 0.76; g_b = 0.7.
    # w⁺ = 0.5 − 0.1·0.76 = 0.424;  b⁺ = 0.2 − 0.1·0.7 = 0.13.
    # Penalty before the step: (0.1/2)·0.5² + 0.01·|0.5| = 0.0125 + 0.005 = 0.0175.
    trainer = one_neuron(batch_size, l2=0.1, l1=0.01)
    trainer.run(1)
    assert trainer.network.params == pytest.approx([0.424, 0.13], abs=1e-15)
    assert trainer.history.values[0] == pytest.approx(0.5 * 0.7**2, abs=1e-15)  # the data loss
    assert trainer.history.penalty.values[0] == pytest.approx(0.0175, abs=1e-15)


@pytest.mark.parametrize("batch_size", [1, 0])
def test_l1_at_a_zero_weight_adds_nothing(batch_size):
    # y = w1·x1 + w2·x2 + b with w1 = 0 and x1 = 0: ∂E/∂w1 = δ·0 = 0 and sign(0) = 0, so w1
    # stays exactly 0 (no ±η·λ₁ flicker); w2 = 0.5 still gets its λ₁·sign(w2).
    # y = 0 + 0.5·1 + 0 = 0.5; δ = 0.5; g_w2 = 0.5 + 0.2·1 = 0.7 → w2⁺ = 0.5 − 0.07 = 0.43.
    network = Network((2, 1), "linear", params=[0.0, 0.5, 0.0])
    trainer = Trainer(network, [[0.0, 1.0]], [[0.0]], learning_rate=0.1, batch_size=batch_size,
                      optimizer=OptimizerSettings("sgd", l1=0.2))
    trainer.run(1)
    assert network.params[0] == 0.0
    assert network.params[1] == pytest.approx(0.43, abs=1e-15)
    optimizer = Optimizer.for_network(OptimizerSettings(l1=0.2), (2, 1))
    assert optimizer.gradient(np.array([0.0, -0.3, 0.0]), np.zeros(3)) == \
        pytest.approx([0.0, -0.2, 0.0])  # a negative weight is pulled up, the bias not at all


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("batch_size", [1, 0])
def test_frozen_biases_never_move_whatever_the_optimizer(name, batch_size):
    trainer = one_neuron(batch_size, l2=0.1, name=name, train_biases=False)
    trainer.run(20)
    assert trainer.network.params[1] == 0.2
    assert trainer.network.params[0] != 0.5


def test_the_weight_mask_marks_weights_not_biases():
    # 2-2-1: W[1] (4), b[1] (2), W[2] (2), b[2] (1)
    assert weight_mask((2, 2, 1)).tolist() == [1, 1, 1, 1, 0, 0, 1, 1, 0]


# -- the compiled update is the readable one, bit for bit ----------------------------------------


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("train_biases", [True, False])
def test_compiled_update_equals_the_numpy_one_bit_for_bit(name, train_biases):
    rng = np.random.default_rng(3)
    settings = OptimizerSettings(name, l2=0.01, l1=0.003)
    optimizer = Optimizer.for_network(settings, (3, 4, 2))
    params = rng.normal(size=optimizer.is_weight.size)
    params[2] = 0.0  # sign(0) = 0 on both sides
    for t in range(1, 6):
        grad = rng.normal(size=params.size)
        optimizer.t = t - 1
        expected, expected_slots = optimizer.propose(params, grad, 0.05, train_biases)
        new_params, new_slots = np.empty_like(params), np.empty_like(optimizer.slots)
        assert update_into(params, grad, optimizer.slots, new_params, new_slots,
                           optimizer.is_weight, train_biases, settings.code, 0.05, settings.hyper,
                           t)
        assert np.array_equal(new_params, expected) and np.array_equal(new_slots, expected_slots)
        params = new_params
        optimizer.slots[...] = new_slots


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_online_compiled_path_agrees_with_the_numpy_step(name):
    rng = np.random.default_rng(1)
    settings = OptimizerSettings(name, l2=0.02, l1=0.001)
    start = rng.normal(size=17)
    X, Z = rng.uniform(-1, 1, (5, 2)), rng.uniform(0, 1, (5, 2))
    compiled = Trainer(Network((2, 3, 2), "tanh", "sigmoid", params=start), X, Z,
                       learning_rate=0.05, optimizer=settings)
    compiled.run(10)
    readable = Network((2, 3, 2), "tanh", "sigmoid", params=start)
    optimizer = Optimizer.for_network(settings, readable.sizes)
    for step in range(10):
        gradient_step(readable, X[step % 5], Z[step % 5], 0.05, "half-sse", True, optimizer)
    assert compiled.network.params == pytest.approx(readable.params, rel=1e-12, abs=1e-14)
    assert compiled.optimizer.slots == pytest.approx(optimizer.slots, rel=1e-10, abs=1e-14)
    assert compiled.optimizer.t == optimizer.t == 10


# -- the state is part of the run ----------------------------------------------------------------


def trainer_with(name, batch_size=1, shuffle=False, samples=7):
    rng = np.random.default_rng(42)
    network = Network((2, 4, 1), "tanh", "sigmoid", params=rng.uniform(-1, 1, 17))
    X, Z = rng.uniform(-1, 1, (samples, 2)), rng.uniform(0, 1, (samples, 1))
    return Trainer(network, X, Z, learning_rate=0.05, batch_size=batch_size, shuffle=shuffle,
                   seed=3, optimizer=OptimizerSettings(name, l2=0.01, l1=0.001))


def state_of(trainer):
    return trainer.network.params.copy(), trainer.optimizer.slots.copy(), trainer.optimizer.t


def same(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a, b))


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("batch_size,shuffle", [(1, False), (1, True), (3, True), (0, False)])
def test_stepping_equals_running(name, batch_size, shuffle):
    stepped, ran = trainer_with(name, batch_size, shuffle), trainer_with(name, batch_size, shuffle)
    for _ in range(30):
        stepped.run(1)
    ran.run(30)
    assert same(state_of(stepped), state_of(ran))
    assert np.array_equal(stepped.history.values, ran.history.values)
    assert np.array_equal(stepped.history.penalty.values, ran.history.penalty.values)


@pytest.mark.parametrize("name", ["momentum", "adam"])
@pytest.mark.parametrize("batch_size", [1, 3])
def test_rewind_restores_the_state_exactly(name, batch_size):
    reference = trainer_with(name, batch_size, True)
    states = {}
    for step in range(121):
        states[step] = state_of(reference)
        reference.run(1)
    trainer = trainer_with(name, batch_size, True)
    timeline = Timeline(trainer, every=16, max_keyframes=4)
    timeline.run(120)
    for step in (119, 118, 77, 5, 0, 64, 120):
        timeline.go_to(step, keep_history=False)
        assert same(state_of(trainer), states[step]), step
    timeline.go_to(40, keep_history=False)
    timeline.run(50)  # a branch from step 40 with the same settings: the same run again
    assert same(state_of(trainer), states[90])


def test_the_memory_budget_counts_the_optimizers_state():
    rng = np.random.default_rng(0)
    network = Network((100, 100, 10))
    X, Z = rng.uniform(0, 1, (20, 100)), rng.uniform(0, 1, (20, 10))
    trainer = Trainer(network, X, Z, optimizer=OptimizerSettings("adam"))
    budget = 2 * 2**20
    timeline = Timeline(trainer, every=2, max_bytes=budget)
    timeline.run(300)
    for step in (299, 298, 150, 149, 12):
        timeline.go_to(step, keep_history=False)
    stored = list(timeline.keyframes.values()) + list(timeline.checkpoints.values())
    one = trainer.save().nbytes
    assert one == 3 * network.params.nbytes  # θ, m and s
    assert sum(s.nbytes for s in stored) <= budget + 2 * one


@pytest.mark.parametrize("batch_size", [1, 0])
def test_divergence_in_the_state_is_caught_and_named(batch_size):
    # y = w·x + b with w = b = 0 and x = 1e160, z = 1: δ = −1, ∂E/∂w = −1e160, finite, but
    # g² = 1e320 overflows, so RMSProp's s becomes infinite (the weight itself would stay finite).
    from mlpviz.core.divergence import diagnose

    network = Network((1, 1), "linear", params=[0.0, 0.0])
    trainer = Trainer(network, [[1e160]], [[1.0]], batch_size=batch_size,
                      optimizer=OptimizerSettings("rmsprop"))
    assert trainer.run(5) == 0 and trainer.diverged_at == 0
    assert np.array_equal(network.params, [0.0, 0.0]) and not trainer.optimizer.slots.any()
    assert "the optimizer's s of w1 became infinite" in diagnose(trainer).text()


def test_config_keys_defaults_and_bad_values():
    config = Config.from_json({"inputNodes": 2, "outputNodes": 1})
    assert (config.optimizer, config.momentum, config.rmspropDecay, config.adamBeta1,
            config.adamBeta2, config.epsilon, config.l2, config.l1) == \
        ("sgd", 0.9, 0.99, 0.9, 0.999, 1e-8, 0.0, 0.0)
    for key, value in (("optimizer", "Adam"), ("momentum", 1.5), ("adamBeta2", 1.0),
                       ("epsilon", 0), ("l2", -0.1), ("l1", "0.1"), ("rmspropDecay", -1)):
        with pytest.raises(InputError) as error:
            Config.from_json({"inputNodes": 2, "outputNodes": 1, key: value}, source="c.json")
        assert key in str(error.value)


def test_a_typed_in_weight_keeps_the_optimizers_state_and_back_restores_it():
    from mlpviz.core import examples
    from mlpviz.core.branches import Branches
    from mlpviz.core.edits import set_weight
    from mlpviz.core.experiment import Experiment

    experiment = Experiment.load(examples.config_path("worked-example"))
    experiment.config.optimizer = "adam"
    branches = Branches(experiment)
    branches.run(3)
    before = state_of(branches.trainer)
    branches.apply(set_weight(branches.experiment, branches.trainer.network.params, 2, 0, 0, 0.4))
    slots, t = branches.trainer.optimizer.save()
    assert np.array_equal(slots, before[1]) and t == 3  # m and s go on; step 4 is Adam's t = 4
    branches.run(2)
    assert branches.trainer.optimizer.t == 5
    branches.back(2)
    branches.back()  # undoes the typed-in weight
    assert same(state_of(branches.trainer), before)


# -- the math panel's lines ----------------------------------------------------------------------


def test_adams_lines_carry_the_hand_tables_numbers():
    from mlpviz.core.explain_optimizer import explain_update

    # the bowl's x at Adam's step 2 (test_adam_by_hand): m = 0.6, s = 0.036 before it,
    # g = 2·2.9 = 5.8, t = 2, η = 0.1
    run = path("adam")
    x, g = run.rows[1, 0], run.rows[1, 3]
    lines = explain_update(OptimizerSettings("adam"), "x", x, g,
                           {"m": run.state[1, 0, 0], "s": run.state[1, 1, 0]}, 2, 0.1)
    assert [line.split(" = ")[0] for line in lines] == \
        ["m ← β₁·m + (1 − β₁)·∂E/∂x", "s ← β₂·s + (1 − β₂)·(∂E/∂x)²", "m̂", "ŝ", "x⁺"]
    assert lines[0].startswith("m ← β₁·m + (1 − β₁)·∂E/∂x = 0.9·0.6 + 0.1·5.8")
    assert lines[0].endswith("= 1.12") and lines[1].endswith("= 0.069604")
    assert lines[2] == "m̂ = m / (1 − β₁ᵗ) = 1.12 / (1 − 0.9²) = 5.894736842"
    assert "(1 − 0.999²) = 34.8194097" in lines[3]  # 0.069604 / 0.001999 (ε: …707, not …705)
    assert lines[4].endswith(f"= {run.rows[2, 0]:.9f}")  # the engine's own x after step 2


def test_momentum_lines_with_the_penalty_term():
    from mlpviz.core.explain_optimizer import explain_update, penalty_line

    # w = 0.4, ∂E/∂w = 0.08, λ₂ = 0.01: g = 0.08 + 0.01·0.4 = 0.084; v = 0.9·0.1 + 0.084 = 0.174;
    # w⁺ = 0.4 − 0.5·0.174 = 0.313
    lines = explain_update(OptimizerSettings("momentum", l2=0.01), "w5", 0.4, 0.08, {"v": 0.1},
                           4, 0.5)
    assert lines == ["g = ∂E/∂w5 + λ₂·w5 = 0.08 + 0.01·0.4 = 0.084",
                     "v ← μ·v + g = 0.9·0.1 + 0.084 = 0.174",
                     "w5⁺ = w5 − η·v = 0.4 − 0.5·0.174 = 0.313"]
    bias = explain_update(OptimizerSettings("momentum", l2=0.01), "b_o1", 0.6, 0.08, {"v": 0.0},
                          1, 0.5, is_weight=False)
    assert bias[0].startswith("(no penalty on biases") and bias[-1].endswith("= 0.56")
    # (0.01/2)·(0.4² + 0.5²) + 0 = 0.005·0.41 = 0.00205; the bias 0.6 is not counted
    assert penalty_line(OptimizerSettings(l2=0.01), np.array([0.4, -0.5, 0.6]),
                        np.array([True, True, False])).endswith("= 0.00205  (weights only)")
