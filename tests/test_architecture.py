"""The core and the printouts stay free of Qt; the UI reaches data only through services."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "unionapp"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


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


def test_ui_never_touches_a_session() -> None:
    forbidden = ("sqlalchemy", "sqlite3", "unionapp.core.db", "unionapp.core.models")
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            n for n in _imports(path) if n.startswith(forbidden)
        )
        for path in _modules("ui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
