"""Optimizers in the window: chosen in Settings, their state in the math panel with the numbers,
Backspace restoring it, Apply from this step carrying it, the penalty beside the loss."""

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from mlpviz.core import Experiment
from mlpviz.core.examples import config_path
from mlpviz.core.explain import number
from mlpviz.gui.graph.style import Selection
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    return open_window(qtbot, tmp_path)


def settle(qtbot, window, step):
    qtbot.waitUntil(lambda: window.session.worker.trainer.step == step
                    and not window.session.worker.running, timeout=10000)
    qtbot.wait(20)
    window.session.worker._publish()
    window.model.refresh()
    assert window.model.snapshot.step == step


def choose(window, name, **values):
    """Pick an optimizer and constants in the Settings tab, then Apply from this step."""
    fields = window.editor.optimizer
    fields.name.setCurrentText(name)
    for key, value in values.items():
        fields.boxes[key].setValue(value)
    window.editor.continue_button.click()


def reference(steps, **changes):
    experiment = Experiment.load(config_path("worked-example"))
    for key, value in changes.items():
        setattr(experiment.config, key, value)
    trainer = experiment.trainer()
    trainer.run(steps)
    return trainer


def test_adam_from_settings_its_lines_for_w5_and_back_restores_them(qtbot, window):
    choose(window, "adam")
    assert window.model.trainer.optimizer.settings.name == "adam"
    assert not window.editor.optimizer.boxes["momentum"].isEnabled()
    window.model.select(Selection("weight", 2, 0, 0))
    first = window.details.text_lines()
    assert "m ← β₁·m + (1 − β₁)·∂E/∂w5 = 0.9·0 + 0.1·0.082167041 = 0.008216704" in first
    assert "m̂ = m / (1 − β₁ᵗ) = 0.008216704 / (1 − 0.9¹) = 0.082167041" in first
    window.running.step()
    settle(qtbot, window, 1)
    expected = reference(1, optimizer="adam")
    assert np.array_equal(window.model.snapshot.params, expected.network.params)
    name, slots, t = window.model.snapshot.optimizer
    assert name == "adam" and t == 1 and np.array_equal(slots, expected.optimizer.slots)
    text = window.details.text_lines()
    m = expected.optimizer.slot("m")[6]  # w5 is the 7th parameter: W[1] (4), b[1] (2), w5
    assert m == pytest.approx(0.1 * 0.082167041)  # Adam's m after its first update
    assert f"m ← β₁·m + (1 − β₁)·∂E/∂w5 = 0.9·{number(m)} + 0.1·" in text
    assert "(1 − 0.9²)" in text and "(1 − 0.999²)" in text and "w5⁺ = w5 − η·m̂ / (√ŝ + ε)" in text
    window.running.back()  # Backspace
    settle(qtbot, window, 0)
    name, slots, t = window.model.snapshot.optimizer
    assert t == 0 and not slots.any()
    assert window.details.text_lines() == first


def test_apply_from_this_step_carries_the_state_of_the_same_optimizer(qtbot, window):
    choose(window, "momentum")
    window.running.step()
    window.running.step()
    settle(qtbot, window, 2)
    before = window.model.snapshot.optimizer
    choose(window, "momentum", l2=0.01)  # a branch from step 2 with a penalty
    qtbot.waitUntil(lambda: window.model.snapshot is not None
                    and window.model.snapshot.step == 2, timeout=10000)
    trainer = window.model.trainer
    assert trainer.optimizer.settings.l2 == 0.01 and trainer.optimizer.t == 2
    assert np.array_equal(trainer.optimizer.slot("v"), before[1][0])
    choose(window, "adam")  # another optimizer: its own state starts at zero
    qtbot.waitUntil(lambda: window.model.trainer.optimizer.settings.name == "adam",
                    timeout=10000)
    assert window.model.trainer.optimizer.t == 0


def test_the_penalty_is_plotted_beside_the_data_loss(qtbot, window):
    choose(window, "sgd", l2=0.1, l1=0.01)
    window.running.step()
    window.running.step()
    window.running.step()
    settle(qtbot, window, 3)
    window.loss_plot.refresh()
    expected = reference(3, l2=0.1, l1=0.01)
    assert np.array_equal(window.loss_plot.penalty.series.y.view,
                          expected.history.penalty.values)
    assert np.array_equal(window.loss_plot.steps.y.view, expected.history.values)
    names = [label.text for _, label in window.loss_plot.legend.items]
    assert any(name.startswith("penalty") for name in names)
    window.model.select(None)
    assert any(line.startswith("penalty = (λ₂/2)·Σw² + λ₁·Σ|w|")
               for line in window.details.text_lines().splitlines())
