"""Qt's own buttons, menus and dialogs speak Kyrgyz through the project's qtbase_ky catalog."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWizard,
)

from unionapp.paths import translations_dir
from unionapp.ui.i18n import install_qt_translator

TS = translations_dir() / "qtbase_ky.ts"
QM = translations_dir() / "qtbase_ky.qm"
CYRILLIC = re.compile("[а-яА-ЯёЁңҢөӨүҮ]")


@pytest.fixture
def qt_lang(qapp: QApplication) -> Iterator[object]:
    """Install Qt's catalog for a language; back to Kyrgyz afterwards."""

    def install(lang: str) -> None:
        assert install_qt_translator(qapp, lang), lang

    yield install
    install_qt_translator(qapp, "ky")


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_cancel_follows_the_language(qt_lang) -> None:  # type: ignore[no-untyped-def]
    qt_lang("ky")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Жокко чыгаруу"
    qt_lang("ru")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    qt_lang("ky")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Жокко чыгаруу"


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    messages = _messages()
    assert len(messages) > 100
    for context, message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None, (context, source)
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        text = translation.text or ""
        assert text.strip(), (context, source)
        for marker in (r"%\d", r"%n"):
            assert sorted(re.findall(marker, text)) == sorted(re.findall(marker, source)), (
                context,
                source,
                text,
            )
        assert text.count("\n") == source.count("\n"), (context, source)
        assert ("&" in text) == ("&" in source), (context, source, text)
        if re.search("[A-Za-z]{3}", source) and not source.startswith("Alt+"):
            assert CYRILLIC.search(text), (context, source, text)


def test_compiled_catalog_is_up_to_date(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    out = tmp_path / "qtbase_ky.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(out)], check=True)
    assert out.read_bytes() == QM.read_bytes(), "run .ci/catalogs to rebuild qtbase_ky.qm"


def test_message_box_buttons_are_kyrgyz(qt_lang) -> None:  # type: ignore[no-untyped-def]
    qt_lang("ky")
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "unionapp",
        "?",
        buttons.Ok | buttons.Cancel | buttons.Yes | buttons.No | buttons.Save | buttons.Close,
    )
    texts = {
        box.button(b).text().replace("&", "")
        for b in (buttons.Ok, buttons.Cancel, buttons.Yes, buttons.No, buttons.Save, buttons.Close)
    }
    assert texts == {"Макул", "Жокко чыгаруу", "Ооба", "Жок", "Сактоо", "Жабуу"}


def test_every_standard_button_differs_from_english(qt_lang) -> None:  # type: ignore[no-untyped-def]
    qt_lang("ky")
    for button in QMessageBox.StandardButton:
        if button in (QMessageBox.StandardButton.NoButton,) or button.name in (
            "FirstButton",
            "LastButton",
            "Default",
            "Escape",
            "FlagMask",
            "ButtonMask",
            "YesAll",
            "NoAll",
        ):
            continue
        box = QMessageBox()
        box.setStandardButtons(button)
        text = box.button(button).text()
        assert CYRILLIC.search(text), (button.name, text)


def test_line_edit_context_menu_is_kyrgyz(qt_lang) -> None:  # type: ignore[no-untyped-def]
    qt_lang("ky")
    line = QLineEdit("text")
    menu = line.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert texts and all(CYRILLIC.search(t) for t in texts), texts
    assert "Кө&чүрүү" in texts and "Баарын тандоо" in texts


def test_file_dialog_and_wizard_are_kyrgyz(qt_lang) -> None:  # type: ignore[no-untyped-def]
    qt_lang("ky")
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["fileNameLabel"] == "Файлдын &аты:"
    assert labels["fileTypeLabel"] == "Файлдын &түрү:"
    assert CYRILLIC.search(labels["lookInLabel"])
    assert all(CYRILLIC.search(b.text()) for b in dialog.findChildren(QPushButton))
    wizard = QWizard()
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Кийинки >"
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< &Артка"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Бүтүрүү"


SHOWN_TOGETHER = {
    "QPlatformTheme": ["&Yes", "&No", "Yes to &All", "N&o to All"],
    "QLineEdit": ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste"],
    "QWidgetTextControl": ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Copy &Link Location"],
    "QWizard": ["< &Back", "&Next >", "&Finish", "&Help"],
    "QGnomeTheme": ["&OK", "&Cancel", "&Save", "&Close"],
}
FILE_DIALOG_GROUPS = [
    ["&Look in:", "File &name:", "Files of &type:", "&Open"],
    ["&Look in:", "File &name:", "Files of &type:", "&Save"],
    ["&Rename", "&Delete", "Show &hidden files", "&New Folder"],
]


def _accelerator(text: str) -> str:
    match = re.search(r"&([^&])", text)
    assert match, text
    return match.group(1).casefold()


def test_accelerators_shown_together_differ() -> None:
    translated = {
        (context, message.findtext("source")): message.findtext("translation") or ""
        for context, message in _messages()
    }
    groups = [(c, g) for c, g in SHOWN_TOGETHER.items()]
    groups += [("QFileDialog", g) for g in FILE_DIALOG_GROUPS]
    for context, sources in groups:
        keys = [_accelerator(translated[(context, s)]) for s in sources]
        assert len(set(keys)) == len(keys), (context, sources, keys)
