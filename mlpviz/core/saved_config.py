"""A config saved from the window into a folder of its own (File ▸ Save config as): one that
`mlpviz train` runs from there (issue 11, #16).

- Files it reads (the initial weights when initWeightsBiasesMethod is "file", the training and
  test CSVs, the min-max file when a minMax…Method is "file"): named by their path relative to
  the new folder. The bundled examples' own files are copied beside it instead: an installed
  package's folder changes with every reinstall, and a teacher's folder should stand alone.
- Data that is in no file (a generated playground dataset, points added or removed by hand) is
  written beside it as CSV: the config trains on what the window shows.
- Files a run writes (the trained weights, the min-max file): in the new folder, under the names
  they had. (Left pointing into the example's folder, `mlpviz train` refused to write there.)
- A file it does not read (the initial weights of a random start) is not named.
- A title (and description) that names another shape than the network's ("Worked example: 2-2-2
  …" after a hidden neuron was added) names the network's shape; the description says what it
  was changed from.
"""

from __future__ import annotations

import copy
import filecmp
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .files import write_atomic, write_json

SHAPE = re.compile(r"(?<![\d.-])\d+(?:-\d+)+(?![\d.-])")


@dataclass
class SavePlan:
    """What saving writes: the config (its paths as seen from `path`'s folder), the files to copy
    (source, destination) and the texts to write (destination, text) beside it."""

    path: Path
    config: object
    copies: list = field(default_factory=list)
    texts: list = field(default_factory=list)

    def write(self):
        """Copy and write the files, the config last (a failure leaves no config naming a file
        that is not there). Raises OSError."""
        for source, target in self.copies:
            if not (target.exists() and filecmp.cmp(source, target, shallow=False)):
                shutil.copyfile(source, target)
        for target, text in self.texts:
            write_atomic(target, text)
        write_json(self.path, self.config.to_json())


def plan_save(experiment, path, bundled, data_text=None):
    """The SavePlan for saving `experiment`'s config as `path`.

    `bundled`: the folder of the bundled examples (files under it are copied). `data_text(table)`
    gives a table as dataset CSV text: the training data is written when the config names no
    file for it or it was changed by hand (experiment.data_edited), the test data when the config
    names no file for it."""
    config = copy.deepcopy(experiment.config)
    path = Path(path).resolve()
    plan = SavePlan(path, config)
    folder = path.parent
    taken = set()
    written = _write_data(plan, experiment, data_text, taken)
    for key in _read_keys(config):
        source = config.path(key)
        if source is None or key in written:
            continue
        source = source.resolve()
        if bundled is not None and Path(bundled).resolve() in source.parents:
            target = _free_name(folder, source.name, source, taken)
            plan.copies.append((source, target))
            setattr(config, key, target.name)
        else:
            setattr(config, key, os.path.relpath(source, folder))
    if config.initWeightsBiasesMethod != "file":
        config.initWeightsBiasesJSONFile = None
    for key in ("trainedWeightsBiasesJSONFile", "minMaxJSONFile"):
        value = getattr(config, key)
        if value and not _reads_minmax(config, key):
            setattr(config, key, Path(value).name)
    config.title, config.description = retitle(config.title, config.description, config.sizes)
    config.folder, config.source = folder, str(path)
    return plan


def _read_keys(config):
    keys = ["trainingDatasetCSVFile", "testingDatasetCSVFile"]
    if config.initWeightsBiasesMethod == "file":
        keys.append("initWeightsBiasesJSONFile")
    if _reads_minmax(config, "minMaxJSONFile"):
        keys.append("minMaxJSONFile")
    return keys


def _reads_minmax(config, key):
    return key == "minMaxJSONFile" and "file" in (config.minMaxInputMethod,
                                                  config.minMaxOutputMethod)


def _write_data(plan, experiment, data_text, taken):
    """Training (and test) data in no file, or changed by hand: written beside the config.
    Returns the keys it set."""
    if data_text is None:
        return set()
    config, stem = plan.config, plan.path.stem
    wanted = (("trainingDatasetCSVFile", experiment.train, "training",
               config.trainingDatasetCSVFile is None or getattr(experiment, "data_edited", False)),
              ("testingDatasetCSVFile", experiment.test, "testing",
               config.testingDatasetCSVFile is None))
    written = set()
    for key, table, what, needed in wanted:
        if table is None or not needed:
            continue
        target = plan.path.parent / f"{stem}-{what}.csv"
        taken.add(target.name)
        plan.texts.append((target, data_text(table)))
        setattr(config, key, target.name)
        written.add(key)
    return written


def _free_name(folder, name, source, taken):
    """`folder / name`, or name-2, name-3, … if another file already has that name."""
    stem, suffix = Path(name).stem, Path(name).suffix
    k = 1
    while True:
        target = folder / (name if k == 1 else f"{stem}-{k}{suffix}")
        free = not target.exists() or filecmp.cmp(source, target, shallow=False)
        if target.name not in taken and free:
            taken.add(target.name)
            return target
        k += 1


def shape_text(sizes):
    return "-".join(str(n) for n in sizes)


def retitle(title, description, sizes):
    """(title, description) naming the network's shape: a shape written in the title
    ("2-2-2", same number of inputs and outputs) that is not the network's is replaced; the
    description then begins by saying what the config was changed from."""
    now = shape_text(sizes)
    title, description = title or "", description or ""

    def stale(match):
        parts = match.group(0).split("-")
        return (match.group(0) != now and int(parts[0]) == sizes[0]
                and int(parts[-1]) == sizes[-1])

    if not any(stale(m) for m in SHAPE.finditer(title)):
        return title, description
    new = SHAPE.sub(lambda m: now if stale(m) else m.group(0), title)
    note = f"Changed from “{title}”: the network is now {now}."
    return new, f"{note} {description}".strip()
