"""The online loop compiled for one combination of settings (core/online_variants.py; issue 14
item 6: `mlpviz train` as fast as a plain C loop) gives the general loop's numbers bit for bit:
the same parameters, optimizer state, losses, penalties and gradient, and the same stop at the
same step when a run diverges. Each variant compiles on first use (seconds), so the cases are
chosen to cover every code path once rather than every combination."""

import numpy as np
import pytest

from mlpviz.core import Network, Trainer
from mlpviz.core.online import ACTIVATION_CODES, LOSS_CODES, OnlineKernel, online_steps
from mlpviz.core.online_variants import _ENTRIES, GENERAL, settings_of, variant_of
from mlpviz.core.optimizers import OPTIMIZERS, OptimizerSettings

START = np.array([0.15, 0.2, 0.25, 0.3, -0.2, 0.1, 0.35, 0.35, 0.35, 0.4, 0.45, 0.5, 0.6])


def rows(n, inputs=2, outputs=1, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, inputs)), rng.random((n, outputs))


def run(network, X, Z, settings, loss, train_biases, steps, specialized):
    trainer = Trainer(network.copy(), X, Z, learning_rate=0.05, loss=loss,
                      train_biases=train_biases, optimizer=settings)
    trainer.specialized = specialized
    done = trainer.run(1000)  # the first call compiles (or loads) the loop ...
    done += trainer.run(steps - done)  # ... and the next goes through its entry point
    penalties = trainer.history.penalty.values if settings.penalized else np.zeros(0)
    return (done, trainer.diverged_at, trainer.network.params, trainer.optimizer.slots,
            trainer._kernel.grad, trainer.history.values, penalties)


def same(a, b):
    assert a[:2] == b[:2]
    for x, y in zip(a[2:], b[2:]):
        assert np.array_equal(x, y)


CASES = [  # (hidden, output, loss, optimizer, penalties, train_biases)
    ("sigmoid", "sigmoid", "half-sse", "sgd", {}, True),  # the tutorials' network
    ("sigmoid", "sigmoid", "half-sse", "momentum", {"l2": 0.01}, True),
    ("tanh", "linear", "mse", "nesterov", {"l1": 0.002}, False),
    ("relu", "sigmoid", "binary-cross-entropy", "rmsprop", {}, False),
    ("tanh", "softmax", "cross-entropy", "adam", {"l2": 0.01, "l1": 0.001}, True),
]


@pytest.mark.parametrize("hidden, output, loss, name, penalties, train_biases", CASES)
def test_a_variant_gives_the_general_loops_numbers_bit_for_bit(hidden, output, loss, name,
                                                               penalties, train_biases):
    outputs = 3 if output == "softmax" else 1
    X, Z = rows(9, outputs=outputs)
    if output == "softmax":
        Z = np.eye(3)[np.argmax(Z + X[:, :1], axis=1)]  # one class a row
    network = Network((2, 4, 3, outputs), hidden, output)
    network.params[:] = np.random.default_rng(1).normal(0, 0.7, network.params.size)
    settings = OptimizerSettings(name, **penalties)
    steps = 3000  # two whole chunks of 1024 checked at their end, and part of a third
    expected = run(network, X, Z, settings, loss, train_biases, steps, specialized=False)
    assert expected[0] == steps
    same(run(network, X, Z, settings, loss, train_biases, steps, specialized=True), expected)


def test_a_variant_stops_a_diverging_run_where_the_general_loop_stops():
    # row 1500 has a huge input: ½(w·x)² of a linear network is infinite there (as in
    # test_online_chunks), inside the second chunk
    X, Z = rows(2000)
    X[1500, 0] = 1e200
    network = Network((2, 3, 1), "linear", "linear", START)
    settings = OptimizerSettings("adam", l2=0.001)  # its state must stop at the same step too
    expected = run(network, X, Z, settings, "half-sse", True, 3000, specialized=False)
    assert expected[1] is not None and expected[0] <= 1501
    same(run(network, X, Z, settings, "half-sse", True, 3000, specialized=True), expected)


def test_every_combination_reads_back_from_its_variant_number():
    hyper = OptimizerSettings("sgd").hyper
    seen = set()
    for hidden in ACTIVATION_CODES.values():
        for output in ACTIVATION_CODES.values():
            for loss in set(LOSS_CODES.values()):
                for optimizer in range(len(OPTIMIZERS)):
                    for penalized in (False, True):
                        for biases in (False, True):
                            variant = variant_of(hidden, output, loss, optimizer, penalized,
                                                 biases)
                            assert variant >= 0 and variant not in seen
                            seen.add(variant)
                            assert settings_of.py_func(variant, 9, 9, 9, 9, hyper, None) == (
                                hidden, output, loss, optimizer, penalized, biases)
    # GENERAL reads them from the arguments; penalized from λ₂ and λ₁
    assert settings_of.py_func(GENERAL, 1, 2, 3, 4, hyper, True) == (1, 2, 3, 4, False, True)
    l2 = OptimizerSettings("sgd", l2=0.5).hyper
    assert settings_of.py_func(GENERAL, 1, 2, 3, 4, l2, False)[4:] == (True, False)


def test_an_array_of_another_layout_is_not_read_through_a_compiled_entry_point():
    # call() keeps each compiled variant's entry point, which reads arrays of the layout it was
    # compiled for; a strided `losses` must go through numba's dispatch, not that entry point
    X, Z = rows(4)
    network = Network((2, 3, 1), "sigmoid", "sigmoid", START)
    kernel = OnlineKernel(network, "half-sse")
    indices = np.arange(4, dtype=np.int64)
    kernel.run(X, Z, indices, 0.5, True, np.empty(4))  # an entry for contiguous losses
    expected = np.empty(4)
    reference = OnlineKernel(Network((2, 3, 1), "sigmoid", "sigmoid", network.params.copy()),
                             "half-sse")
    reference.run(X, Z, indices, 0.5, True, expected)
    strided = np.zeros(8)[::2]
    kernel.run(X, Z, indices, 0.5, True, strided)
    assert np.array_equal(strided, expected)
    assert np.array_equal(network.params, reference.network.params)


def test_a_compiled_variant_is_called_through_its_entry_point():
    # numba's dispatch of a `literally` function types the call again each time (~5 ms a call:
    # a GUI step would wait for it); after the first call, call() must find the entry point
    X, Z = rows(4)
    kernel = OnlineKernel(Network((2, 3, 1), "sigmoid", "sigmoid", START), "half-sse")
    kernel.run(X, Z, np.arange(4, dtype=np.int64), 0.5, True, np.empty(4))
    entries = [entry for (function, variant, _), entry in _ENTRIES.items()
               if function is online_steps and variant == GENERAL]
    assert entries and all(entry is not None for entry in entries)


def test_the_command_lines_long_run_trains_in_its_variant_with_the_same_numbers():
    from mlpviz.cli import SPECIALIZE_FROM, train_epochs

    X, Z = rows(4)
    network = Network((2, 3, 1), "sigmoid", "sigmoid", START)
    short, long_run = 1000, SPECIALIZE_FROM // 4  # epochs of 4 rows
    expected = []
    for epochs in (short, long_run):
        general = Trainer(network.copy(), X, Z, learning_rate=0.1)
        general.run(epochs * 4)
        expected.append(general.network.params)
    for epochs, params, specialized in zip((short, long_run), expected, (False, True)):
        trainer = Trainer(network.copy(), X, Z, learning_rate=0.1)
        assert train_epochs(trainer, epochs, quiet=True, keep_history=False) == "done"
        assert trainer.specialized is specialized  # short runs keep the general loop
        assert trainer.step == epochs * 4
        assert np.array_equal(trainer.network.params, params)
