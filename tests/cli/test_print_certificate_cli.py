"""``unionapp print certificate (--award ID … | --decision ID) --out FILE.pdf [--lang ky|ru]
[--blank] [--calibrate]``: the PDF in the language asked for, a decision's awards in one file,
the blank and calibration modes, and every refusal with exit 2, its translated message and no
file written."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "printing"))
from certificate_helpers import NURLANOV, USONOVA, Built, build  # noqa: E402

from unionapp.cli import main  # noqa: E402
from unionapp.core.i18n import _, ngettext, set_language  # noqa: E402


@pytest.fixture
def built(db, db_path: Path) -> Built:  # type: ignore[no-untyped-def]
    made = build(db)
    db.close()
    return made


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), "print", "certificate", *args])


def texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_one_award_in_each_language(db_path: Path, built: Built, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    ky, ru = tmp_path / "ky.pdf", tmp_path / "ru.pdf"
    assert run(db_path, "--award", str(built.certificate), "--out", str(ky)) == 0
    assert ngettext("{count} certificate written to {file}.",
                    "{count} certificates written to {file}.", 1).format(
        count=1, file=str(ky)) in capsys.readouterr().out
    assert run(db_path, "--award", str(built.certificate), "--lang", "ru", "--out", str(ru)) == 0
    [ky_text], [ru_text] = texts(ky), texts(ru)
    assert "АРДАК ГРАМОТА" in ky_text and "ПОЧЕТНАЯ ГРАМОТА" in ru_text
    for text in (ky_text, ru_text):
        assert USONOVA in text and "2026/017" in text


def test_a_decisions_awards_in_one_file(db_path: Path, built: Built, tmp_path: Path) -> None:
    out = tmp_path / "decision.pdf"
    assert run(db_path, "--decision", str(built.decision), "--out", str(out)) == 0
    pages = texts(out)
    assert len(pages) == 3
    assert ["2026/017" in pages[0], "2026/018" in pages[1], "2026/019" in pages[2]] == [True] * 3


def test_several_awards_named_are_printed_in_that_order(  # type: ignore[no-untyped-def]
    db_path: Path, built: Built, tmp_path: Path
) -> None:
    out = tmp_path / "two.pdf"
    assert run(db_path, "--award", str(built.badge), "--award", str(built.certificate),
               "--out", str(out)) == 0
    first, second = texts(out)
    assert NURLANOV in first and USONOVA in second


@pytest.mark.usefixtures("source_strings")  # positions and labels in English
def test_blank_and_calibration_modes(db_path: Path, built: Built, tmp_path: Path) -> None:
    blank, grid = tmp_path / "blank.pdf", tmp_path / "grid.pdf"
    assert run(db_path, "--award", str(built.certificate), "--blank", "--out", str(blank)) == 0
    [text] = texts(blank)
    assert USONOVA in text and "ГРАМОТА" not in text
    assert run(db_path, "--decision", str(built.decision), "--calibrate", "--out", str(grid)) == 0
    sheets = texts(grid)
    assert len(sheets) == 2  # one per award type of the decision
    assert "100" in sheets[0].split() and "x 25, y 124 mm, 20 pt" in sheets[0]


@pytest.mark.parametrize("which", ["no_decision", "nomination"])
def test_an_award_that_cannot_have_a_certificate_is_refused(  # type: ignore[no-untyped-def]
    db_path: Path, built: Built, tmp_path: Path, capsys, which: str
) -> None:
    out = tmp_path / "refused.pdf"
    set_language("ru")
    code = main(["--db", str(db_path), "--lang", "ru", "print", "certificate",
                 "--award", str(getattr(built, which)), "--out", str(out)])
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith(_("Error: {message}").format(message=""))
    assert (USONOVA if which == "no_decision" else NURLANOV) in error
    assert not out.exists()


def test_unknown_award_decision_and_file_kind_are_refused(  # type: ignore[no-untyped-def]
    db_path: Path, built: Built, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "x.pdf"
    assert run(db_path, "--award", "999", "--out", str(out)) == 2
    assert _("The award was not found (it may have been deleted).") in capsys.readouterr().err
    assert run(db_path, "--decision", "999", "--out", str(out)) == 2
    assert _("The decision was not found (it may have been deleted).") in capsys.readouterr().err
    assert run(db_path, "--award", str(built.certificate), "--out", str(tmp_path / "x.docx")) == 2
    assert not out.exists() and not (tmp_path / "x.docx").exists()


def test_award_and_decision_together_or_neither_are_usage_errors(  # type: ignore[no-untyped-def]
    db_path: Path, built: Built, tmp_path: Path
) -> None:
    out = str(tmp_path / "x.pdf")
    with pytest.raises(SystemExit) as both:
        run(db_path, "--award", "1", "--decision", "1", "--out", out)
    with pytest.raises(SystemExit) as neither:
        run(db_path, "--out", out)
    assert both.value.code == neither.value.code == 2


def test_an_award_is_named_by_its_certificate_number(  # type: ignore[no-untyped-def]
    db_path: Path, built: Built, tmp_path: Path, capsys
) -> None:
    """The chairperson knows «2026/017», not the program's id."""
    from unionapp.core import awards
    from unionapp.core.store import open_database

    db = open_database(db_path)
    number = next(a.certificate for a in awards.list_awards(db) if a.id == built.certificate)
    db.close()
    by_number, by_id = tmp_path / "number.pdf", tmp_path / "id.pdf"
    assert run(db_path, "--award", number, "--out", str(by_number)) == 0
    assert run(db_path, "--award", str(built.certificate), "--out", str(by_id)) == 0
    assert texts(by_number) == texts(by_id)
    year = number.split("/")[0]
    assert run(db_path, "--award", f"{year}/999", "--out", str(tmp_path / "none.pdf")) == 2
    assert f"{year}/999" in capsys.readouterr().err
