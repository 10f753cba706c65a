"""The bundled examples: a folder each under resources/, holding config.json and its files."""

from __future__ import annotations

from pathlib import Path

from .config import load_config

DEFAULT = "worked-example"
# The order the examples are listed in: from the tutorials' own networks to the user's own data.
ORDER = ("worked-example", "cheat-sheet", "cheat-sheet-4-rows", "xor", "sine", "iris", "spiral",
         "digits")


def resources_folder():
    """resources/ beside the package in a source checkout, or mlpviz/resources when installed."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "resources", here / "resources"):
        if (candidate / DEFAULT / "config.json").is_file():
            return candidate
    raise FileNotFoundError("the bundled examples are missing from this installation")


def names():
    folder = resources_folder()
    found = {p.parent.name for p in folder.glob("*/config.json")}
    return [n for n in ORDER if n in found] + sorted(found - set(ORDER))


def config_path(name):
    """The config file of the example called `name`, or None if there is none."""
    path = resources_folder() / name / "config.json"
    return path if path.is_file() else None


def describe():
    """(name, title, description) of every bundled example."""
    rows = []
    for name in names():
        config = load_config(config_path(name))
        rows.append((name, config.title, config.description))
    return rows
