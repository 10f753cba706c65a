"""bench/engine.py's mini-batch and full-batch section for every optimizer (issue 14, item 2).

Mini-batch 32 on 64-128-10 (4096 random rows) and full batch on the cheat sheet's 2-3-1 and its
four rows: mlpviz's Trainer.run against PyTorch's torch.optim doing the same updates from the
same start, each side timed in alternating rounds (optimizer_rates.paired), samples/s and the
ratio. Before timing, both sides' parameters are compared after the same updates.
"""

from __future__ import annotations

import numpy as np

from mlpviz.core.network import Network
from mlpviz.core.optimizers import OPTIMIZERS, OptimizerSettings
from mlpviz.core.trainer import Trainer
from optimizer_rates import RATE, TORCH_OPTIMIZERS, flat, paired, torch_model

try:
    import torch
    from torch import nn
except (ImportError, OSError):
    torch = nn = None


def mlpviz_batches(network, X, Z, name, batch):
    trainer = Trainer(network.copy(), X, Z, learning_rate=RATE, batch_size=batch,
                      optimizer=OptimizerSettings(name))

    def run(steps):
        trainer.run(steps)
        trainer.history.truncate(0)
        return steps

    return trainer, run


def torch_batches(network, X, Z, name, batch):
    """(model, run): Linear+Sigmoid in float64 from the same start; loss = mean over the batch of
    each sample's ½Σ(y−z)², as mlpviz's; batches in file order, cycling."""
    model = torch_model(network)
    optimizer = TORCH_OPTIMIZERS[name](model.parameters())
    Xt, Zt = torch.from_numpy(X), torch.from_numpy(Z)
    size = batch or len(X)
    batches = [(Xt[i : i + size], Zt[i : i + size]) for i in range(0, len(X), size)]
    position = [0]

    def run(steps):
        for _ in range(steps):
            x, z = batches[position[0]]
            position[0] = (position[0] + 1) % len(batches)
            optimizer.zero_grad()
            (0.5 * ((model(x) - z) ** 2).sum(dim=1)).mean().backward()
            optimizer.step()
        return steps

    return model, run


def cases(big, X, Z, small, CX, CZ):
    """(title, network, X, Z, batch, steps per round)."""
    return [(f"mini-batch 32, {'-'.join(map(str, big.sizes))}, {len(X)} rows", big, X, Z, 32,
             64),
            (f"full batch, {'-'.join(map(str, small.sizes))}, {len(CX)} rows", small, CX, CZ, 0,
             2000)]


def report(big, X, Z, small, CX, CZ, seconds):
    """Print the table; return {target label: (value, target, shown)} for the verdicts."""
    print("\n6. Each optimizer, mini-batch and full batch (mlpviz Trainer.run; PyTorch "
          f"{'float64, 1 thread' if torch else 'not installed'})")
    print(f"  {'case':<38}{'optimizer':<10}{'mlpviz/s':>14}{'PyTorch/s':>14}{'÷ PyTorch':>11}"
          f"{'max |Δθ|':>11}   (samples/s)")
    verdicts = {}
    for title, network, A, B, batch, steps in cases(big, X, Z, small, CX, CZ):
        samples = batch or len(A)
        for name in OPTIMIZERS:
            trainer, mine = mlpviz_batches(network, A, B, name, batch)
            runners, diff = {"mlpviz": mine}, None
            if torch is not None:
                torch.set_num_threads(1)
                model, theirs = torch_batches(network, A, B, name, batch)
                check, _ = mlpviz_batches(network, A, B, name, batch)
                check.run(20)
                theirs(20)
                diff = float(np.max(np.abs(flat(model) - check.network.params)))
                runners["PyTorch"] = theirs
            rates = {k: v * samples for k, v in paired(runners, steps, seconds).items()}
            theirs_rate = rates.get("PyTorch")
            ratio = rates["mlpviz"] / theirs_rate if theirs_rate else None
            print(f"  {title:<38}{name:<10}{rates['mlpviz']:>14,.0f}"
                  f"{'—' if theirs_rate is None else f'{theirs_rate:,.0f}':>14}"
                  f"{'—' if ratio is None else f'{ratio:,.1f}×':>11}"
                  f"{'—' if diff is None else f'{diff:.0e}':>11}")
            if batch:  # SPEC section 13: mini-batch 32 on 64-128-10 ≥ 2× PyTorch
                verdicts[f"mini-batch 32 {name}: mlpviz ≥ 2× PyTorch"] = (
                    ratio, 2, f"{ratio or 0:,.1f}×")
    return verdicts
