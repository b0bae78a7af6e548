"""``unionapp print register KIND --out FILE.pdf [--year YYYY] [--lang ky|ru]`` on a demo made by
``unionapp demo --members 120`` (dues, vouchers, aid, awards): every kind writes an A4
landscape PDF and says so; refusals exit 2 with a translated message and write nothing."""

from __future__ import annotations

import shutil
from contextlib import nullcontext
from pathlib import Path

import pytest
from pypdf import PdfReader

from unionapp.cli import main
from unionapp.core.aid import list_aid
from unionapp.core.i18n import _, set_language
from unionapp.core.store import open_database

KINDS = ("members", "children", "vouchers", "aid", "awards")


@pytest.fixture(scope="session")
def _demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print-register") / "demo.sqlite"
    with pytest.MonkeyPatch.context() as patch:  # session fixtures run before the autouse one
        patch.setenv("UNIONAPP_HOME", str(path.parent / "home"))
        assert main(["--db", str(path), "demo", "--members", "120", "--seed", "4"]) == 0
    return path


@pytest.fixture
def demo(tmp_path: Path, _demo: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo, path)
    return path


def _year(demo: Path) -> int:
    db = open_database(demo)
    try:
        return max(p.paid_on.year for p in list_aid(db))
    finally:
        db.close()


@pytest.mark.parametrize("kind", KINDS)
def test_every_register_is_written(demo: Path, tmp_path: Path, kind: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / f"{kind}.pdf"
    year = ["--year", str(_year(demo))] if kind in ("vouchers", "aid", "awards") else []
    assert main(["--db", str(demo), "print", "register", kind, "--out", str(out), *year]) == 0
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    first = reader.pages[0].extract_text()
    assert f"Бет 1/{len(reader.pages)}" in first
    said = capsys.readouterr().out
    assert str(out) in said
    title = first.splitlines()[0].strip()
    assert said.startswith(title)  # «… реестри: 97 rows written to …», the title as printed


def test_russian_by_the_commands_lang(demo: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "aid.pdf"
    year = _year(demo)
    assert main(["--db", str(demo), "print", "register", "aid", "--out", str(out),
                 "--year", str(year), "--lang", "ru"]) == 0
    set_language("ru")
    text = PdfReader(out).pages[0].extract_text()
    assert _("Register of material aid for {year}").format(year=year) in text
    assert "Стр. 1 из" in text
    assert capsys.readouterr().out.startswith(
        _("Register of material aid for {year}").format(year=year))


def test_the_current_year_by_default(demo: Path, tmp_path: Path) -> None:
    import datetime as dt

    out = tmp_path / "awards.pdf"
    assert main(["--db", str(demo), "print", "register", "awards", "--out", str(out)]) == 0
    year = dt.date.today().year
    assert _("Register of awards for {year}").format(year=year) in \
        PdfReader(out).pages[0].extract_text()


@pytest.mark.parametrize(("args", "message"), [
    (["members", "--year", "2025"], "--year is for the vouchers, aid and awards registers only."),
    (["aid", "--year", "12"], "Enter a year from {low} to {high}."),
    (["aid", "--out-of-place"], None),
])
def test_refusals_exit_2_and_write_nothing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
    message: str | None,
) -> None:
    out = tmp_path / "out.pdf"
    with pytest.raises(SystemExit) if message is None else nullcontext():  # argparse: exit 2
        code = main(["--db", str(demo), "print", "register", *args, "--out", str(out)])
        assert code == 2
        expected = _(message or "").format(low=1900, high=2200)
        assert capsys.readouterr().err.strip() == _("Error: {message}").format(message=expected)
    assert not out.exists()


def test_not_a_pdf_and_no_database_are_refused(demo: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "members.xlsx"
    assert main(["--db", str(demo), "print", "register", "members", "--out", str(out)]) == 2
    assert "members.xlsx" in capsys.readouterr().err and not out.exists()
    missing = tmp_path / "none.sqlite"
    assert main(["--db", str(missing), "print", "register", "members", "--out",
                 str(tmp_path / "m.pdf")]) == 2
    assert not missing.exists() and not (tmp_path / "m.pdf").exists()
