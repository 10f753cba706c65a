"""The optimizer's and the penalties' lines of the math panel, with the numbers (SPEC section 9).

explain.py ends a weight's lines with plain gradient descent, `w5⁺ = w5 − η · ∂E/∂w5 = …`. With
another optimizer or a penalty the update is longer; explain_update writes it the way a lecture
does, for example for Adam with L2 (the worked example's w5, η = 0.5, first update):

    g = ∂E/∂w5 + λ₂·w5 = 0.082167041 + 0.01·0.4 = 0.086167041
    m ← β₁·m + (1 − β₁)·g = 0.9·0 + 0.1·0.086167041 = 0.008616704
    s ← β₂·s + (1 − β₂)·g² = 0.999·0 + 0.001·0.086167041² = 7.42476e-06
    m̂ = m / (1 − β₁ᵗ) = 0.008616704 / (1 − 0.9¹) = 0.086167041
    ŝ = s / (1 − β₂ᵗ) = 7.42476e-06 / (1 − 0.999¹) = 0.007424759
    w5⁺ = w5 − η·m̂ / (√ŝ + ε) = 0.4 − 0.5·0.086167041 / (√0.007424759 + 1e-08) = -0.099999942

Every number is the engine's: the new state and θ⁺ come from Optimizer.propose itself.
"""

from __future__ import annotations

import math

import numpy as np

from .explain import factor, number
from .optimizers import Optimizer

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def explain_update(settings, name, value, grad, state, t, learning_rate, is_weight=True,
                   frozen=False):
    """Lines from ∂E/∂θ to θ⁺ for the parameter called `name` (θ = `value`): the penalties' term
    (weights only), then the optimizer's state and update. `state` maps each of the optimizer's
    slots ("v", "m", "s") to its value before the update; `t` counts this update from 1."""
    if frozen:
        return [f"{name}⁺ = {name} = {number(value)}  (biases are frozen; their "
                f"{'state' if settings.slots else 'value'} stays as it is)"]
    optimizer = Optimizer(settings, np.array([is_weight]))
    for slot in settings.slots:
        optimizer.slot(slot)[0] = state[slot]
    optimizer.t = t - 1
    g = float(optimizer.gradient(np.array([value]), np.array([grad]))[0])
    new_params, new_slots = optimizer.propose(np.array([value]), np.array([grad]), learning_rate)
    after = {slot: float(new_slots[k, 0]) for k, slot in enumerate(settings.slots)}
    lines, symbol = _penalty_term(settings, name, value, grad, g, is_weight)
    rule = RULES[settings.name]
    lines += rule(settings, name, value, symbol, g, state, after, t, learning_rate,
                  float(new_params[0]))
    return lines


def penalty_line(settings, params, is_weight):
    """The penalty the objective gains, with its numbers: (λ₂/2)·Σw² + λ₁·Σ|w| = …"""
    w = np.asarray(params)[np.asarray(is_weight)]
    squares, absolute = float(np.sum(w * w)), float(np.sum(np.abs(w)))
    total = 0.5 * settings.l2 * squares + settings.l1 * absolute
    return (f"penalty = (λ₂/2)·Σw² + λ₁·Σ|w| = ({number(settings.l2)}/2)·{number(squares)} + "
            f"{number(settings.l1)}·{number(absolute)} = {number(total)}  (weights only)")


def _penalty_term(settings, name, value, grad, g, is_weight):
    """(lines, the symbol the update uses for the gradient)."""
    if not settings.penalized:
        return [], f"∂E/∂{name}"
    if not is_weight:
        return [f"(no penalty on biases: the optimizer uses ∂E/∂{name} = {number(grad)})"], \
            f"∂E/∂{name}"
    terms, numbers = [f"∂E/∂{name}"], [number(grad)]
    if settings.l2:
        terms.append(f"λ₂·{name}")
        numbers.append(f"{number(settings.l2)}·{factor(value)}")
    if settings.l1:
        terms.append(f"λ₁·sign({name})")
        numbers.append(f"{number(settings.l1)}·{factor(np.sign(value))}")
    return [f"g = {' + '.join(terms)} = {' + '.join(numbers)} = {number(g)}"], "g"


def _sgd(s, name, value, symbol, g, before, after, t, eta, new):
    return [f"{name}⁺ = {name} − η·{symbol} = {number(value)} − {number(eta)}·{factor(g)} = "
            f"{number(new)}"]


def _velocity(s, symbol, g, before, after):
    return (f"v ← μ·v + {symbol} = {number(s.momentum)}·{factor(before['v'])} + {factor(g)} = "
            f"{number(after['v'])}")


def _momentum(s, name, value, symbol, g, before, after, t, eta, new):
    return [_velocity(s, symbol, g, before, after),
            f"{name}⁺ = {name} − η·v = {number(value)} − {number(eta)}·{factor(after['v'])} = "
            f"{number(new)}"]


def _nesterov(s, name, value, symbol, g, before, after, t, eta, new):
    return [_velocity(s, symbol, g, before, after),
            f"{name}⁺ = {name} − η·({symbol} + μ·v) = {number(value)} − {number(eta)}·"
            f"({number(g)} + {number(s.momentum)}·{factor(after['v'])}) = {number(new)}"]


def _square_average(decay, symbol, g, before, after, letter="α"):
    squared = f"{symbol}²" if symbol == "g" else f"({symbol})²"
    return (f"s ← {letter}·s + (1 − {letter})·{squared} = {number(decay)}·{factor(before['s'])} + "
            f"{number(1.0 - decay)}·{factor(g)}² = {number(after['s'])}")


def _rmsprop(s, name, value, symbol, g, before, after, t, eta, new):
    return [_square_average(s.rmsprop_decay, symbol, g, before, after),
            f"{name}⁺ = {name} − η·{symbol} / (√s + ε) = {number(value)} − {number(eta)}·"
            f"{factor(g)} / (√{number(after['s'])} + {number(s.epsilon)}) = {number(new)}"]


def _adam(s, name, value, symbol, g, before, after, t, eta, new):
    power = str(t).translate(SUPERSCRIPTS)
    m_hat = after["m"] / (1.0 - math.pow(s.beta1, t))
    s_hat = after["s"] / (1.0 - math.pow(s.beta2, t))
    return [f"m ← β₁·m + (1 − β₁)·{symbol} = {number(s.beta1)}·{factor(before['m'])} + "
            f"{number(1.0 - s.beta1)}·{factor(g)} = {number(after['m'])}",
            _square_average(s.beta2, symbol, g, before, after, "β₂"),
            f"m̂ = m / (1 − β₁ᵗ) = {number(after['m'])} / (1 − {number(s.beta1)}{power}) = "
            f"{number(m_hat)}",
            f"ŝ = s / (1 − β₂ᵗ) = {number(after['s'])} / (1 − {number(s.beta2)}{power}) = "
            f"{number(s_hat)}",
            f"{name}⁺ = {name} − η·m̂ / (√ŝ + ε) = {number(value)} − {number(eta)}·"
            f"{factor(m_hat)} / (√{number(s_hat)} + {number(s.epsilon)}) = {number(new)}"]


RULES = {"sgd": _sgd, "momentum": _momentum, "nesterov": _nesterov, "rmsprop": _rmsprop,
         "adam": _adam}
