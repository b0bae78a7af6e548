"""DESIGN.md "Known trap": PySide6 6.12.0 on CPython 3.11 drops None's refcount per void call.

20,000 calls of a Qt method that returns nothing must leave ``sys.getrefcount(None)`` where
it was; on the broken release this fails (or aborts) long before the end.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject


def test_pyside_version_is_pinned_below_6_12() -> None:
    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    assert (6, 11) <= (major, minor) < (6, 12), PySide6.__version__


def test_void_qt_calls_keep_none_refcount() -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(20_000):
        obj.setObjectName("x" if i % 2 else "y")
    after = sys.getrefcount(None)
    assert after >= before - 100, (before, after)
