"""The shape of the house, checked: core never imports Qt or the GUI, and inside gui/ imports
point one way (views and the model never reach into the controllers or the main window).

Read from the source (ast), so the check needs no Qt and sees lazy imports inside functions too.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mlpviz"

# What each gui folder must not import (besides: nothing in mlpviz imports the main window but
# app.py). run/ is the model everything follows; graph/, panels/ and descent/ are views of it;
# controllers/ change it; bars/, actions.py and main_window.py put the window together.
FORBIDDEN = {
    "run": ("graph", "panels", "descent", "controllers", "bars", "actions", "main_window",
            "presentation"),
    "graph": ("panels", "descent", "controllers", "bars", "actions", "main_window",
              "presentation"),
    "panels": ("descent", "controllers", "bars", "actions", "main_window", "presentation"),
    "descent": ("graph", "panels", "controllers", "bars", "actions", "main_window",
                "presentation"),
    "controllers": ("bars", "actions", "main_window", "presentation"),
    "bars": ("actions", "main_window", "presentation"),
}
QT = ("PySide6", "pyqtgraph", "shiboken6")


def imported_modules(path):
    """Absolute names of every module `path` imports, at top level or inside functions."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            names.append(module)
            names += [f"{module}.{alias.name}" for alias in node.names]
    return names


def modules_in(folder):
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_imported_modules_resolves_relative_imports(tmp_path):
    path = PACKAGE / "gui" / "graph" / "follow.py"
    names = imported_modules(path)
    assert "mlpviz.gui.run.shown" in names and "PySide6.QtCore" in names


@pytest.mark.parametrize("path", modules_in("core"), ids=lambda p: p.name)
def test_core_never_imports_qt_or_the_gui(path):
    bad = [m for m in imported_modules(path)
           if m.split(".")[0] in QT or m.startswith("mlpviz.gui") or m == "mlpviz.cli"]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_gui_folders_import_one_way(folder):
    assert (PACKAGE / "gui" / folder).is_dir()
    for path in modules_in(f"gui/{folder}"):
        for module in imported_modules(path):
            parts = module.split(".")
            if parts[:2] == ["mlpviz", "gui"] and len(parts) > 2:
                assert parts[2] not in FORBIDDEN[folder], \
                    f"gui/{folder}/{path.name} imports {module}"
            assert parts[:2] != ["mlpviz", "cli"], f"gui/{folder}/{path.name} imports the CLI"


def test_only_app_imports_the_main_window():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("app.py", "main_window.py"):
            continue
        assert not any(m.startswith("mlpviz.gui.main_window") for m in imported_modules(path)), \
            path


def test_every_gui_folder_is_a_listed_package():
    """pyproject.toml lists packages explicitly: a folder missing there is not installed."""
    text = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    for init in sorted((PACKAGE / "gui").rglob("__init__.py")):
        name = ".".join(init.parent.relative_to(PACKAGE.parent).parts)
        assert f'"{name}"' in text, f"{name} is not in pyproject.toml's packages"


def test_no_gui_module_is_over_400_lines():
    for path in modules_in("gui"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path.relative_to(PACKAGE)} has {lines} lines"


def own_imports_behind_a_fallback(path):
    """mlpviz's own modules that `path` imports inside a `try` with an ImportError handler."""
    own = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Try):
            continue
        caught = [ast.unparse(h.type) for h in node.handlers if h.type is not None]
        if not any("ImportError" in c or "ModuleNotFoundError" in c for c in caught):
            continue
        for inner in node.body:
            for sub in ast.walk(inner):
                if isinstance(sub, ast.ImportFrom) and (sub.level or
                                                        (sub.module or "").startswith("mlpviz")):
                    own.append(sub.module or ".")
                elif isinstance(sub, ast.Import):
                    own += [a.name for a in sub.names if a.name.startswith("mlpviz")]
    return own


@pytest.mark.parametrize("path", modules_in("core"), ids=lambda p: p.name)
def test_core_never_guards_its_own_modules_with_an_import_fallback(path):
    """A module of mlpviz is always installed with the rest: a fallback for its absence is dead
    code (core/handout.py once refused optimizer handouts 'until explain_optimizer.py exists')."""
    assert own_imports_behind_a_fallback(path) == []


def test_the_fallback_check_sees_one(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("try:\n    from .explain_optimizer import x\nexcept ImportError:\n    x = None\n")
    assert own_imports_behind_a_fallback(path) == ["explain_optimizer"]
