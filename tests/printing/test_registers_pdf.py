"""The registers on paper, read back with pypdf: A4 landscape, the header row and «Бет 2/3» on
every page, each row once and in order, totals equal to the data's sums on the last page only,
Kyrgyz letters intact, the members given (a filtered screen) and no one else, the filter named;
no file after a cancel; column widths that fill the page and keep names on one line."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from unionapp.core import members, settings
from unionapp.core.aid import list_aid
from unionapp.core.awards import list_awards
from unionapp.core.db import Database
from unionapp.core.demo import generate_demo
from unionapp.core.errors import UserError
from unionapp.core.formatting import format_money
from unionapp.core.i18n import _, set_language
from unionapp.core.member_list import MemberList, age_on
from unionapp.core.members import ChildInput, MemberInput
from unionapp.core.store import open_database
from unionapp.core.vouchers import list_vouchers, queue_text
from unionapp.printing import layout
from unionapp.printing.column_widths import AVAILABLE, fit_widths
from unionapp.printing.layout import PrintCancelled
from unionapp.printing.register_rows import day_text, describe_member_filter
from unionapp.printing.registers import KINDS, load_register, print_register

ORG_KY = "«Жаңы Үмүт» баштапкы профсоюз уюму"
KYRGYZ = ("Үсөнова", "Гүлнара", "Таңкыевна")  # ң ө ү in one name
TODAY = dt.date.today()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 120-member demo (dues, vouchers, aid, awards) plus one Kyrgyz name with a child."""
    path = tmp_path_factory.mktemp("registers") / "demo.sqlite"
    with pytest.MonkeyPatch.context() as patch:  # session fixtures run before the autouse one
        patch.setenv("UNIONAPP_HOME", str(path.parent / "home"))
        db = open_database(path)
        try:
            generate_demo(db, members=120, years=2, seed=5)
            settings.set_value(db, "org.name_ky", ORG_KY)
            member = members.create_member(db, MemberInput(
                card_no="99001", surname=KYRGYZ[0], name=KYRGYZ[1], patronymic=KYRGYZ[2],
                sex="F", birth_date=dt.date(1985, 6, 1), department="Бухгалтерия",
                position="Башкы эсепчи", join_date=dt.date(2010, 1, 11)))
            members.add_child(db, member, ChildInput("Үсөнов Өмүр", dt.date(2015, 2, 3), "M"))
            db.checkpoint()
        finally:
            db.close()
    return path


@pytest.fixture
def db(tmp_path: Path, _demo_template: Path) -> Iterator[Database]:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(_demo_template, path)
    database = open_database(path)
    yield database
    database.close()


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def _numbers(pages: list[str]) -> list[int]:
    """The row numbers printed, in order: pypdf gives each cell a line, and a row's number is
    the line that is the next number due."""
    found: list[int] = []
    for text in pages:
        for line in _lines(text):
            if line == str(len(found) + 1):
                found.append(len(found) + 1)
    return found


def _year_with(db: Database) -> int:
    return max(v.start_date.year for v in list_vouchers(db))


def test_members_register_on_landscape_pages_with_header_and_page_numbers(
    db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "members.pdf"
    register = print_register(db, "members", out)
    active = MemberList.load(db).filter(status="active")
    assert register.count == len(active) > 100
    reader = PdfReader(out)
    pages = _pages(out)
    count = len(pages)
    assert count >= 3
    for number, (page, text) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595)
        flat = " ".join(text.split())
        assert f"Бет {number}/{count}" in text  # «Бет 2/3»
        assert ORG_KY in text
        assert _("Printed on {date}").format(date=day_text(TODAY)) in text
        assert flat.count(_("Full name")) == 1  # the header row: once on every page
    assert _numbers(pages) == list(range(1, register.count + 1))  # every row once, in order
    per_page = [len(_numbers(pages[:n + 1])) - len(_numbers(pages[:n])) for n in range(count)]
    assert min(per_page[1:-1]) >= 24  # mostly a line a row: a full page holds 24-33 members
    assert count <= 1 + -(-register.count // 24)  # no more pages than that needs
    first = " ".join(pages[0].split())
    assert _("Register of members") in first
    assert _("Filter: {filter}").format(filter=_("active members")) in first
    assert " ".join(KYRGYZ) in "".join(pages)  # ң ө ү extracted intact
    resources: Any = reader.pages[0]["/Resources"]
    fonts = sorted(str(f.get_object()["/BaseFont"]).split("+")[-1]
                   for f in resources["/Font"].values())
    assert fonts == ["DejaVuSans", "DejaVuSans-Bold"]  # embedded, nothing else


def test_russian_pages_say_str_2_iz(db: Database, tmp_path: Path) -> None:
    set_language("ru")
    out = tmp_path / "members-ru.pdf"
    print_register(db, "members", out)
    pages = _pages(out)
    assert f"Стр. 2 из {len(pages)}" in pages[1]
    assert _("Register of members") in pages[0]


def test_the_members_given_print_in_their_order_and_no_one_else(
    db: Database, tmp_path: Path
) -> None:
    everyone = MemberList.load(db)
    rows = everyone.filter(status="all")
    chosen = [everyone.ids[rows[i]] for i in (7, 2, 40)]  # an order of the screen's
    cards = [everyone.card_no[everyone.row_of(m) or 0] for m in chosen]
    names = [everyone.full_name[everyone.row_of(m) or 0] for m in chosen]
    described = describe_member_filter(status="all", department="Бухгалтерия", pensioners=True,
                                       query="  асан   уулу ")
    out = tmp_path / "chosen.pdf"
    register = print_register(db, "members", out, member_ids=[*chosen, 10**9],  # one unknown
                              filter_text=described)
    assert register.count == 3
    text = "\n".join(_pages(out))
    lines = _lines(text)
    assert [lines[lines.index(str(n)) + 1] for n in (1, 2, 3)] == cards
    for name in names:
        assert name in text
    others = [n for i, n in enumerate(everyone.full_name) if everyone.ids[i] not in chosen]
    assert not [n for n in others if n in text]
    flat = " ".join(text.split())
    assert _("Filter: {filter}").format(filter=described) in flat
    assert "“асан уулу”" in described and _("pensioners") in described


def test_children_with_their_age_today(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "children.pdf"
    register = print_register(db, "children", out)
    assert register.count > 10
    text = "\n".join(_pages(out))
    lines = _lines(text)
    at = lines.index("Үсөнов Өмүр")
    assert lines[at - 2:at] == [" ".join(KYRGYZ), "Бухгалтерия"]
    assert lines[at + 2:at + 4] == ["03.02.2015", str(age_on(dt.date(2015, 2, 3), TODAY))]


def _totals_line(text: str) -> str:
    lines = _lines(text)
    return " ".join(lines[lines.index(_("Total")):])


def test_vouchers_of_a_year_with_totals_on_the_last_page(db: Database, tmp_path: Path) -> None:
    year = _year_with(db)
    found = list_vouchers(db, year)
    out = tmp_path / "vouchers.pdf"
    register = print_register(db, "vouchers", out, year=year)
    assert register.count == len(found) > 0
    pages = _pages(out)
    assert _("Register of vouchers for {year}").format(year=year) in pages[0]
    assert _("Vouchers: {count}").format(count=len(found)) in pages[0]
    assert all(_("Total") not in _lines(text) for text in pages[:-1])
    sums = [format_money(sum(v.cost for v in found)), format_money(sum(v.copay for v in found)),
            format_money(sum(v.subsidy for v in found))]
    assert _totals_line(pages[-1]).replace("\xa0", " ").startswith(
        " ".join([_("Total"), *sums]).replace("\xa0", " "))
    assert _numbers(pages) == list(range(1, len(found) + 1))
    # vouchers given from the queue say where it stood that day (a cell may wrap its words)
    queued = [queue_text(v) for v in found if v.queue_place is not None]
    assert queued
    flat = "".join("".join(pages).split())
    assert all("".join(text.split()) in flat for text in queued)


def test_aid_of_a_year_in_date_order_with_its_total(db: Database, tmp_path: Path) -> None:
    year = max(p.paid_on.year for p in list_aid(db))
    found = list_aid(db, year)
    out = tmp_path / "aid.pdf"
    print_register(db, "aid", out, year=year)
    pages = _pages(out)
    text = "\n".join(pages)
    dates = [line for line in _lines(text) if len(line) == 10 and line.count(".") == 2]
    assert dates == sorted(dates, key=lambda d: (d[6:], d[3:5], d[:2]))  # oldest first
    total = format_money(sum(p.amount for p in found)).replace("\xa0", " ")
    assert _totals_line(pages[-1]).replace("\xa0", " ").startswith(f"{_('Total')} {total} ")


def test_awards_of_a_year_are_the_awarded_ones_by_certificate(
    db: Database, tmp_path: Path
) -> None:
    year = max((a.awarded_on.year for a in list_awards(db) if a.awarded_on), default=None)
    assert year is not None
    awarded = [a for a in list_awards(db, year) if a.status == "awarded"]
    register = load_register(db, "awards", year=year)
    assert [row[1] for row in register.rows] == [a.certificate for a in awarded]
    assert register.count == len(awarded) > 0


def test_an_empty_year_prints_its_header_and_says_so(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    print_register(db, "aid", out, year=1990)
    (text,) = _pages(out)
    assert _("The list is empty.") in text
    assert _("Payments: {count}").format(count=0) in text


def test_a_cancel_leaves_no_file_and_an_old_one_untouched(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "out" / "members.pdf"
    out.parent.mkdir()
    out.write_bytes(b"the old printout")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))

    with pytest.raises(PrintCancelled):
        print_register(db, "members", out, progress=progress, cancelled=lambda: len(seen) > 1)
    assert out.read_bytes() == b"the old printout"
    assert [p.name for p in out.parent.iterdir()] == ["members.pdf"]  # no temporary left


def test_an_unknown_register_is_refused(db: Database) -> None:
    with pytest.raises(UserError):
        load_register(db, "dues")
    assert set(KINDS) == {"members", "children", "vouchers", "aid", "awards"}


def test_widths_fill_the_page_and_keep_names_whole() -> None:
    regular, bold = layout.styles().regular, layout.styles().bold
    columns = [layout.Column("№", wrap=False), layout.Column("Аты-жөнү"),
               layout.Column("Бөлүмү"), layout.Column("Кызмат орду"),
               layout.Column("Туулган күнү", wrap=False)]
    long_department = "Факультет математики и информационных технологий " * 3
    rows: list[list[str | None]] = [
        [str(i), f"{' '.join(KYRGYZ)} {i}", long_department if i % 3 else "Бухгалтерия",
         "старший преподаватель", "01.01.1980"] for i in range(1, 600)]
    fitted = fit_widths(columns, rows, 8, keep=(1,))
    widths = [c.width for c in fitted]
    assert sum(widths) == pytest.approx(AVAILABLE)
    longest_name = max(stringWidth(str(r[1]), regular, 8) for r in rows)
    assert widths[1] > longest_name  # the names keep one line; the department wraps
    assert widths[2] < stringWidth(long_department, regular, 8)
    for column, width in zip(fitted, widths, strict=True):
        title = max(stringWidth(w, bold, 8) for w in column.title.split())
        assert width > title  # a title's word is never broken
    assert fit_widths(columns, [], 8)  # an empty list still has its columns


def test_sums_by_kind_and_by_reason_add_up_to_the_totals(db: Database) -> None:
    from unionapp.core.codes import AID_REASONS, VOUCHER_KINDS

    year = _year_with(db)
    vouchers = load_register(db, "vouchers", year=year)
    assert vouchers.summary is not None and vouchers.totals is not None
    kinds = {v.kind for v in list_vouchers(db, year)}
    assert [row[0] for row in vouchers.summary.rows] == \
        [VOUCHER_KINDS.label(k) for k in VOUCHER_KINDS.codes if k in kinds]
    assert sum(int(str(row[1])) for row in vouchers.summary.rows) == vouchers.count
    assert vouchers.summary.totals is not None
    assert vouchers.summary.totals[2:] == [t for t in vouchers.totals if t][1:]  # the money

    aid = load_register(db, "aid", year=year)
    assert aid.summary is not None and aid.summary.totals is not None
    paid = list_aid(db, year)
    for row in aid.summary.rows:
        code = next(c for c in AID_REASONS.codes if AID_REASONS.label(c) == row[0])
        assert row[2] == format_money(sum(p.amount for p in paid if p.reason == code))
    assert aid.summary.totals[2] == format_money(sum(p.amount for p in paid))
    assert load_register(db, "aid", year=1990).summary is None  # nothing to sum
