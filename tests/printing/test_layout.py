"""The shared page furniture, read back with pypdf: page size, header and footer on every page,
a long list cut into pages with its header row on each, totals once at the end, Kyrgyz letters
intact, and no half-written file after a failure or a cancel."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from unionapp.core.errors import UserError
from unionapp.core.i18n import _, set_language
from unionapp.printing import layout

ORG = "«Жаңы Үмүт» баштапкы профсоюз уюму"
COLUMNS = [
    layout.Column("Билет №", 0.8), layout.Column("Аты-жөнү", 3),
    layout.Column("Бөлүмү", 2), layout.Column("Сумма", 1, money=True),
]
PRINTED = dt.date(2026, 11, 3)


def _rows(count: int) -> list[list[str | None]]:
    return [[f"R{i:04d}", f"Үсөнова Гүлнара Таңкыевна {i}", "Бухгалтерия", f"{i},00"]
            for i in range(1, count + 1)]


def _write(path: Path, count: int, *, landscape: bool = True, **kwargs: object) -> PdfReader:
    st = layout.styles()
    story = [
        layout.paragraph("Мүчөлөрдүн тизмеси", st.title),
        layout.rows_table(COLUMNS, _rows(count), ["Бардыгы", "", "", "500 500,00"],
                          lead=[layout.paragraph("Биринчи тизме", st.heading)]),
    ]
    layout.write_pdf(path, story, layout.PageSetup(ORG, "Тизме", landscape, PRINTED),
                     **kwargs)  # type: ignore[arg-type]
    return PdfReader(path)


def test_a_long_list_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    set_language("ky")
    reader = _write(tmp_path / "long.pdf", 1000)
    pages = [page.extract_text() for page in reader.pages]
    count = len(pages)
    assert count > 10
    seen: list[str] = []
    for number, text in enumerate(pages, start=1):
        assert text.count("Аты-жөнү") == 1, number  # once per page: never inside a page
        assert f"Бет {number}/{count}" in text
        assert ORG in text
        assert _("Printed on {date}").format(date="03.11.2026") in text
        seen += re.findall(r"R\d{4}", text)
    assert seen == [f"R{i:04d}" for i in range(1, 1001)]  # every row once, in order
    assert "Бардыгы" in pages[-1] and "500 500,00" in pages[-1]
    assert not any("Бардыгы" in text for text in pages[:-1])
    assert "Үсөнова Гүлнара Таңкыевна 1000" in pages[-1]  # ң ө ү extracted intact
    assert "Биринчи тизме" in pages[0] and "Биринчи тизме" not in pages[1]


@pytest.mark.parametrize(("landscape", "size"), [(True, (842, 595)), (False, (595, 842))])
def test_a4_in_either_orientation(tmp_path: Path, landscape: bool, size: tuple[int, int]) -> None:
    reader = _write(tmp_path / "a4.pdf", 5, landscape=landscape)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    resources: Any = reader.pages[0]["/Resources"]
    names = sorted(str(font.get_object()["/BaseFont"]) for font in resources["/Font"].values())
    # both faces embedded (a subset, hence the AAAAAA+ prefix), nothing else, no Helvetica
    assert [name.split("+")[-1] for name in names] == ["DejaVuSans", "DejaVuSans-Bold"]
    assert all("+" in name for name in names)


def test_russian_page_numbers(tmp_path: Path) -> None:
    set_language("ru")
    reader = _write(tmp_path / "ru.pdf", 60)
    count = len(reader.pages)
    assert count > 1
    assert f"Стр. 1 из {count}" in reader.pages[0].extract_text()
    assert f"Стр. {count} из {count}" in reader.pages[-1].extract_text()


def test_long_text_wraps_in_its_cell_and_money_stays_right(tmp_path: Path) -> None:
    department = " ".join(["Өндүрүштүк"] * 14)  # wider than its column
    st = layout.styles()
    story = [layout.rows_table(COLUMNS, [["1", "Асанов", department, "1,00"]])]
    path = tmp_path / "wrap.pdf"
    layout.write_pdf(path, story, layout.PageSetup(ORG, "x"))
    text = PdfReader(path).pages[0].extract_text()
    assert text.count("Өндүрүштүк") == 14  # nothing cut off
    assert st.title.fontName == "DejaVuSans-Bold"


def test_an_empty_list_says_so(tmp_path: Path) -> None:
    set_language("ru")
    path = tmp_path / "empty.pdf"
    layout.write_pdf(path, [layout.rows_table(COLUMNS, [], ["Итого", "", "", "0,00"])],
                     layout.PageSetup("", "x"))
    text = PdfReader(path).pages[0].extract_text()
    assert _("The list is empty.") in text and "Итого" not in text


def test_progress_counts_the_rows(tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    _write(tmp_path / "p.pdf", 250, progress=lambda done, total: reports.append((done, total)))
    assert reports[-1] == (250, 250)
    assert len(reports) > 3 and [d for d, _t in reports] == sorted(d for d, _t in reports)


def test_a_cancel_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "list.pdf"
    target.write_bytes(b"the old printout")
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 5  # after a few pieces are drawn

    with pytest.raises(layout.PrintCancelled):
        _write(target, 1000, cancelled=cancelled)
    assert target.read_bytes() == b"the old printout"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["list.pdf"]


def test_an_unwritable_place_is_a_clear_refusal(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        _write(blocker / "list.pdf", 3)
    assert "list.pdf" in refused.value.message()


def test_a_totals_row_must_match_the_columns() -> None:
    with pytest.raises(ValueError):
        layout.rows_table(COLUMNS, [], ["only", "two"])


def test_organization_name_falls_back_to_the_other_language() -> None:
    names = {"org.name_ky": "", "org.name_ru": "Профком"}
    assert layout.organization_name(names, "ky") == "Профком"
    assert layout.organization_name({**names, "org.name_ky": "Уюм"}, "ky") == "Уюм"
    assert layout.organization_name({}, "ru") == ""
