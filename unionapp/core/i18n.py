"""One gettext catalog for core, printing and UI; the language can change at runtime.

Source strings are English and never shown: ``_()`` looks a message up in the current
language's compiled catalog. Messages that are defined before the language is known (error
classes, code labels) are marked with ``N_()`` and translated where they are shown.

The ``.mo`` files are read with the standard library's gettext, not Babel: this module is on
the desktop window's start-up path, and Babel (~40 ms to import) is needed only where dates
and numbers are formatted (``unionapp.core.formatting``).
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from unionapp.paths import translations_dir

LANGUAGES = ("ky", "ru")
DEFAULT_LANGUAGE = "ky"
DOMAIN = "unionapp"

_current_lang = DEFAULT_LANGUAGE
_catalogs: dict[str, _gettext.NullTranslations] = {}
_listeners: list[Callable[[str], None]] = []
_SOURCE = _gettext.NullTranslations()  # the English source: what ``source_messages`` shows
_source_only = False


def _catalog(lang: str) -> _gettext.NullTranslations:
    if _source_only:
        return _SOURCE
    if lang not in _catalogs:
        # Opened here rather than through gettext.translation(), whose own cache would keep a
        # recompiled catalog from being seen after reload_catalogs().
        path = translations_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        loaded: _gettext.NullTranslations = _gettext.NullTranslations()
        if path.is_file():
            with path.open("rb") as mo_file:
                loaded = _gettext.GNUTranslations(mo_file)
        _catalogs[lang] = loaded
    return _catalogs[lang]


def set_language(lang: str) -> None:
    """Switch every later ``_()`` call to ``lang`` and tell listeners (the UI retranslates)."""
    global _current_lang
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    _current_lang = lang
    for listener in list(_listeners):
        listener(lang)


def get_language() -> str:
    return _current_lang


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


@contextmanager
def source_messages() -> Iterator[None]:
    """Messages in their English source form while inside, dates and numbers still in the
    current language: for tests of what a rule says (its numbers and order), not of a
    translation. The program itself never shows source strings."""
    global _source_only
    _source_only = True
    try:
        yield
    finally:
        _source_only = False


def reload_catalogs() -> None:
    """Forget loaded catalogs (tests that recompile them)."""
    _catalogs.clear()


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _catalog(_current_lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalog(_current_lang).ngettext(singular, plural, n)


def translate_in(lang: str, message: str) -> str:
    """Translate into a given language, e.g. an export's headers in ``--lang``."""
    return _catalog(lang).gettext(message)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet."""
    return message
