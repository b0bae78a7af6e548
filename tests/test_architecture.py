"""The core and the printouts stay free of Qt; the UI reaches data only through services."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "unionapp"


def imported_names(source: str) -> set[str]:
    """Every module a source file may import: ``from unionapp.core import db`` records both
    ``unionapp.core`` and ``unionapp.core.db`` (it imports the module ``db``), so a forbidden
    module cannot pass by being named after ``import``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _imports(path: Path) -> set[str]:
    return imported_names(path.read_text(encoding="utf-8"))


def _modules(*folders: str) -> list[Path]:
    found = [p for folder in folders for p in (PACKAGE / folder).rglob("*.py")]
    assert found, folders
    return found


def test_core_and_printing_never_import_qt() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            n for n in _imports(path) if n.split(".")[0] in ("PySide6", "shiboken6", "PyQt6")
        )
        for path in _modules("core", "printing")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_imports_cleanly_without_qt_loaded() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pkgutil, importlib, unionapp.core, unionapp.printing\n"
        "for pkg in (unionapp.core, unionapp.printing):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


UI_FORBIDDEN = ("sqlalchemy", "sqlite3", "unionapp.core.db", "unionapp.core.models")


def _forbidden(name: str, prefixes: tuple[str, ...]) -> bool:
    """``name`` is one of ``prefixes`` or inside it (``unionapp.core.db``, not ``.dbx``)."""
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_a_module_imported_by_name_from_its_package_is_seen() -> None:
    found = {n for n in imported_names("from unionapp.core import db, models\n")
             if _forbidden(n, UI_FORBIDDEN)}
    assert found == {"unionapp.core.db", "unionapp.core.models"}
    assert not {n for n in imported_names("from unionapp.core import dbx, formatting\n")
                if _forbidden(n, UI_FORBIDDEN)}
    qt = imported_names("from PySide6 import QtWidgets\nimport shiboken6\n")
    assert {"PySide6.QtWidgets", "shiboken6"} <= qt


def test_ui_never_touches_a_session() -> None:
    forbidden = UI_FORBIDDEN
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            n for n in _imports(path) if _forbidden(n, forbidden)
        )
        for path in _modules("ui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_printouts_read_the_register_only_through_core_services() -> None:
    """A printout lays out what a core service read: no models, no sessions of its own."""
    forbidden = ("sqlalchemy", "sqlite3", "unionapp.core.models")
    offenders: dict[str, list[str]] = {}
    for path in _modules("printing"):
        source = path.read_text(encoding="utf-8")
        bad = sorted(n for n in imported_names(source) if _forbidden(n, forbidden))
        bad += sorted(
            f".{node.attr}()" for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("reading", "transaction", "connect")
        )
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = bad
    assert offenders == {}
