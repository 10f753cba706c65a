"""Engine benchmark: mlpviz against PyTorch and scikit-learn, online SGD and mini-batch, in one run.

    python bench/engine.py [--seconds S]

Every measurement runs for a fixed time budget and counts the work done in it (updates or samples
per second). Compile time and first-call set-up are excluded by a warm-up before each clock starts.
Everything runs single-threaded and in float64, so the libraries do the same arithmetic on the same
footing; an agreement check first confirms that mlpviz and PyTorch compute the same updates.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

# One BLAS thread for numpy (and so for mlpviz and scikit-learn), as for PyTorch below. Set before
# numpy is imported; an explicit setting in the environment wins.
for _name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402

# Importable from a plain checkout too, without installing.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numba  # noqa: E402

from mlpviz.core.network import Network, parameter_layout  # noqa: E402
from mlpviz.core.trainer import Trainer  # noqa: E402

try:
    import torch
    from torch import nn
except (ImportError, OSError):  # not installed (or a broken install): those rows are skipped
    torch = nn = None

try:
    import sklearn
    from sklearn.neural_network import MLPRegressor
except (ImportError, OSError):
    sklearn = MLPRegressor = None

# The cheat sheet's 2-3-1 example: four rows of min-max-normalized data.
CHEAT_X = np.array([[1.0, 1.0], [0.556, 0.581], [0.889, 0.0], [0.0, 0.903]])
CHEAT_Z = np.array([[1.0], [0.609], [0.522], [0.0]])
LEARNING_RATE = 0.1
BATCH = 32
BATCH_SIZES = (64, 128, 10)
BATCH_SAMPLES = 4096


# ---------------------------------------------------------------------------------------------
# timing


def throughput(work, seconds):
    """Call work() (it returns units done) until `seconds` have passed; return units per second."""
    done, start = 0, time.perf_counter()
    while True:
        done += work()
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def initial_params(sizes, seed=0):
    """A fixed random start, N(0, 1/fan-in) weights and zero biases, shared by all libraries."""
    rng = np.random.default_rng(seed)
    network = Network(sizes, "sigmoid", "sigmoid")
    for l in range(1, len(sizes)):
        network.W[l][:] = rng.normal(0.0, sizes[l - 1] ** -0.5, network.W[l].shape)
    return network.params.copy()


def batch_data(seed=1):
    """Random inputs and targets in [0, 1] for the 64-128-10 mini-batch case."""
    rng = np.random.default_rng(seed)
    return rng.random((BATCH_SAMPLES, BATCH_SIZES[0])), rng.random((BATCH_SAMPLES, BATCH_SIZES[-1]))


# ---------------------------------------------------------------------------------------------
# mlpviz


def mlpviz_trainer(sizes, X, Z, batch_size):
    """A Trainer on a sigmoid/sigmoid half-SSE network from the shared start."""
    network = Network(sizes, "sigmoid", "sigmoid", params=initial_params(sizes))
    return Trainer(network, X, Z, learning_rate=LEARNING_RATE, batch_size=batch_size,
                   loss="half-sse")


def mlpviz_rate(trainer, steps_per_call, samples_per_step, seconds):
    """Units per second of trainer.run(steps_per_call), after a warm-up that compiles the kernel."""
    trainer.run(steps_per_call)

    def work():
        trainer.run(steps_per_call)
        trainer.history.truncate(0)  # keeps memory flat; recording each step's loss is still timed
        return steps_per_call * samples_per_step

    return throughput(work, seconds)


# ---------------------------------------------------------------------------------------------
# PyTorch


def torch_model(sizes):
    """nn.Sequential of Linear+Sigmoid layers in float64, with the shared start copied in."""
    layers = []
    for l in range(1, len(sizes)):
        layers += [nn.Linear(sizes[l - 1], sizes[l]), nn.Sigmoid()]
    model = nn.Sequential(*layers).double()
    reference = Network(sizes, "sigmoid", "sigmoid", params=initial_params(sizes))
    with torch.no_grad():
        # nn.Linear.weight is (out, in), like W[l]
        for l, linear in enumerate(model[0::2], start=1):
            linear.weight.copy_(torch.from_numpy(reference.W[l]))
            linear.bias.copy_(torch.from_numpy(reference.b[l]))
    return model


def torch_trainer(sizes, X, Z, batch):
    """(model, step): step(n) does n SGD updates on consecutive batches, cycling the data."""
    model = torch_model(sizes)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    Xt, Zt = torch.from_numpy(X), torch.from_numpy(Z)
    batches = [(Xt[i : i + batch], Zt[i : i + batch]) for i in range(0, len(Xt), batch)]
    position = [0]

    def step(n):
        for _ in range(n):
            x, z = batches[position[0]]
            position[0] = (position[0] + 1) % len(batches)
            optimizer.zero_grad()
            loss = (0.5 * ((model(x) - z) ** 2).sum(dim=1)).mean()  # mean per-sample half-SSE
            loss.backward()
            optimizer.step()
        return n

    return model, step


def torch_rate(sizes, X, Z, batch, steps_per_call, seconds):
    """Samples (= updates when batch is 1) per second of PyTorch SGD, or None if not installed."""
    if torch is None:
        return None
    torch.set_num_threads(1)
    _, step = torch_trainer(sizes, X, Z, batch)
    step(steps_per_call)  # warm-up
    return throughput(lambda: step(steps_per_call) * batch, seconds)


def torch_params(model):
    """The model's parameters flattened in mlpviz's layout (W[1], b[1], W[2], b[2], ...)."""
    return np.concatenate([p.detach().numpy().ravel() for p in model.parameters()])


def agreement(sizes, X, Z, batch, steps):
    """Max |θ_mlpviz − θ_torch| after the same `steps` updates from the same start, or None."""
    if torch is None:
        return None
    torch.set_num_threads(1)
    trainer = mlpviz_trainer(sizes, X, Z, batch)
    trainer.run(steps)
    model, step = torch_trainer(sizes, X, Z, batch)
    step(steps)
    assert torch_params(model).size == parameter_layout(sizes)[2]
    return float(np.max(np.abs(trainer.network.params - torch_params(model))))


# ---------------------------------------------------------------------------------------------
# scikit-learn


def sklearn_rate(hidden, X, Z, batch, calls_per_round, seconds):
    """Samples/s of MLPRegressor.partial_fit on `batch`-row slices, or None if not installed."""
    if MLPRegressor is None:
        return None
    mlp = MLPRegressor(hidden_layer_sizes=hidden, activation="logistic", solver="sgd",
                       learning_rate="constant", learning_rate_init=LEARNING_RATE, momentum=0.0,
                       nesterovs_momentum=False, alpha=0.0, batch_size=batch, shuffle=False,
                       random_state=0)
    y = Z[:, 0] if Z.shape[1] == 1 else Z  # a single target as a 1-D array, as sklearn wants it
    slices = [(X[i : i + batch], y[i : i + batch]) for i in range(0, len(X), batch)]
    position = [0]

    def work():
        for _ in range(calls_per_round):
            x, z = slices[position[0]]
            position[0] = (position[0] + 1) % len(slices)
            mlp.partial_fit(x, z)
        return calls_per_round * batch

    work()  # warm-up (the first call also initializes the weights)
    return throughput(work, seconds)


# ---------------------------------------------------------------------------------------------
# online softmax + cross-entropy (4-8-3, SPEC section 13)

CLASSIFY_SIZES = (4, 8, 3)


def classify_data(seed=2, rows=150):
    """Iris-sized data: 4 inputs in [0, 1] and one of 3 classes, one-hot (and as indices)."""
    rng = np.random.default_rng(seed)
    X = rng.random((rows, 4))
    labels = (X[:, 0] + X[:, 1] > 1.0).astype(int) + (X[:, 2] > 0.6).astype(int)
    return X, np.eye(3)[labels], labels


def classify_start():
    network = Network(CLASSIFY_SIZES, "tanh", "softmax", params=initial_params(CLASSIFY_SIZES))
    return network


def mlpviz_classify_trainer():
    X, Z, _ = classify_data()
    return Trainer(classify_start(), X, Z, learning_rate=LEARNING_RATE, batch_size=1,
                   loss="cross-entropy")


def torch_classify_step():
    """(model, step): online SGD on Linear-Tanh-Linear logits with F.cross_entropy."""
    X, _, labels = classify_data()
    reference = classify_start()
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).double()
    with torch.no_grad():
        for l, linear in ((1, model[0]), (2, model[2])):
            linear.weight.copy_(torch.from_numpy(reference.W[l]))
            linear.bias.copy_(torch.from_numpy(reference.b[l]))
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    rows = [(torch.from_numpy(X[i : i + 1]), torch.from_numpy(labels[i : i + 1]))
            for i in range(len(X))]
    position = [0]

    def step(n):
        for _ in range(n):
            x, target = rows[position[0]]
            position[0] = (position[0] + 1) % len(rows)
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x), target).backward()
            optimizer.step()
        return n

    return model, step


def classify_rates(seconds):
    """(mlpviz updates/s, PyTorch updates/s or None, max |Δθ| after 1000 updates or None)."""
    mine = mlpviz_rate(mlpviz_classify_trainer(), 20_000, 1, seconds)
    if torch is None:
        return mine, None, None
    torch.set_num_threads(1)
    trainer = mlpviz_classify_trainer()
    trainer.run(1000)
    model, step = torch_classify_step()
    step(1000)
    diff = float(np.max(np.abs(trainer.network.params - torch_params(model))))
    _, step = torch_classify_step()
    step(200)  # warm-up
    return mine, throughput(lambda: step(200), seconds), diff


# ---------------------------------------------------------------------------------------------
# report


def versions():
    """One line per library version and the machine."""
    torch_version = torch.__version__ if torch else "not installed"
    sklearn_version = sklearn.__version__ if sklearn else "not installed"
    threads = os.environ.get("OPENBLAS_NUM_THREADS")
    return [
        f"Python {platform.python_version()}   numpy {np.__version__}   numba {numba.__version__}"
        f"   torch {torch_version}   scikit-learn {sklearn_version}",
        f"{platform.machine()} {platform.system()}, {os.cpu_count()} CPUs; float64;"
        f" threads: torch 1 (set_num_threads), numpy BLAS {threads} (OPENBLAS_NUM_THREADS)",
    ]


def table(title, unit, rows):
    """Print `rows` of (library, rate or None, note) with each rate's ratio mlpviz ÷ library."""
    mine = rows[0][1]
    print(f"\n{title}")
    print(f"  {'library':<14}{unit:>16}{'mlpviz ÷ this':>16}   note")
    for name, rate, note in rows:
        if rate is None:
            print(f"  {name:<14}{'not installed':>16}{'—':>16}")
            continue
        print(f"  {name:<14}{rate:>16,.0f}{mine / rate:>15,.1f}×   {note}".rstrip())


def verdict(label, value, target, shown):
    """One targets line: PASS/MISS (or SKIP when the comparison could not run)."""
    if value is None:
        print(f"  SKIP  {label}   (not installed)")
    else:
        print(f"  {'PASS' if value >= target else 'MISS'}  {label}   ({shown})")


def main(argv=None):
    """Run both cases, print the tables, then PASS/MISS per target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0,
                        help="time budget of each measurement (default 2)")
    seconds = parser.parse_args(argv).seconds

    print("mlpviz engine benchmark")
    for line in versions():
        print("  " + line)

    small = (2, 3, 1)
    online_diff = agreement(small, CHEAT_X, CHEAT_Z, 1, 1000)
    X, Z = batch_data()
    batch_diff = agreement(BATCH_SIZES, X, Z, BATCH, 100)
    if online_diff is not None:
        print(f"  agreement with PyTorch, max |Δθ|: 2-3-1 after 1000 online updates"
              f" {online_diff:.1e}, 64-128-10 after 100 batches {batch_diff:.1e}")

    online = [
        ("mlpviz", mlpviz_rate(mlpviz_trainer(small, CHEAT_X, CHEAT_Z, 1), 20_000, 1, seconds),
         "Trainer.run (numba kernel)"),
        ("PyTorch", torch_rate(small, CHEAT_X, CHEAT_Z, 1, 200, seconds),
         "nn.Sequential, optim.SGD, zero_grad/backward/step"),
        ("scikit-learn", sklearn_rate((3,), CHEAT_X, CHEAT_Z, 1, 200, seconds),
         "MLPRegressor.partial_fit; its output layer is identity, not sigmoid"),
    ]
    table("1. Online SGD (batch 1): 2-3-1, sigmoid hidden+output, E = ½Σ(y−z)², lr 0.1, "
          "4 cheat-sheet rows", "updates/s", online)

    batch = [
        ("mlpviz", mlpviz_rate(mlpviz_trainer(BATCH_SIZES, X, Z, BATCH), 128, BATCH, seconds),
         "Trainer.run (numpy gradient_step)"),
        ("PyTorch", torch_rate(BATCH_SIZES, X, Z, BATCH, 128, seconds),
         "loss = mean over the batch of per-sample ½Σ(y−z)²"),
        ("scikit-learn", sklearn_rate((128,), X, Z, BATCH, 64, seconds),
         "partial_fit on 32-row slices; identity output layer"),
    ]
    table(f"2. Mini-batch {BATCH}: 64-128-10, sigmoid hidden+output, half-SSE, lr 0.1, "
          f"{BATCH_SAMPLES} random rows", "samples/s", batch)

    mine, theirs, diff = classify_rates(seconds)
    if diff is not None:
        print(f"\n  agreement with PyTorch, max |Δθ|: 4-8-3 softmax + cross-entropy after 1000 "
              f"online updates {diff:.1e}")
    classify = [("mlpviz", mine, "Trainer.run (numba kernel), δ = y − z"),
                ("PyTorch", theirs, "Linear-Tanh-Linear, F.cross_entropy on logits, optim.SGD")]
    table("3. Online softmax + cross-entropy (batch 1): 4-8-3, tanh hidden, lr 0.1, 150 rows",
          "updates/s", classify)

    # bench/optimizer_rates.py: each optimizer against the C loop and PyTorch; the CLI's loop
    from optimizer_rates import report as optimizer_report

    optimizer_targets = optimizer_report(
        Network(small, "sigmoid", "sigmoid", params=initial_params(small)), CHEAT_X, CHEAT_Z,
        seconds)

    from batch_optimizers import report as batch_report

    optimizer_targets.update(batch_report(
        Network(BATCH_SIZES, "sigmoid", "sigmoid", params=initial_params(BATCH_SIZES)), X, Z,
        Network(small, "sigmoid", "sigmoid", params=initial_params(small)), CHEAT_X, CHEAT_Z,
        seconds))

    print("\ntargets")
    rate = online[0][1]
    verdict("online: mlpviz ≥ 100,000 updates/s", rate, 100_000, f"{rate:,.0f}")
    ratio = rate / online[1][1] if online[1][1] else None
    verdict("online: mlpviz ≥ 30× PyTorch", ratio, 30, f"{ratio or 0:,.1f}×")
    ratio = batch[0][1] / batch[1][1] if batch[1][1] else None
    verdict(f"mini-batch {BATCH}: mlpviz ≥ 1× PyTorch", ratio, 1, f"{ratio or 0:,.2f}×")
    ratio = mine / theirs if theirs else None
    verdict("online softmax + cross-entropy 4-8-3: mlpviz ≥ 30× PyTorch", ratio, 30,
            f"{ratio or 0:,.1f}×")
    for label, (value, target, shown) in optimizer_targets.items():
        verdict(label, value, target, shown)


if __name__ == "__main__":
    main()
