"""bench/engine.py's optimizer and C-loop sections (issue 14, SPEC sections 9 and 13).

For each optimizer, online on the cheat sheet's 2-3-1 network and its four rows: mlpviz's compiled
kernel (Trainer.run), the plain C loop of online_loop.c compiled here, and PyTorch's torch.optim
doing the same updates. Then the command line's own loop (cli.train_epochs, as `mlpviz train` on
the 4-row example runs it) against the same C loop. Rates are measured in alternating rounds and
each side's best round is kept, on the measuring thread's CPU clock (time.thread_time: every side
here computes in that thread, PyTorch set to one thread), so that time spent waiting for a core
on a busy machine counts for no side; the load average is printed beside them.
"""

from __future__ import annotations

import os
import time

import numpy as np

from c_loop import CLoop
from mlpviz.core.optimizers import OPTIMIZERS, OptimizerSettings
from mlpviz.core.trainer import Trainer

try:
    import torch
    from torch import nn
except (ImportError, OSError):
    torch = nn = None

RATE = 0.1
TORCH_OPTIMIZERS = {
    "sgd": lambda p: torch.optim.SGD(p, lr=RATE),
    "momentum": lambda p: torch.optim.SGD(p, lr=RATE, momentum=0.9),
    "nesterov": lambda p: torch.optim.SGD(p, lr=RATE, momentum=0.9, nesterov=True),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=RATE, alpha=0.99, eps=1e-8),
    "adam": lambda p: torch.optim.Adam(p, lr=RATE, betas=(0.9, 0.999), eps=1e-8),
}


def paired(runners, steps, seconds):
    """{name: updates/s}: each runner(steps) timed in turn, round after round, for about
    `seconds` of CPU time per runner; each keeps its fastest round."""
    best = {name: float("inf") for name in runners}
    for run in runners.values():
        run(steps)  # warm-up: compiles, allocates
    spent = 0.0
    while spent < seconds * len(runners):
        for name, run in runners.items():
            began = time.thread_time()
            run(steps)
            took = max(time.thread_time() - began, 1e-9)
            best[name] = min(best[name], took)
            spent += took
    return {name: steps / took for name, took in best.items()}


def mlpviz_runner(network, X, Z, name, specialized=True):
    """Trainer.run in the loop compiled for these settings (as `mlpviz train` runs it), or in the
    general one the window uses."""
    trainer = Trainer(network.copy(), X, Z, learning_rate=RATE,
                      optimizer=OptimizerSettings(name))
    trainer.specialized = specialized

    def run(steps):
        trainer.run(steps)
        trainer.history.truncate(0)
        return steps

    return trainer, run


def torch_model(network):
    """nn.Sequential of Linear+Sigmoid in float64 holding the network's weights and biases."""
    sizes = network.sizes
    layers = []
    for l in range(1, len(sizes)):
        layers += [nn.Linear(sizes[l - 1], sizes[l]), nn.Sigmoid()]
    model = nn.Sequential(*layers).double()
    with torch.no_grad():
        for l, linear in enumerate(model[0::2], start=1):
            linear.weight.copy_(torch.from_numpy(network.W[l]))
            linear.bias.copy_(torch.from_numpy(network.b[l]))
    return model


def torch_runner(network, X, Z, name):
    """(model, run): nn.Sequential Linear+Sigmoid in float64 from the same start, torch.optim."""
    model = torch_model(network)
    optimizer = TORCH_OPTIMIZERS[name](model.parameters())
    rows = [(torch.from_numpy(X[i : i + 1]), torch.from_numpy(Z[i : i + 1])) for i in range(len(X))]
    position = [0]

    def run(steps):
        for _ in range(steps):
            x, z = rows[position[0]]
            position[0] = (position[0] + 1) % len(rows)
            optimizer.zero_grad()
            (0.5 * ((model(x) - z) ** 2).sum()).backward()
            optimizer.step()
        return steps

    return model, run


def flat(model):
    return np.concatenate([p.detach().numpy().ravel() for p in model.parameters()])


def agreements(c_loop, network, X, Z, steps=1000):
    """Per optimizer: (C loop gives the same bits?, max |Δθ| against PyTorch or None)."""
    found = {}
    for name in OPTIMIZERS:
        trainer, run = mlpviz_runner(network, X, Z, name)
        run(steps)
        same = None
        if c_loop is not None:
            params = network.params.copy()
            c_loop.trainer(params, X, Z, network.sizes, RATE, name)(steps)
            same = bool(np.array_equal(params, trainer.network.params))
        diff = None
        if torch is not None:
            torch.set_num_threads(1)
            model, torch_run = torch_runner(network, X, Z, name)
            torch_run(steps)
            diff = float(np.max(np.abs(flat(model) - trainer.network.params)))
        found[name] = (same, diff)
    return found


def optimizer_rows(c_loop, network, X, Z, seconds):
    """{optimizer: {"mlpviz": rate, "general": rate, "C": rate or None, "PyTorch": rate or None}}:
    mlpviz in the loop compiled for the settings, and in the general loop the window runs."""
    rows = {}
    for name in OPTIMIZERS:
        runners = {"mlpviz": mlpviz_runner(network, X, Z, name)[1],
                   "general": mlpviz_runner(network, X, Z, name, specialized=False)[1]}
        if c_loop is not None:
            runners["C"] = c_loop.trainer(network.params.copy(), X, Z, network.sizes, RATE, name)
        rates = paired(runners, 100_000, seconds)
        if torch is not None:  # ~20 000 updates/s: timed on its own, in small rounds
            torch.set_num_threads(1)
            rates["PyTorch"] = paired({"PyTorch": torch_runner(network, X, Z, name)[1]}, 500,
                                      seconds)["PyTorch"]
        rows[name] = rates
    return rows


def command_line_rows(c_loop, network, X, Z, seconds, epochs=250_000):
    """{"mlpviz train": rate, "Trainer.run": rate, "C": rate}: `epochs` epochs of the 4 rows."""
    from mlpviz.cli import train_epochs

    def cli_run(steps):
        trainer = Trainer(network.copy(), X, Z, learning_rate=RATE)
        train_epochs(trainer, steps // len(X), quiet=True)
        return steps

    def engine_run(steps):
        trainer = Trainer(network.copy(), X, Z, learning_rate=RATE)
        trainer.specialized = True
        trainer.run(steps)
        return steps

    runners = {"mlpviz train": cli_run, "Trainer.run": engine_run}
    if c_loop is not None:
        runners["C"] = lambda steps: c_loop.trainer(network.params.copy(), X, Z, network.sizes,
                                                    RATE)(steps)
    return paired(runners, epochs * len(X), seconds)


def report(network, X, Z, seconds):
    """Print the sections; return {target label: (value, target, shown)} for the verdicts."""
    c_loop = CLoop.build()
    where = f"C loop: {c_loop.compiler}" if c_loop else "C loop: no C compiler found, skipped"
    print(f"\n4. Online, each optimizer (batch 1): 2-3-1 sigmoid, half-SSE, lr 0.1, 4 cheat-sheet "
          f"rows; {where}; PyTorch {'float64, 1 thread' if torch else 'not installed'}; "
          f"CPU time of the measuring thread; load average {os.getloadavg()[0]:.1f}")
    for name, (same, diff) in agreements(c_loop, network, X, Z).items():
        shown = "—" if diff is None else f"{diff:.1e}"
        c_text = "" if same is None else ("same bits as C, " if same else "NOT the same as C, ")
        print(f"  agreement after 1000 updates, {name:<9}: {c_text}max |Δθ| vs PyTorch {shown}")
    rows = optimizer_rows(c_loop, network, X, Z, seconds)
    print("  mlpviz: Trainer.run in the loop compiled for the optimizer (as `mlpviz train` runs "
          "long runs); general: the one loop for every setting, as the window runs it")
    print(f"  {'optimizer':<10}{'mlpviz/s':>12}{'general/s':>12}{'C loop/s':>12}{'÷ C':>7}"
          f"{'general ÷ C':>12}{'PyTorch/s':>11}{'÷ PyTorch':>11}")
    for name, rates in rows.items():
        mine, c, theirs = rates["mlpviz"], rates.get("C"), rates.get("PyTorch")
        print(f"  {name:<10}{mine:>12,.0f}{rates['general']:>12,.0f}{_num(c):>12}"
              f"{_ratio(mine, c, '.0%'):>7}{_ratio(rates['general'], c, '.0%'):>12}"
              f"{_num(theirs):>11}{_ratio(mine, theirs, ',.0f', '×'):>11}")
    cli = command_line_rows(c_loop, network, X, Z, seconds)
    print("\n5. The command line's loop: `mlpviz train` on the 4-row example (cli.train_epochs, "
          "250,000 epochs, quiet), and Trainer.run in the same compiled loop")
    for name, rate in cli.items():
        print(f"  {name:<14}{rate:>14,.0f} updates/s  {_ratio(rate, cli.get('C'), '.0%')} of C")
    verdicts = {}
    for name, rates in rows.items():
        theirs = rates.get("PyTorch")
        verdicts[f"online {name}: mlpviz ≥ 30× PyTorch"] = (
            rates["mlpviz"] / theirs if theirs else None, 30,
            f"{rates['mlpviz'] / theirs:,.0f}×" if theirs else "")
    adam = rows["adam"]["mlpviz"]
    verdicts["online adam 2-3-1: ≥ 1,000,000 updates/s"] = (adam, 1e6, f"{adam:,.0f}")
    c = rows["sgd"].get("C")
    verdicts["online SGD 2-3-1: mlpviz ≥ 80% of the C loop"] = (
        rows["sgd"]["mlpviz"] / c if c else None, 0.8,
        f"{rows['sgd']['mlpviz'] / c:.0%}" if c else "")
    c = cli.get("C")
    verdicts["mlpviz train, 4 rows: ≥ 80% of the C loop"] = (
        cli["mlpviz train"] / c if c else None, 0.8, f"{cli['mlpviz train'] / c:.0%}" if c else "")
    return verdicts


def _num(value):
    return "—" if value is None else f"{value:,.0f}"


def _ratio(mine, theirs, spec, suffix=""):
    return "—" if not theirs else f"{mine / theirs:{spec}}{suffix}"
