"""The voucher queue: points anyone can recount, reasons in words, weights from the settings."""

from __future__ import annotations

import datetime as dt

import pytest
from dues_helpers import add_member

from unionapp.core import members, settings, voucher_applications, vouchers
from unionapp.core.institutions import InstitutionInput, create_institution
from unionapp.core.voucher_applications import ApplicationInput
from unionapp.core.voucher_queue import (
    Applicant,
    Weights,
    load_queue,
    rank,
    season_start,
)
from unionapp.core.vouchers import VoucherInput

AS_OF = dt.date(2026, 5, 1)


def person(app_id: int, name: str, **facts: object) -> Applicant:
    values: dict[str, object] = {
        "application_id": app_id, "member_id": app_id, "card_no": str(100 + app_id),
        "member_name": name, "kind": "sanatorium", "applied_on": dt.date(2026, 2, 1),
        "join_date": dt.date(2020, 1, 1), "last_voucher": None,
    }
    values.update(facts)
    return Applicant(**values)  # type: ignore[arg-type]


HAND_BUILT = [
    person(1, "Асанова Айгүл"),  # never: 30 + 6 years of membership = 36
    person(2, "Бекова Нургүл", last_voucher=dt.date(2023, 7, 1), join_date=dt.date(2000, 3, 1),
           many_children=True),  # 2 years: 6 + 26 + 5 = 37
    person(3, "Осмонов Бакыт", last_voucher=dt.date(2010, 1, 1),
           join_date=dt.date(2016, 5, 1)),  # capped at 10 years: 30 + 10 = 40
    person(4, "Исакова Гүлзат", applied_on=dt.date(2026, 1, 10)),  # 36 like 1, applied earlier
    person(5, "Токтогулов Марат", last_voucher=dt.date(2025, 8, 1), disability=True),  # 0+6+5
]


def test_order_follows_the_points_then_the_date_applied() -> None:
    queue = rank(HAND_BUILT, Weights(), AS_OF)
    assert [(p.place, p.applicant.application_id, p.points) for p in queue] == [
        (1, 3, 40), (2, 2, 37), (3, 4, 36), (4, 1, 36), (5, 5, 11),
    ]


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_every_position_says_why_in_words() -> None:
    by_id = {p.applicant.application_id: p for p in rank(HAND_BUILT, Weights(), AS_OF)}
    assert by_id[1].reasons_text() == (
        "last voucher: never, counted as 10 years: +30; member for 6 years: +6; "
        "applied on 01.02.2026"
    )
    assert by_id[2].reasons_text() == (
        "last voucher: 01.07.2023, 2 full years ago: +6; member for 26 years: +26; "
        "many children: +5; applied on 01.02.2026"
    )
    assert "more than 10 years ago: +30" in by_id[3].reasons_text()
    assert "disability: +5" in by_id[5].reasons_text()
    # the points are the sum of the reasons' points, so anyone can recount them
    for position in by_id.values():
        assert position.points == sum(r.points for r in position.reasons)


def test_other_weights_give_another_order() -> None:
    no_years = Weights(per_year_without=0, per_member_year=2)
    order = [(p.applicant.application_id, p.points) for p in rank(HAND_BUILT, no_years, AS_OF)]
    assert order == [(2, 57), (3, 20), (5, 17), (4, 12), (1, 12)]


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_camp_child_about_to_age_out_goes_first_and_one_too_old_waits_last() -> None:
    camp = {"kind": "children_camp", "season": "summer", "child_id": 1}
    kids = [
        person(1, "А", child_name="Бала 8", child_birth=dt.date(2018, 3, 1), **camp),
        person(2, "Б", child_name="Бала 14", child_birth=dt.date(2012, 1, 1), **camp),
        person(3, "В", child_name="Бала 16", child_birth=dt.date(2010, 1, 1), **camp),
    ]
    queue = rank(kids, Weights(), AS_OF, camp_limits=(7, 14))
    assert [p.applicant.child_name for p in queue] == ["Бала 14", "Бала 8", "Бала 16"]
    assert [p.eligible for p in queue] == [True, True, False]
    assert "child's age on 01.06.2026: 14 (camps take 7–14): +14" in queue[0].reasons_text()
    assert "outside the camps' ages 7–14: waits after the others" in queue[2].reasons_text()
    assert "this child's last camp: never" in queue[0].reasons_text()


def test_season_start_is_the_next_one_or_today_while_it_is_on() -> None:
    assert season_start("summer", dt.date(2026, 5, 1)) == dt.date(2026, 6, 1)
    assert season_start("summer", dt.date(2026, 7, 15)) == dt.date(2026, 7, 15)
    assert season_start("summer", dt.date(2026, 10, 1)) == dt.date(2027, 6, 1)
    assert season_start("winter", dt.date(2026, 1, 20)) == dt.date(2026, 1, 20)
    assert season_start("winter", dt.date(2026, 5, 1)) == dt.date(2026, 12, 1)
    assert season_start(None, dt.date(2026, 5, 1)) == dt.date(2026, 5, 1)


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_queue_from_the_database_uses_the_settings_and_the_last_voucher(db) -> None:
    first = add_member(db, "0001", "Асанова", join=dt.date(2010, 1, 1))
    second = add_member(db, "0002", "Бекова", join=dt.date(2020, 1, 1))
    apply = dt.date(2026, 2, 1)
    for member in (first, second):
        voucher_applications.create_application(
            db, ApplicationInput(member, "sanatorium", apply), today=AS_OF
        )
    # the first had a voucher last year: 1 year (3) + 16 years (16) = 19 against 30 + 6 = 36
    vouchers.issue_voucher(db, VoucherInput(first, "rest_home", dt.date(2025, 3, 1),
                                            dt.date(2025, 3, 12), 1_000_000, 100_000))
    queue = load_queue(db, "sanatorium", as_of=AS_OF)
    assert [(p.applicant.card_no, p.points) for p in queue.positions] == [("0002", 36),
                                                                         ("0001", 19)]
    assert "last voucher: 01.03.2025, 1 full years ago: +3" in queue.positions[1].reasons_text()
    settings.set_many(db, {"queue.points_per_year_without": "0",
                           "queue.points_per_member_year": "5"})
    queue = load_queue(db, "sanatorium", as_of=AS_OF)
    assert [(p.applicant.card_no, p.points) for p in queue.positions] == [("0001", 80),
                                                                         ("0002", 30)]
    assert queue.filter("бек") == [queue.positions[1]]
    assert any("5 points" in line for line in queue.rules())


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_camp_limits_come_from_the_catalogue(db) -> None:
    parent = add_member(db, "0001", "Асанова")
    child = members.add_child(db, parent, members.ChildInput("Асанов Бакыт", dt.date(2013, 1, 5)))
    voucher_applications.create_application(
        db, ApplicationInput(parent, "children_camp", dt.date(2026, 3, 1), "summer", child),
        today=AS_OF,
    )
    no_limits = load_queue(db, "children_camp", as_of=AS_OF)
    assert "the camps' ages are not in the catalogue" in no_limits.positions[0].reasons_text()
    create_institution(db, InstitutionInput("Балдар лагери «Ала-Тоо»", "children_camp", 7, 15))
    queue = load_queue(db, "children_camp", as_of=AS_OF)
    assert queue.camp_limits == (7, 15)
    reasons = queue.positions[0].reasons_text()
    assert "child's age on 01.06.2026: 13 (camps take 7–15): +12" in reasons


def test_ranking_ten_thousand_keeps_the_order() -> None:
    """Speed is the bench's business (no timed unit tests); here: 10k rank consistently."""
    many = [
        person(i, f"Мүчө {i}", join_date=dt.date(1990 + i % 30, 1 + i % 12, 1),
               last_voucher=None if i % 3 else dt.date(2015 + i % 10, 6, 1),
               applied_on=dt.date(2025, 1 + i % 12, 1 + i % 28), many_children=i % 7 == 0)
        for i in range(1, 10_001)
    ]
    queue = rank(many, Weights(), AS_OF)
    assert len(queue) == 10_000
    assert [p.place for p in queue[:3]] == [1, 2, 3]
    assert all(a.points >= b.points for a, b in zip(queue, queue[1:], strict=False))
