"""The loss landscape around a run: two-parameter slices, the recorded trajectory and its plane.

A slice varies two parameters θ_i, θ_j over a grid and holds every other one at its current
value. The trajectory plane (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets")
spans the first two principal directions of the recorded parameters; the loss is evaluated on
that plane, θ = origin + a·d₁ + b·d₂.

Every grid is evaluated in batches: the G² parameter vectors go through one forward pass with a
leading batch axis (chunked to bound memory), never a Python loop over grid cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .output_error import sample_loss
from .network import parameter_layout

CHUNK_FLOATS = 1 << 21  # about 16 MB of float64 per intermediate array of a batch


def _chunks(m, per_item):
    """Slices of range(m) with about CHUNK_FLOATS / per_item items each."""
    size = max(1, CHUNK_FLOATS // max(1, per_item))
    return [slice(a, min(m, a + size)) for a in range(0, m, size)]


def _not_cancelled():
    return False


def batched_loss(network, P, X, Z, loss="half-sse", cancelled=_not_cancelled):
    """Mean sample loss for each row of P (m, n_params): one forward pass with a batch axis.

    net[l] = out[l-1] @ W[l]ᵀ + b[l], with W[l] and b[l] taken per row of P.
    Returns an array of m losses, or None if `cancelled()` became true between chunks.
    """
    P = np.atleast_2d(P)
    X, Z = np.atleast_2d(X), np.atleast_2d(Z)
    sizes = network.sizes
    w_off, b_off, count = parameter_layout(sizes)
    widest = max(sizes)
    result = np.empty(len(P))
    for part in _chunks(len(P), max(count, len(X) * widest)):
        if cancelled():
            return None
        Q = P[part]
        out = X
        with np.errstate(over="ignore", invalid="ignore"):
            for l in range(1, len(sizes)):
                W = Q[:, w_off[l] : b_off[l]].reshape(len(Q), sizes[l], sizes[l - 1])
                b = Q[:, b_off[l] : b_off[l] + sizes[l]]
                net = out @ W.transpose(0, 2, 1) + b[:, None, :]
                out = ACTIVATIONS[network.activation(l)](net)
            result[part] = sample_loss(loss, network.output_activation, net, out, Z).mean(axis=-1)
    return result


def parameter_at(sizes, index):
    """(layer, node, source) of a flat parameter index; source is None for a bias."""
    w_off, b_off, _ = parameter_layout(sizes)
    for l in range(1, len(sizes)):
        if w_off[l] <= index < b_off[l]:
            node, source = divmod(index - w_off[l], sizes[l - 1])
            return l, node, source
        if b_off[l] <= index < b_off[l] + sizes[l]:
            return l, index - b_off[l], None
    raise IndexError(f"parameter index {index} out of range")


def sparse_batched_loss(network, X, Z, loss, indices, values, cancelled=_not_cancelled):
    """Mean sample loss when only params[indices] change: values has shape (m, len(indices)).

    Layers below the first changed one are computed once. In a changed layer each candidate
    adds a rank-one correction to the shared net input: Δθ · out[l-1][source] for a weight
    w[l][node][source], Δθ for a bias b[l][node]. Returns m losses (None if cancelled).
    """
    values = np.atleast_2d(np.asarray(values, dtype=float))
    X, Z = np.atleast_2d(X), np.atleast_2d(Z)
    sizes, base = network.sizes, network.params
    changes = {}
    for k, index in enumerate(indices):
        l, node, source = parameter_at(sizes, index)
        changes.setdefault(l, []).append((node, source, k, base[index]))
    first = min(changes)
    with np.errstate(over="ignore", invalid="ignore"):
        shared = X
        for l in range(1, first):
            shared = ACTIVATIONS[network.activation(l)](shared @ network.W[l].T + network.b[l])
    result = np.empty(len(values))
    for part in _chunks(len(values), len(X) * max(sizes)):
        if cancelled():
            return None
        V, out = values[part], shared
        with np.errstate(over="ignore", invalid="ignore"):
            for l in range(first, len(sizes)):
                net = out @ network.W[l].T + network.b[l]
                if l in changes:
                    net = np.broadcast_to(net, (len(V),) + net.shape[-2:]).copy()
                    for node, source, k, at in changes[l]:
                        delta = (V[:, k] - at)[:, None]
                        net[:, :, node] += delta if source is None else delta * out[..., source]
                out = ACTIVATIONS[network.activation(l)](net)
            result[part] = sample_loss(loss, network.output_activation, net, out, Z).mean(axis=-1)
    return result


@dataclass
class Grid:
    """Losses over a grid: loss[r, c] is at (xs[c], ys[r])."""

    xs: np.ndarray
    ys: np.ndarray
    loss: np.ndarray


def axis(center, span, resolution):
    """`resolution` evenly spaced values from center − span to center + span."""
    return np.linspace(center - span, center + span, int(resolution))


def slice_grid(network, X, Z, loss, i, j, center=None, span=1.0, resolution=41,
               cancelled=_not_cancelled):
    """Loss over (θ_i, θ_j) around `center` (default: their current values), all else held.

    span is the half-width of the range, one number or one per axis. None if cancelled.
    """
    center = (network.params[i], network.params[j]) if center is None else center
    sx, sy = np.broadcast_to(np.asarray(span, dtype=float), (2,))
    xs, ys = axis(center[0], sx, resolution), axis(center[1], sy, resolution)
    gx, gy = np.meshgrid(xs, ys)
    losses = sparse_batched_loss(network, X, Z, loss, [i, j],
                                 np.column_stack([gx.ravel(), gy.ravel()]), cancelled)
    return None if losses is None else Grid(xs, ys, losses.reshape(gy.shape))


class Trajectory:
    """The parameters a run passed through, sampled by step, in bounded memory.

    Holds at most `max_points` samples (fewer for large networks: about `budget_mb` MB). When
    full it keeps every other sample and from then on records half as densely; the newest
    sample is always kept, so the path ends at the current point.
    """

    def __init__(self, max_points=2000, budget_mb=16):
        self.max_points = max_points
        self.budget_mb = budget_mb
        self.clear()

    def clear(self):
        self._steps = np.empty(0, dtype=np.int64)
        self._points = None
        self.count = 0
        self.stride = 1  # the least distance in steps between two kept samples

    def __len__(self):
        return self.count

    @property
    def steps(self):
        return self._steps[: self.count]

    @property
    def points(self):
        """(count, n_params), oldest first."""
        return self._points[: self.count] if self._points is not None else np.empty((0, 0))

    def append(self, step, params):
        """Record params at `step`. A step not after the newest one first drops the later ones."""
        params = np.asarray(params, dtype=float)
        if self._points is None or self._points.shape[1] != params.size:
            self._allocate(params.size)
        if self.count and step <= self._steps[self.count - 1]:
            self.truncate(step - 1)
        if self.count >= 2 and step - self._steps[self.count - 2] < self.stride:
            self.count -= 1  # the newest sample was provisional: replace it
        elif self.count == len(self._steps):
            self._thin()
        self._steps[self.count] = step
        self._points[self.count] = params
        self.count += 1

    def truncate(self, step):
        """Forget the samples after `step` (the run was rewound to it)."""
        self.count = int(np.searchsorted(self.steps, step, side="right"))

    def _allocate(self, n):
        capacity = int(min(self.max_points, max(32, self.budget_mb * 2**20 // (8 * n))))
        capacity += capacity % 2
        self._steps = np.zeros(capacity, dtype=np.int64)
        self._points = np.full((capacity, n), np.nan)  # written now: memory in use stays flat
        self.count, self.stride = 0, 1

    def _thin(self):
        keep = np.arange(0, self.count, 2)
        keep[-1] = self.count - 1  # the newest one stays
        for k, source in enumerate(keep):  # in place (source ≥ k): no temporary copy
            self._steps[k] = self._steps[source]
            self._points[k] = self._points[source]
        self.count = len(keep)
        self.stride *= 2


@dataclass
class Plane:
    """The trajectory's plane: θ = origin + a·directions[0] + b·directions[1]."""

    origin: np.ndarray  # the newest point, so the current parameters sit at (0, 0)
    directions: np.ndarray  # (2, n_params), orthonormal
    explained: np.ndarray  # the share of the trajectory's variance along each direction
    coords: np.ndarray  # (count, 2): each recorded point projected on the plane


def pca_plane(points, origin=None):
    """The first two principal directions of the points (rows) and their projections, with
    `origin` (default: the last point) at (0, 0).

    The directions come from the SVD of the points minus their mean; each is signed so the
    first point has a negative coordinate (the path runs left to right, bottom to top).
    """
    points = np.asarray(points, dtype=float)
    if len(points) < 2 or points.shape[1] < 2:
        raise ValueError("a plane needs at least two points of at least two parameters")
    centred = points - points.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    directions = np.zeros((2, points.shape[1]))
    k = min(2, len(vt))
    directions[:k] = vt[:k]
    if k < 2:  # two points of a rank-one path: any direction orthogonal to the first
        other = np.zeros(points.shape[1])
        other[int(np.argmin(np.abs(directions[0])))] = 1.0
        other -= directions[0] * (other @ directions[0])
        directions[1] = other / np.linalg.norm(other)
    variance = s**2
    total = variance.sum()
    explained = np.zeros(2)
    if total > 0:
        explained[:k] = variance[:k] / total
    origin = points[-1].copy() if origin is None else np.array(origin, dtype=float)
    coords = (points - origin) @ directions.T
    for d in range(2):
        if coords[0, d] > 0:
            directions[d] *= -1
            coords[:, d] *= -1
    return Plane(origin, directions, explained, coords)


def plane_grid(network, X, Z, loss, plane, resolution=31, margin=0.25, cancelled=_not_cancelled):
    """Loss over the trajectory's plane, on a square-celled range around the projected path.

    The range covers every projected point with `margin` of its extent to spare on each side.
    """
    lo, hi = plane.coords.min(axis=0), plane.coords.max(axis=0)
    extent = max(float(np.max(hi - lo)), 1e-3)
    centre = (lo + hi) / 2
    half = extent * (0.5 + margin)
    xs, ys = axis(centre[0], half, resolution), axis(centre[1], half, resolution)
    gx, gy = np.meshgrid(xs, ys)
    ab = np.column_stack([gx.ravel(), gy.ravel()])
    losses = np.empty(len(ab))
    n = plane.origin.size
    for part in _chunks(len(ab), n):
        P = plane.origin + ab[part] @ plane.directions
        got = batched_loss(network, P, X, Z, loss, cancelled)
        if got is None:
            return None
        losses[part] = got
    return Grid(xs, ys, losses.reshape(gy.shape))
