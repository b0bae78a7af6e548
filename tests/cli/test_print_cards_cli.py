"""``unionapp print cards --out FILE.pdf [--member CARD_NO …] [--no-journal]``: the PDF, the
issue journal written only after the file, reprints counted, refusals (exit 2, translated,
no file, nothing recorded) and photo warnings that do not stop the job."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from unionapp.cli import main
from unionapp.core import cards, members, settings
from unionapp.core.i18n import _, ngettext, set_language
from unionapp.core.members import MemberInput
from unionapp.core.store import open_database


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (170, 150, 130)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def filled(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.set_value(db, "org.name_ky", "«Жаңы Үмүт» баштапкы профсоюз уюму")
    settings.set_value(db, "org.name_ru", "Первичная профорганизация «Жаны Умут»")
    settings.set_value(db, "org.chairperson", "Асанова Гүлнара")
    for i in range(12):
        member_id = members.create_member(db, MemberInput(
            card_no=f"{1001 + i}", surname=f"Үсөнова{i:02d}", name="Гүлнара",
            join_date=dt.date(2015, 9, 1)))
        if i == 0:
            members.set_photo(db, member_id, _jpeg())
        if i == 1:
            members.set_photo(db, member_id, b"not a picture at all")
    members.create_member(db, MemberInput(
        card_no="2001", surname="Кеткенов", name="Аты", join_date=dt.date(2015, 9, 1),
        exit_date=dt.date(2020, 1, 1), exit_reason="voluntary"))
    db.close()
    return db_path


def _journal(path: Path) -> list[cards.CardIssueView]:
    db = open_database(path)
    try:
        return cards.journal(db)
    finally:
        db.close()


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "--lang", "ru", "print", "cards", *args])


def test_all_active_members_printed_and_recorded(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "cards.pdf"
    assert run(filled, "--out", str(target)) == 0
    reader = PdfReader(target)
    assert len(reader.pages) == 4  # 12 active members: two sheets, front and back each
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Үсөнова00" in text and "Үсөнова11" in text and "Кеткенов" not in text
    captured = capsys.readouterr()
    set_language("ru")
    assert ngettext("{count} card written to {file}.", "{count} cards written to {file}.",
                    12).format(count=12, file=str(target)) in captured.out
    assert _("Recorded in the card journal: {count} (reprints: {reprints}).").format(
        count=12, reprints=0) in captured.out
    # the photo that is no picture: named on stderr, the card printed with a silhouette
    assert "Үсөнова01" in captured.err and "1002" in captured.err
    journal = _journal(filled)
    assert len(journal) == 12 and not any(j.reprint for j in journal)
    assert {j.issued_on for j in journal} == {dt.date.today()}


def test_named_members_and_reprints(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "two.pdf"
    assert run(filled, "--out", str(target), "--member", "1003", "--member", "1001") == 0
    assert len(PdfReader(target).pages) == 2
    assert run(filled, "--out", str(target), "--member", "1003") == 0
    set_language("ru")
    assert _("Recorded in the card journal: {count} (reprints: {reprints}).").format(
        count=1, reprints=1) in capsys.readouterr().out
    journal = _journal(filled)
    assert [(j.card_no, j.reprint) for j in journal] == [
        ("1003", True), ("1001", False), ("1003", False)]


def test_a_test_print_records_nothing(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "test.pdf"
    assert run(filled, "--out", str(target), "--member", "1001", "--no-journal") == 0
    assert target.exists() and _journal(filled) == []


@pytest.mark.parametrize(
    ("args", "msgid", "params"),
    [
        (["--member", "9999"], cards.UNKNOWN_CARD, {"card_no": "9999"}),
        (["--member", "2001"], cards.FORMER_MEMBER,
         {"name": "Кеткенов Аты", "card_no": "2001", "date": "01.01.2020"}),
    ],
)
def test_refusals_exit_2_translated_with_no_file_and_no_journal(  # type: ignore[no-untyped-def]
    filled: Path, tmp_path: Path, capsys, args: list[str], msgid: str, params: dict[str, str]
) -> None:
    target = tmp_path / "cards.pdf"
    assert run(filled, "--out", str(target), *args) == 2
    set_language("ru")
    err = capsys.readouterr().err
    assert _("Error: {message}").format(message=_(msgid).format(**params)) in err
    assert not target.exists() and _journal(filled) == []


def test_not_a_pdf_refused_before_any_work(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "cards.docx"
    assert run(filled, "--out", str(target)) == 2
    set_language("ru")
    assert _("Write the printout to a .pdf file, not {file}.").format(
        file=str(target)) in capsys.readouterr().err
    assert not target.exists()


def test_a_file_that_cannot_be_written_records_nothing(filled: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert run(filled, "--out", str(blocker / "cards.pdf")) == 2
    assert _journal(filled) == []


def test_a_member_without_a_card_number_is_refused(filled: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from unionapp.core.models import Member

    db = open_database(filled)
    with db.transaction() as s:
        s.execute(update(Member).where(Member.card_no == "1005").values(card_no=""))
    db.close()
    target = tmp_path / "cards.pdf"
    assert run(filled, "--out", str(target)) == 2
    set_language("ru")
    assert _(cards.NO_CARD_NUMBER).format(name="Үсөнова04 Гүлнара") in capsys.readouterr().err
    assert not target.exists() and _journal(filled) == []


def test_help_lists_the_print_group(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["--lang", "ru", "print", "--help"])
    assert "cards" in capsys.readouterr().out
