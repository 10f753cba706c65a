"""The training loop: steps, epochs, shuffling and the per-step loss history.

A step is one parameter update: one sample (batch size 1), one mini-batch, or the whole training
set (batch size 0). An epoch is one pass over the training set, in file order unless shuffling is
on. Which samples a step uses follows from the step number alone (epoch = step // batches per
epoch, shuffled with a generator seeded by (seed, epoch)), so a run can be resumed or replayed
from any step and gives the same numbers bit for bit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .network import gradient_step
from .optimizers import Optimizer

CHUNK = 1 << 16  # steps per call of the compiled loop (bounds the index buffers)


class LossHistory:
    """A growable float array of one loss per step; with_penalty, a second one beside it for the
    penalty (λ₂/2) Σ w² + λ₁ Σ |w| of each step, kept in step with it (`penalty`)."""

    def __init__(self, with_penalty=False):
        self._data = np.empty(1024)
        self.count = 0
        self.penalty = LossHistory() if with_penalty else None

    @property
    def values(self):
        return self._data[: self.count]

    def reserve(self, extra):
        """Room for `extra` more values; returns the writable slice for them."""
        need = self.count + extra
        if need > self._data.size:
            grown = np.empty(max(need, 2 * self._data.size))
            grown[: self.count] = self.values
            self._data = grown
        if self.penalty is not None:
            self.penalty.reserve(extra)
        return self._data[self.count : need]

    def penalty_slots(self, extra):
        """The writable slice for the penalties of the `extra` steps just reserved (or None)."""
        if self.penalty is None:
            return None
        return self.penalty._data[self.penalty.count : self.penalty.count + extra]

    def commit(self, n):
        self.count += n
        if self.penalty is not None:
            self.penalty.commit(n)

    def truncate(self, count):
        self.count = min(count, self.count)
        if self.penalty is not None:
            self.penalty.truncate(count)

    def __len__(self):
        return self.count


class Trainer:
    """Trains `network` on the normalized arrays X (inputs) and Z (targets), one step at a time."""

    def __init__(self, network, X, Z, *, learning_rate=0.1, batch_size=1, loss="half-sse",
                 train_biases=True, shuffle=False, seed=0, optimizer=None):
        self.network = network
        self.X = np.ascontiguousarray(X, dtype=float)
        self.Z = np.ascontiguousarray(Z, dtype=float)
        if len(self.X) == 0 or len(self.X) != len(self.Z):
            raise ValueError("training data needs at least one row, and as many targets as inputs")
        self.learning_rate = float(learning_rate)
        self.batch_size = int(batch_size)
        self.loss = loss
        self.train_biases = bool(train_biases)
        self.shuffle = bool(shuffle)
        self.seed = int(seed)
        self.step = 0  # updates done so far
        # the optimizer (optimizers.OptimizerSettings, plain SGD if None) and its state
        self.optimizer = Optimizer.for_network(optimizer, network.sizes)
        self.history = LossHistory(with_penalty=self.optimizer.settings.penalized)
        # the step the run stopped before, because its loss or the parameters it would give were
        # not finite (core/divergence.py says which); steps before it are all kept
        self.diverged_at = None
        self.last_batch = None  # (forward, backward) of the last mini-batch or full-batch step
        self._kernel = None  # the compiled loop's buffers (online), made at the first step: numba
        #                      is imported only when a step needs it (`mlpviz --help` stays fast)
        self._gradient_of = None  # the step whose gradient the kernel or last_batch holds
        self._order_cache = (None, None)
        self._cycle = None  # 0, 1, …, samples − 1 repeated, at least CHUNK + samples long
        # online steps in the loop compiled for these settings (online_variants.py): the same
        # numbers ~20 % faster, but each new combination of settings compiles (seconds, once per
        # machine: numba caches it). For long runs (the command line); the window keeps the one
        # general loop it prepares at start, so that changing a setting never stalls it.
        self.specialized = False

    @property
    def compiled(self):
        """Whether steps run in the compiled loop (online), which releases the GIL while it runs."""
        return self.batch == 1

    @property
    def samples(self):
        return len(self.X)

    @property
    def batch(self):
        """Samples per step: batch size 0 (or one larger than the data) means the whole set."""
        return self.samples if self.batch_size in (0,) or self.batch_size >= self.samples \
            else self.batch_size

    @property
    def steps_per_epoch(self):
        return math.ceil(self.samples / self.batch)

    @property
    def epoch(self):
        """Epochs completed."""
        return self.step // self.steps_per_epoch

    def epoch_order(self, epoch):
        """The order of the samples in `epoch`: file order, or a seeded shuffle."""
        if not self.shuffle or self.batch == self.samples:
            return np.arange(self.samples)
        cached_epoch, order = self._order_cache
        if cached_epoch != epoch:
            order = np.random.default_rng([self.seed, epoch]).permutation(self.samples)
            self._order_cache = (epoch, order)
        return order

    def batch_indices(self, step):
        """The sample indices step number `step` trains on (the last batch of an epoch may be short)."""
        epoch, k = divmod(step, self.steps_per_epoch)
        return self.epoch_order(epoch)[k * self.batch : (k + 1) * self.batch]

    def run(self, steps):
        """Do up to `steps` updates; returns how many were done (fewer only if training diverged)."""
        if self.diverged_at is not None:
            return 0
        done = 0
        while done < steps:
            n = min(CHUNK, steps - done)
            did = self._online(n) if self.compiled else self._batches(n)
            done += did
            if did < n:
                self.diverged_at = self.step
                break
        return done

    def run_epochs(self, epochs):
        """Train to the end of the epoch `epochs` whole epochs from the current one's start."""
        target = (self.epoch + epochs) * self.steps_per_epoch
        return self.run(target - self.step)

    def _online(self, n):
        if self._kernel is None:
            from .online import OnlineKernel

            self._kernel = OnlineKernel(self.network, self.loss)
        indices = self._online_indices(self.step, n)
        losses = self.history.reserve(n)
        did = self._kernel.run(self.X, self.Z, indices, self.learning_rate, self.train_biases,
                               losses, self.optimizer, self.history.penalty_slots(n),
                               self.specialized)
        self.history.commit(did)
        self.step += did
        if did:
            self._gradient_of = self.step
        return did

    def _online_indices(self, start, n):
        if not self.shuffle:  # file order, over and over: a slice of one long repeating array
            if self._cycle is None:
                self._cycle = np.tile(np.arange(self.samples, dtype=np.int64),
                                      -(-(CHUNK + self.samples) // self.samples))
            at = start % self.samples
            return self._cycle[at : at + n]
        pieces, s = [], start
        while s < start + n:
            epoch, k = divmod(s, self.samples)
            take = min(self.samples - k, start + n - s)
            pieces.append(self.epoch_order(epoch)[k : k + take])
            s += take
        return np.concatenate(pieces).astype(np.int64)

    def _batches(self, n):
        s = self.optimizer.settings
        plain = s.name == "sgd" and not s.penalized  # θ − η∇θ, as gradient_step has it
        for done in range(n):
            rows = self.batch_indices(self.step)
            penalty = self._penalty()
            loss, forward, backward = gradient_step(self.network, self.X[rows], self.Z[rows],
                                                    self.learning_rate, self.loss,
                                                    self.train_biases,
                                                    None if plain else self.optimizer)
            self.history.reserve(1)[0] = loss
            if penalty is not None:
                self.history.penalty_slots(1)[0] = penalty
            if backward is None:
                return done
            self.history.commit(1)
            if plain:  # (otherwise the optimizer counted it itself)
                self.optimizer.t += 1
            self.last_batch = (forward, backward)
            self.step += 1
            self._gradient_of = self.step
        return n

    def _penalty(self):
        """The penalty of the parameters now, if the run has one."""
        if self.history.penalty is None:
            return None
        with np.errstate(over="ignore"):  # a diverging run: reported, not warned
            return self.optimizer.penalty(self.network.params)

    def last_gradient(self):
        """The gradient (flat, like params) of the step that led to the current one; None at the
        first step, or when the current step was restored rather than trained into (a rewind)."""
        if self._gradient_of != self.step:
            return None
        return self._kernel.grad.copy() if self._kernel else self.last_batch[1].grad.copy()

    # -- what a timeline keeps of a step ------------------------------------------------

    def save(self):
        """A copy of everything the next steps depend on: the parameters and the optimizer's
        state (restore() puts it back, bit for bit)."""
        return Saved(self.network.params.copy(), *self.optimizer.save())

    def restore(self, saved):
        self.network.set_params(saved.params)
        self.optimizer.restore((saved.slots, saved.t))


@dataclass(frozen=True)
class Saved:
    """A step of a run as a timeline keeps it: the parameters, the optimizer's slots and its t."""

    params: np.ndarray
    slots: np.ndarray
    t: int

    @property
    def nbytes(self):
        return self.params.nbytes + self.slots.nbytes
