"""Every writer goes through atomic_output: a whole file readable by others, or no file at
all, and an OS refusal in the user's words (tried with real folders, not mocks)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from unionapp.core.atomic_files import atomic_output
from unionapp.core.errors import UserError
from unionapp.core.i18n import _, set_language
from unionapp.core.write_errors import NO_FOLDER, WRITE_FAILED
from unionapp.core.yearend_workbook import _save as save_yearend_book
from unionapp.printing.offset_test import write_test_page


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_finished_file_replaces_the_target_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "out.txt"  # missing folders are made
    with atomic_output(target) as temp:
        assert temp.parent == target.parent and temp != target
        temp.write_text("whole", encoding="utf-8")
        assert not target.exists()  # nothing at the target while the file is being written
    assert target.read_text(encoding="utf-8") == "whole"
    assert _mode(target) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as temp:
        temp.write_text("half", encoding="utf-8")
        raise RuntimeError("the writer broke")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in folder.iterdir()] == ["out.txt"]


def test_an_os_refusal_inside_the_writer_is_said_in_words(tmp_path: Path) -> None:
    target = tmp_path / "out" / "out.pdf"
    with pytest.raises(UserError) as caught, atomic_output(target) as temp:
        temp.write_bytes(b"%PDF")
        (tmp_path / "no such folder" / "x").read_bytes()  # the writer's own OSError
    assert caught.value.msgid == WRITE_FAILED
    assert not target.exists() and list(target.parent.iterdir()) == []


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_offset_page_into_a_file_that_is_no_folder_is_refused_translated(
        tmp_path: Path, lang: str) -> None:
    set_language(lang)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(UserError) as caught:  # was a raw FileExistsError
        write_test_page(blocker / "offset.pdf", "HP", (1.5, -2.0))
    text = caught.value.message()
    assert text == _(WRITE_FAILED).format(file="offset.pdf", reason=_(NO_FOLDER))
    assert text != WRITE_FAILED.format(file="offset.pdf", reason=NO_FOLDER)  # translated


def test_the_offset_page_is_a_whole_pdf_readable_by_others(tmp_path: Path) -> None:
    target = tmp_path / "out" / "offset.pdf"
    write_test_page(target, "HP LaserJet", (0.0, 0.0))
    assert _mode(target) == 0o644  # was mkstemp's 0600
    assert "HP LaserJet" in PdfReader(target).pages[0].extract_text()
    assert [p.name for p in target.parent.iterdir()] == ["offset.pdf"]


def test_a_year_end_workbook_is_made_in_a_missing_folder(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Итого"
    target = tmp_path / "reports" / "year.xlsx"  # the old code wrote its temporary elsewhere
    save_yearend_book(book, target)
    loaded = load_workbook(target).active
    assert loaded is not None and loaded["A1"].value == "Итого"
    assert _mode(target) == 0o644
