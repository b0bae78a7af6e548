"""The queue printout explains itself: rules with the weights, reasons in words, Kyrgyz letters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from unionapp.core.i18n import set_language
from unionapp.core.voucher_queue import Applicant, Queue, Weights, rank
from unionapp.printing.queue import write_queue_pdf

AS_OF = dt.date(2026, 5, 1)


def applicant(i: int, name: str, **facts: object) -> Applicant:
    values: dict[str, object] = {
        "application_id": i, "member_id": i, "card_no": f"{i:04d}", "member_name": name,
        "kind": "sanatorium", "applied_on": dt.date(2026, 2, i % 27 + 1),
        "join_date": dt.date(2000 + i % 25, 1, 1), "last_voucher": None, "season": "summer",
    }
    values.update(facts)
    return Applicant(**values)  # type: ignore[arg-type]


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_reasons_rules_and_kyrgyz_letters_are_in_the_pdf(tmp_path: Path) -> None:
    people = [
        applicant(1, "Үсөнова Гүлнара Өмүрбековна", many_children=True),
        applicant(2, "Ңурланов Бакыт", last_voucher=dt.date(2024, 7, 1), disability=True),
    ] + [applicant(i, f"Мүчө Төлөнов {i}") for i in range(3, 90)]
    weights = Weights(per_year_without=4)
    queue = Queue("sanatorium", AS_OF, weights, None, rank(people, weights, AS_OF))
    path = tmp_path / "queue.pdf"
    write_queue_pdf(queue, "Билим берүү кызматкерлеринин профсоюз уюму", path,
                    chairperson="Өмүрова Ү.")
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    text = text_of(path)
    flat = " ".join(text.split())
    assert "Үсөнова Гүлнара Өмүрбековна" in flat
    assert "Ңурланов Бакыт" in flat
    assert "Билим берүү кызматкерлеринин профсоюз уюму" in flat
    assert "Өмүрова Ү." in flat
    assert "last voucher: never, counted as 10 years: +40" in flat
    assert "many children: +5" in flat
    assert "disability: +5" in flat
    # the rules carry the weights in force, so the reader can recount
    assert "Each full year since the member's last voucher gives 4 points." in flat
    first_page = reader.pages[0].extract_text() or ""
    assert "1" in first_page and "Үсөнова" in first_page
    last = reader.pages[-1].extract_text() or ""
    pages = len(reader.pages)
    assert f"{pages}" in last


def test_the_printout_follows_the_language(tmp_path: Path) -> None:
    queue = Queue("children_camp", AS_OF, Weights(), (7, 14), rank(
        [applicant(1, "Асанова Айгүл", kind="children_camp", child_id=1,
                   child_name="Асанов Нурбек", child_birth=dt.date(2010, 1, 1))],
        Weights(), AS_OF, (7, 14)))
    set_language("ru")
    path = tmp_path / "ru.pdf"
    write_queue_pdf(queue, "Профком", path)
    flat = " ".join(text_of(path).split())
    assert "Асанов Нурбек" in flat
    assert "outside the camps' ages 7–14" in flat or "7–14" in flat
