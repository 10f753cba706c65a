"""Files: open and save configs, weights and min-max files; load training and test CSVs; test
and predict on a CSV. Every load reads off the GUI thread (run/loader.py) and completes before
anything is swapped in, so a bad file leaves the window as it was, after one message."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from mlpviz.core import examples
from mlpviz.core.config import PATH_KEYS
from mlpviz.core.errors import Cancelled, InputError
from mlpviz.core.experiment import Experiment
from mlpviz.core import class_report
from mlpviz.core.from_csv import inspect_csv, write_experiment
from mlpviz.core.files import read_minmax, read_weights, write_json, write_minmax, \
    write_weights
from mlpviz.core.normalize import MinMax

from ..panels.new_from_csv import NewFromCsvDialog
from ..panels.predictions import PredictionsDialog
from ..run.loader import load_with_progress
from .recent import RecentFiles


class FilesController(QObject):
    def __init__(self, model, window):
        super().__init__(window)
        self.model = model
        self.window = window  # the parent of dialogs; report_error shows the messages
        self.recent = RecentFiles(window.settings, self.open_config, window)

    @property
    def session(self):
        return self.model.session

    # -- configs ----------------------------------------------------------------------------

    def open_config(self, path=None):
        """Open a config (asks for one when `path` is None). Returns whether it opened."""
        if path is None:
            path = self._ask_open("Open config", "Config files (*.json)")
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
        path = path or self._ask_open("New experiment from CSV",
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
        path = path or self._ask_save("Save config as", "config.json", "Config files (*.json)")
        return bool(path) and self._write_config(Path(path))

    def _write_config(self, path):
        config = copy.deepcopy(self.session.config)
        for key in PATH_KEYS:  # keep the files it names, seen from the new folder
            target = config.path(key)
            if target is not None:
                setattr(config, key, os.path.relpath(target.resolve(), path.resolve().parent))
        try:
            write_json(path, config.to_json())
        except OSError as e:
            self.window.report_error(f"{path}: {e.strerror or e}")
            return False
        config.folder, config.source = path.resolve().parent, str(path)
        self.session.experiment.config = config
        self.session.path = path
        self.recent.remember(path)
        self.window.show_title()
        self.model.say(f"Saved {path}", 5000)
        return True

    # -- weights and min-max -----------------------------------------------------------------

    def open_weights(self, path=None):
        """Start over from the weights in a file (the network's shape must match)."""
        path = path or self._ask_open("Open weights", "Weights files (*.json)")
        if not path:
            return False
        session = self.session

        def change():
            params = read_weights(path, session.config.sizes)
            session.replace(session.experiment, session.path, params=params)

        return self.attempt(change)

    def save_weights(self, path=None):
        path = path or self._ask_save("Save weights", "trained-weights-biases.json",
                                      "Weights files (*.json)")
        if not path:
            return False
        try:
            write_weights(path, self.session.network(self.model.current_params()))
        except (OSError, ValueError) as e:
            self.window.report_error(f"{path}: {getattr(e, 'strerror', None) or e}")
            return False
        self.model.say(f"Saved weights to {path}", 5000)
        return True

    def open_minmax(self, path=None):
        """Use a min-max file's ranges for normalization (restarts training)."""
        path = path or self._ask_open("Open min-max", "Min-max files (*.json)")
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
        path = path or self._ask_save("Save min-max", "minmax.json", "Min-max files (*.json)")
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
        path = path or self._ask_open("Load training data", "CSV files (*.csv)")
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
        path = path or self._ask_open("Load test data", "CSV files (*.csv)")
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
            path = self._ask_open("Test on data", "CSV files (*.csv)")
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
        path = path or self._ask_open("Predict from data", "CSV files (*.csv)")
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
                                   f"own units", self.window)
        if show:
            dialog.show()
        return dialog

    # -- dialogs -----------------------------------------------------------------------------

    def _ask_open(self, title, filters):
        path, _ = QFileDialog.getOpenFileName(self.window, title, self._folder(), filters)
        return path or None

    def _ask_save(self, title, name, filters):
        path, _ = QFileDialog.getSaveFileName(self.window, title,
                                              str(Path(self._folder()) / name), filters)
        return path or None

    def _folder(self):
        path = self.session.path
        if path is None or _bundled(path):
            return str(Path.home())
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
