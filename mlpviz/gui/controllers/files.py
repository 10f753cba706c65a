"""Files: open and save configs, weights and min-max files; load training and test CSVs; test
and predict on a CSV. Every load reads off the GUI thread (run/loader.py) and completes before
anything is swapped in, so a bad file leaves the window as it was, after one message."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from mlpviz.core import examples
from mlpviz.core.errors import Cancelled, InputError
from mlpviz.core.experiment import Experiment
from mlpviz.core import class_report
from mlpviz.core.from_csv import inspect_csv, write_experiment
from mlpviz.core.files import minmax_text, read_minmax, read_weights, weights_text, write_json, \
    write_minmax
from mlpviz.core.model_pair import minmax_beside
from mlpviz.core.outputs import Outputs
from mlpviz.core.normalize import MinMax
from mlpviz.core.saved_config import plan_save
from mlpviz.core.edits import training_csv_text

from ..panels.new_from_csv import NewFromCsvDialog
from ..panels.predictions import PredictionsDialog
from ..run.loader import load_with_progress
from .folders import LastFolders
from .recent import RecentFiles


class FilesController(QObject):
    def __init__(self, model, window):
        super().__init__(window)
        self.model = model
        self.window = window  # the parent of dialogs; report_error shows the messages
        self.recent = RecentFiles(window.settings, self.open_config, window)
        self.folders = LastFolders(window.settings, self.experiment_folder)

    @property
    def session(self):
        return self.model.session

    # -- configs ----------------------------------------------------------------------------

    def open_config(self, path=None):
        """Open a config (asks for one when `path` is None). Returns whether it opened."""
        if path is None:
            path = self._ask_open("config", "Open config", "Config files (*.json)")
            if not path:
                return False

        def change():  # Session.open, with the reading off the GUI thread
            experiment = load_with_progress(
                self.window, f"Opening {Path(path).name}…",
                lambda progress: Experiment.load(Path(path), progress=progress), source=path)
            self.session.replace(experiment, Path(path))
            self.warn(experiment.warnings)

        return self.attempt(change, remember=path)

    def warn(self, sentences):
        """Warnings about what was loaded (a near-miss config key, a skipped index column): shown
        once, as the command line prints them on stderr."""
        if sentences:
            self.window.report_error("\n\n".join(f"Warning: {s}" for s in sentences))

    def new_from_csv(self, path=None):
        """File ▸ New experiment from CSV: pick a CSV, choose what its columns are, and open the
        experiment core/from_csv.py writes beside it. Returns whether it opened."""
        path = path or self._ask_open("data", "New experiment from CSV",
                                      "CSV files (*.csv *.tsv *.txt);;All files (*)")
        if not path:
            return False
        found, written = [], []
        if not self.attempt(lambda: found.append(load_with_progress(
                self.window, f"Reading {Path(path).name}…",
                lambda progress: inspect_csv(path, progress), source=path))):
            return False
        dialog = NewFromCsvDialog(Path(path), found[0], self.window)
        if dialog.exec() != QDialog.Accepted:
            return False

        def change():
            try:
                hidden = dialog.hidden()
            except ValueError:
                raise InputError("Hidden layers", None, "expected widths, whole numbers ≥ 1 "
                                                        "separated by commas") from None
            written.append(write_experiment(path, found[0], dialog.roles(), hidden,
                                            dialog.test_fraction(), dialog.seed()))

        return self.attempt(change) and self.open_config(written[0])

    def attempt(self, change, remember=None):
        """Run a change; on bad input show the message and leave everything as it was."""
        try:
            change()
        except InputError as e:
            self.window.report_error(str(e))
            return False
        except OSError as e:
            self.window.report_error(f"{e.filename or ''}: {e.strerror or e}")
            return False
        except Cancelled:
            self.model.say("Loading cancelled; nothing changed.", 5000)
            return False
        if remember is not None:
            self.recent.remember(remember)
        return True

    def save_config(self):
        path = self.session.path
        if path is None or _bundled(path):
            return self.save_config_as()
        return self._write_config(Path(path))

    def save_config_as(self, path=None):
        path = path or self._ask_save("config", "Save config as", "config.json", "Config files (*.json)")
        return bool(path) and self._write_config(Path(path))

    def _write_config(self, path):
        """Save the config as `path`, ready for `mlpviz train` there (core/saved_config.py)."""
        experiment = self.session.experiment
        plan = plan_save(experiment, path, examples.resources_folder(),
                         lambda table: training_csv_text(experiment, table))
        try:
            plan.write()
        except OSError as e:
            self.window.report_error(f"{e.filename or path}: could not be written "
                                     f"({e.strerror or e})")
            return False
        # In place: the run's segments hold this very experiment (a change by hand later, or
        # Back over one, must still find it). Its data is now in the files the config names.
        experiment.config, experiment.data_edited = plan.config, False
        self.session.path = path
        self.recent.remember(path)
        self.window.show_title()
        wrote = [target.name for _, target in plan.copies] + [t.name for t, _ in plan.texts]
        also = f" (and {', '.join(wrote)} beside it)" if wrote else ""
        self.model.say(f"Saved {path}{also}", 5000)
        return True

    # -- weights and min-max -----------------------------------------------------------------

    def open_weights(self, path=None):
        """Start over from the weights in a file (the network's shape must match)."""
        path = path or self._ask_open("weights", "Open weights", "Weights files (*.json)")
        if not path:
            return False
        session = self.session

        def change():
            params = read_weights(path, session.config.sizes)
            session.replace(session.experiment, session.path, params=params)

        return self.attempt(change)

    def save_weights(self, path=None):
        path = path or self._ask_save("weights", "Save weights", "trained-weights-biases.json",
                                      "Weights files (*.json)")
        if not path:
            return False
        experiment = self.session.experiment
        minmax = minmax_beside(experiment.config, path)  # a normalized run: the pair, like train
        try:
            Outputs(Path(path), minmax).save_model(
                weights_text(self.session.network(self.model.current_params())),
                minmax_text(experiment.input_range, experiment.output_range))
        except (OSError, ValueError) as e:
            where = getattr(e, "filename", None) or path
            self.window.report_error(f"{where}: {getattr(e, 'strerror', None) or e}")
            return False
        self.model.say(f"Saved weights to {path}" + (f" and min-max to {minmax}" if minmax else ""),
                       5000)
        return True

    def open_minmax(self, path=None):
        """Use a min-max file's ranges for normalization (restarts training)."""
        path = path or self._ask_open("minmax", "Open min-max", "Min-max files (*.json)")
        if not path:
            return False
        session = self.session

        def change():
            c = session.config
            ranges = read_minmax(path, c.inputNodes, c.outputNodes)
            experiment = copy.copy(session.experiment)
            experiment.input_range = MinMax(ranges["minInput"], ranges["maxInput"],
                                            c.normalizeMethod)
            experiment.output_range = MinMax(ranges["minOutput"], ranges["maxOutput"],
                                             c.normalizeMethod)
            session.replace(experiment, session.path)

        return self.attempt(change)

    def save_minmax(self, path=None):
        path = path or self._ask_save("minmax", "Save min-max", "minmax.json", "Min-max files (*.json)")
        if not path:
            return False
        e = self.session.experiment
        try:
            write_minmax(path, e.input_range, e.output_range)
        except OSError as err:
            self.window.report_error(f"{path}: {err.strerror or err}")
            return False
        self.model.say(f"Saved min-max to {path}", 5000)
        return True

    # -- data --------------------------------------------------------------------------------

    def load_training_csv(self, path=None):
        """Train on another CSV: min-max recalculated as the config says, from step 0."""
        path = path or self._ask_open("data", "Load training data", "CSV files (*.csv)")
        if not path:
            return False
        session = self.session

        def change():
            config = copy.deepcopy(session.config)
            config.trainingDatasetCSVFile = str(Path(path).resolve())
            experiment = load_with_progress(
                self.window, f"Loading {Path(path).name}…",
                lambda progress: Experiment.load(config, progress=progress), source=path)
            session.replace(experiment, session.path)
            self.warn(experiment.warnings)

        return self.attempt(change)

    def _read_table(self, path, inputs_only=False):
        """A dataset CSV for the experiment (columns by name where the header has its labels),
        read off the GUI thread (a progress dialog if it takes a while)."""
        experiment = self.session.experiment
        read = experiment.read_inputs if inputs_only else experiment.read_table
        table = load_with_progress(self.window, f"Reading {Path(path).name}…",
                                   lambda progress: read(path, progress=progress), source=path)
        self.warn(table.notes)
        return table

    def _table_or_none(self, path, inputs_only=False):
        """_read_table, or None after saying why it could not be read (or that it was cancelled)."""
        tables = []
        self.attempt(lambda: tables.append(self._read_table(path, inputs_only)))
        return tables[0] if tables else None

    def load_test_csv(self, path=None):
        path = path or self._ask_open("data", "Load test data", "CSV files (*.csv)")
        if not path:
            return False
        c = self.session.config

        def change():
            table = self._read_table(path)
            self.session.experiment.test = table
            c.testingDatasetCSVFile = str(Path(path).resolve())
            self.model.tested_epoch = -1
            self.window.show_title()

        return self.attempt(change)

    def test_on_csv(self, path=None):
        """The mean loss of the current weights on a CSV (or the loaded test set)."""
        experiment = self.session.experiment
        if path is None and experiment.test is None:
            path = self._ask_open("data", "Test on data", "CSV files (*.csv)")
            if not path:
                return None
        c = self.session.config
        table = self._table_or_none(path) if path else experiment.test
        if table is None:
            return None
        loss = experiment.mean_loss(self.session.network(self.model.current_params()), table)
        snapshot = self.model.snapshot
        scored = "" if experiment.classes is None else "\n\n" + "\n".join(class_report.score(
            experiment, self.session.network(self.model.current_params()), table).lines())
        QMessageBox.information(self.window, "Test", f"{len(table.values)} samples: mean loss "
                                f"{loss:.6g} ({c.lossFunction}) at step "
                                f"{snapshot.step if snapshot else 0}.{scored}")
        return loss

    def predict_csv(self, path=None, show=True):
        """Predictions for a CSV's inputs, in the data's units, shown as a table."""
        path = path or self._ask_open("data", "Predict from data", "CSV files (*.csv)")
        if not path:
            return None
        c = self.session.config
        table = self._table_or_none(path, inputs_only=True)
        if table is None:
            return None
        network = self.session.network(self.model.current_params())
        if self.session.experiment.classes is not None:
            labels, rows = class_report.prediction_rows(self.session.experiment, network, table)
        else:
            labels, rows = _with_targets(c, table, self.session.experiment.predict(
                network, table.values[:, :c.inputNodes]))
        dialog = PredictionsDialog(labels, rows,
                                   f"{Path(path).name}: {len(rows)} rows, outputs in the data's "
                                   f"own units", self.window,
                                   lambda parent, title, name, filters: self.folders.ask_save(
                                       parent, "predictions", title, name, filters)[0])
        if show:
            dialog.show()
        return dialog

    # -- dialogs -----------------------------------------------------------------------------

    def _ask_open(self, kind, title, filters):
        return self.folders.ask_open(self.window, kind, title, filters)

    def _ask_save(self, kind, title, name, filters):
        return self.folders.ask_save(self.window, kind, title, name, filters)[0]

    def experiment_folder(self):
        """The open experiment's folder, or None (unsaved, or a bundled example's)."""
        path = self.session.path
        if path is None or _bundled(path):
            return None
        return str(Path(path).parent)


def _with_targets(config, table, outputs):
    """(labels, rows) of a predictions table: the inputs, the file's targets where it has them,
    and the predictions beside them."""
    n_in = config.inputNodes
    labels, columns = list(config.inputNodeLabels), [table.values[:, :n_in]]
    if table.values.shape[1] == n_in + config.outputNodes:  # the file has the targets
        labels += [f"{label} (target)" for label in config.outputNodeLabels]
        columns.append(table.values[:, n_in:])
        return labels + [f"{label} (predicted)" for label in config.outputNodeLabels], \
            np.hstack(columns + [outputs])
    return labels + list(config.outputNodeLabels), np.hstack(columns + [outputs])


def _bundled(path):
    """Whether `path` is one of the bundled examples (saved elsewhere, never over them)."""
    return examples.resources_folder() in Path(path).resolve().parents
