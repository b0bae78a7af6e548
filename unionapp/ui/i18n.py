"""Qt's side of the language switch: Qt's own strings (OK, Cancel, the file dialog) in ky/ru.

Qt ships ``qtbase_ru.qm``; there is no Kyrgyz one, so the project builds its own
``translations/qtbase_ky.qm`` from ``qtbase_ky.ts``. Our own strings go through gettext
(unionapp.core.i18n), not through Qt. Qt's default locale follows too, so Qt's own number and
date widgets (spin boxes, calendars) read like the rest of the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from unionapp.paths import translations_dir

QT_LOCALES = {"ky": "ky_KG", "ru": "ru_KG"}
# Each language named in itself, so a user who cannot read the current one finds their own.
LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский"}

_installed: list[QTranslator] = []


def qt_catalog(lang: str) -> Path | None:
    """The compiled catalog of Qt's own strings for ``lang``, if there is one."""
    if lang == "ky":
        path = translations_dir() / "qtbase_ky.qm"
    else:
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        path = qt_dir / f"qtbase_{lang}.qm"
    return path if path.exists() else None


def install_qt_translator(app: QCoreApplication, lang: str) -> bool:
    """Replace Qt's translator with the one for ``lang``; True when one was found.

    Installing a translator sends every widget a LanguageChange event, so Qt's own widgets
    (wizard buttons, context menus) update themselves; our pages re-translate on the state's
    ``language_changed`` signal.
    """
    for old in _installed:
        app.removeTranslator(old)
        old.deleteLater()
    _installed.clear()
    QLocale.setDefault(QLocale(QT_LOCALES.get(lang, "ky_KG")))
    path = qt_catalog(lang)
    if path is None:
        return False
    translator = QTranslator(app)
    if not translator.load(str(path)):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
