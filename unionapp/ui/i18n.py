"""Qt's side of the language switch: Qt's own strings (OK, Cancel, the file dialog) in ky/ru.

Qt ships ``qtbase_ru.qm``; there is no Kyrgyz one, so the project builds its own
``translations/qtbase_ky.qm`` from ``qtbase_ky.ts``. Our own strings go through gettext
(unionapp.core.i18n), not through Qt.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from unionapp.paths import translations_dir

_installed: list[QTranslator] = []


def qt_catalog(lang: str) -> Path | None:
    if lang == "ky":
        path = translations_dir() / "qtbase_ky.qm"
    else:
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        path = qt_dir / f"qtbase_{lang}.qm"
    return path if path.exists() else None


def install_qt_translator(app: QApplication, lang: str) -> bool:
    """Replace Qt's translator with the one for ``lang``; True when one was found."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Kirghiz if lang == "ky" else QLocale.Language.Russian,
                               QLocale.Territory.Kyrgyzstan))
    path = qt_catalog(lang)
    if path is None:
        return False
    translator = QTranslator(app)
    if not translator.load(str(path)):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
