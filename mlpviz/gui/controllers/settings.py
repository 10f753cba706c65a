"""Settings: the editor's Apply and restart (a new experiment from step 0) and Apply from this
step (the same network trained on from the current weights: a new branch of the run)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from mlpviz.core.errors import InputError
from mlpviz.core.experiment import Experiment

from ..panels.settings_editor import invalidates_weights
from . import ended_runs


class SettingsController(QObject):
    def __init__(self, model, window, editor, files):
        super().__init__(window)
        self.model, self.window, self.editor, self.files = model, window, editor, files
        editor.applied.connect(self.apply_settings)
        editor.continued.connect(self.continue_with_settings)
        model.replaced.connect(lambda: editor.show_config(model.config))
        model.edited.connect(lambda: editor.show_config(model.config))

    def _edited_config(self):
        """The settings form's config, or None (after saying why) if it is not valid."""
        try:
            return self.editor.edited_config()
        except InputError as e:
            self.window.report_error(str(e))
            return None

    def apply_settings(self):
        """Apply the settings form: a new experiment from the edited config, from step 0."""
        old, config = self.model.config, self._edited_config()
        if config is None:
            return
        say = self.model.say
        if invalidates_weights(old, config) and config.initWeightsBiasesMethod == "file" \
                and config.sizes != old.sizes:
            config.initWeightsBiasesMethod = "random"
            say("The network changed shape, so the weights file no longer fits: starting from "
                "seeded random weights.", 10000)
        elif invalidates_weights(old, config):
            say("These settings change the network: training restarts from new initial "
                "weights.", 10000)
        else:
            say("Settings applied: training restarts at step 0.", 8000)
        session = self.model.session
        self.files.attempt(lambda: session.replace(Experiment.load(config), session.path))

    def continue_with_settings(self):
        """Apply the settings form from the current step and weights: a new branch of the run."""
        old, config = self.model.config, self._edited_config()
        if config is None:
            return
        if invalidates_weights(old, config):
            self.window.report_error("These settings change the network or its initial weights, "
                                     "so the current weights cannot go on with them: use Apply "
                                     "and restart.")
            return
        snapshot = self.model.snapshot
        step = snapshot.step if snapshot else 0
        params = self.model.current_params()
        state = snapshot.optimizer if snapshot else None  # v, m, s go on with the same optimizer
        curve = lambda: ended_runs.loss_curve(self.window.loss_plot)  # noqa: E731
        if self.files.attempt(lambda: self.model.session.continue_with(
                Experiment.load(config), params, step, state, curve)):
            self.model.say(f"Settings applied from step {step}: a new branch of the run; the "
                           f"timeline starts there; Back there brings the run before back.", 10000)
