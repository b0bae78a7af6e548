"""The certificate print dialog: what will be printed, in the language chosen (Kyrgyz unless
changed, whatever the window's), whole or onto a blank, previewed; a refusal named in the
dialog with nothing to preview; the blank positions dialog saves what is typed, refuses a
field off the page and makes its test sheet from the values shown."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "printing"))
from certificate_helpers import NURLANOV, USONOVA, Built, build  # noqa: E402

from unionapp.core import i18n, print_layouts  # noqa: E402
from unionapp.ui.dialogs.certificate_blank_dialog import CertificateBlankDialog  # noqa: E402
from unionapp.ui.dialogs.certificate_print import open_certificate_print  # noqa: E402
from unionapp.ui.state import AppState  # noqa: E402


@pytest.fixture
def awards_state(tmp_path: Path, qapp: object) -> Iterator[tuple[AppState, Built]]:
    from unionapp.core.store import open_database

    path = tmp_path / "awards.sqlite"
    db = open_database(path)
    built = build(db)
    db.close()
    state = AppState(path)
    yield state, built
    state.close_database()


def _text(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def test_one_award_in_kyrgyz_by_default_and_in_russian_when_chosen(  # type: ignore[no-untyped-def]
    qtbot, awards_state, tmp_path: Path
) -> None:
    state, built = awards_state
    i18n.set_language("ru")  # the window's language does not choose the certificate's
    dialog = open_certificate_print(None, state, award_ids=[built.certificate])
    qtbot.addWidget(dialog)
    assert dialog.lang() == "ky"
    assert dialog.list.count() == 1
    line = dialog.list.item(0).text()
    assert "2026/017" in line and "Ардак грамота" in line
    assert dialog.preview_button.isEnabled() and not dialog.problem.isVisibleTo(dialog)
    assert not dialog.positions_button.isEnabled()  # whole certificates need no positions
    # the window's language names the file («грамота-2026-017.pdf»): the number's «/» made «-»
    assert dialog.file_name() == i18n.translate_in("ru", "certificate-{number}.pdf").format(
        number="2026-017")

    dialog.set_language("ru")
    assert "Почетная грамота" in dialog.list.item(0).text()
    out = tmp_path / "ru.pdf"
    dialog.pdf_maker()(out, None, None)
    [page] = _text(out)
    assert "ПОЧЕТНАЯ ГРАМОТА" in page and USONOVA in page


def test_a_decision_on_blanks_with_its_positions_a_button_away(  # type: ignore[no-untyped-def]
    qtbot, awards_state, tmp_path: Path
) -> None:
    state, built = awards_state
    dialog = open_certificate_print(None, state, decision_id=built.decision)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3
    assert dialog.file_name() == i18n.translate_in("ky", "certificates.pdf")
    dialog.blank.setChecked(True)
    assert dialog.is_blank() and dialog.positions_button.isEnabled()
    out = tmp_path / "blank.pdf"
    dialog.pdf_maker()(out, None, None)
    pages = _text(out)
    assert len(pages) == 3 and "ГРАМОТА" not in pages[0] and USONOVA in pages[0]

    positions = dialog.edit_positions()
    assert positions is not None
    qtbot.addWidget(positions)
    assert [positions.template.itemData(i) for i in range(positions.template.count())] == [
        built.types["certificate"], built.types["gratitude"]]


def test_an_award_without_a_decision_is_named_and_cannot_be_previewed(  # type: ignore[no-untyped-def]
    qtbot, awards_state
) -> None:
    state, built = awards_state
    dialog = open_certificate_print(None, state, award_ids=[built.no_decision, built.nomination])
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0
    assert dialog.problem.isVisibleTo(dialog)
    assert USONOVA in dialog.problem.text() and NURLANOV in dialog.problem.text()
    assert not dialog.preview_button.isEnabled()
    assert dialog.show_preview() is None and dialog.edit_positions() is None


def test_preview_shows_the_certificate(qtbot, awards_state) -> None:  # type: ignore[no-untyped-def]
    state, built = awards_state
    dialog = open_certificate_print(None, state, decision_id=built.general)
    qtbot.addWidget(dialog)
    preview = dialog.show_preview()
    assert preview is not None
    qtbot.waitUntil(preview.isVisible, timeout=15000)
    assert preview.page_count() == 2
    preview.close()


@pytest.mark.usefixtures("source_strings")  # positions and labels in English
def test_blank_positions_are_saved_refused_off_the_page_and_test_printed(  # type: ignore[no-untyped-def]
    qtbot, awards_state, tmp_path: Path
) -> None:
    state, built = awards_state
    type_id = built.types["certificate"]
    dialog = CertificateBlankDialog(state, [(type_id, "Ардак грамота")],
                                    samples={type_id: built.certificate}, lang="ky")
    qtbot.addWidget(dialog)
    name = next(row for row in dialog.rows if row.name == "name")
    assert name.spins["y"].value() == print_layouts.DEFAULT_BLANK["name"].y
    name.spins["x"].setValue(30)
    name.spins["y"].setValue(131.5)
    award = next(row for row in dialog.rows if row.name == "award")
    assert not award.shown.isChecked() and not award.spins["x"].isEnabled()
    award.shown.setChecked(True)
    assert award.spins["x"].isEnabled()
    assert dialog.save()
    saved = print_layouts.load_blank(state.db, type_id)
    assert (saved["name"].x, saved["name"].y) == (30, 131.5) and saved["award"].shown

    # the test sheet shows the values in the dialog, saved or not
    name.spins["y"].setValue(60)
    make = dialog.test_pdf_maker()
    assert make is not None
    sheet = tmp_path / "sheet.pdf"
    make(sheet, None, None)
    [page] = _text(sheet)
    assert "x 30, y 60 mm, 20 pt" in page and USONOVA in page

    name.spins["x"].setValue(150)
    name.spins["width"].setValue(100)
    assert not dialog.save()
    assert dialog.problem.text()
    assert print_layouts.load_blank(state.db, type_id)["name"].y == 131.5  # nothing saved
    assert dialog.test_pdf_maker() is None

    dialog.use_defaults()
    assert name.place() == print_layouts.DEFAULT_BLANK["name"]
    assert dialog.problem.text() == ""


def test_blank_test_print_without_an_award_names_the_fields(  # type: ignore[no-untyped-def]
    qtbot, awards_state, tmp_path: Path
) -> None:
    state, built = awards_state
    dialog = CertificateBlankDialog(state, [(built.types["badge"], "Отличник")])
    qtbot.addWidget(dialog)
    make = dialog.test_pdf_maker()
    assert make is not None
    sheet = tmp_path / "plain.pdf"
    make(sheet, None, None)
    [page] = _text(sheet)
    assert i18n._("Full name") in page and "Отличник" in page
