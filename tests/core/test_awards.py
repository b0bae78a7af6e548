"""Awards: nomination -> decision -> award, certificate numbers per year, every refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from dues_helpers import add_member
from sqlalchemy import select

from unionapp.core import award_types, awards, decisions
from unionapp.core.award_types import AwardTypeInput
from unionapp.core.awards import AwardInput, Grant
from unionapp.core.decisions import DecisionInput
from unionapp.core.errors import NotFoundError, ValidationError, ValidationGroup
from unionapp.core.models import AuditEntry, Award

Y25, Y26 = 2025, 2026


def day(year: int, month: int, d: int) -> dt.date:
    return dt.date(year, month, d)


@pytest.fixture
def setup(db):  # type: ignore[no-untyped-def]
    """Two members, the seeded catalogue, protocols No. 3 of 2025 and No. 1 and 7 of 2026."""
    first = add_member(db, "0100", "Асанов")
    second = add_member(db, "0200", "Сейит кызы")
    types = {t.name: t.id for t in award_types.list_types(db)}
    d25 = decisions.create_decision(db, DecisionInput("3", day(Y25, 12, 1)))
    d26 = decisions.create_decision(db, DecisionInput("1", day(Y26, 1, 15)))
    d26b = decisions.create_decision(db, DecisionInput("7", day(Y26, 5, 14)))
    return db, first, second, types["Ардак грамота"], {"25": d25, "26": d26, "26b": d26b}


def award_now(db, member, type_id, decision, on, cert=None) -> int:  # type: ignore[no-untyped-def]
    award_id = awards.nominate(db, AwardInput(member, type_id, on - dt.timedelta(days=3), "иш"))
    awards.grant(db, award_id, Grant(on, decision, certificate_no=cert))
    return award_id


def certificates(db) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.certificate for r in awards.list_awards(db)]


def test_a_fresh_catalogue_has_the_common_types_once(db) -> None:
    rows = award_types.list_types(db)
    assert [(r.name, r.level, r.form) for r in rows] == [
        ("Ардак грамота", "own", "certificate"),
        ("Ыраазычылык кат", "own", "gratitude"),
        ("Билим жана илим кызматкерлеринин профсоюз кыймылынын отличниги", "sectoral", "badge"),
        ("Кыргызстан профсоюздар федерациясынын Ардак грамотасы", "federation", "certificate"),
    ]
    assert len(award_types.list_types(db)) == 4  # listed again: not seeded twice
    with db.reading() as s:
        index = award_types.TypeIndex.load(s)
        # the Russian name of a seeded type is the same type, quotes and case aside
        assert index.find("«ПОЧЕТНАЯ грамота»") == rows[0].id
        assert index.find("Почётная грамота профкома") is None


def test_catalogue_add_rename_deactivate(db) -> None:
    new = award_types.create_type(db, AwardTypeInput("Эмгек ардагери", "title", "title"))
    with pytest.raises(ValidationError) as info:
        award_types.create_type(db, AwardTypeInput(" эмгек  АРДАГЕРИ "))
    assert info.value.field == "name"
    with pytest.raises(ValidationGroup) as group:
        award_types.create_type(db, AwardTypeInput("", "district", "medal"))
    assert {e.field for e in group.value.errors} == {"name", "level", "form"}
    award_types.update_type(db, new, AwardTypeInput("Эмгек ардагери наамы", "title", "title"))
    award_types.set_active(db, new, False)
    row = next(r for r in award_types.list_types(db) if r.id == new)
    assert (row.name, row.active) == ("Эмгек ардагери наамы", False)
    assert new not in {r.id for r in award_types.list_types(db, active_only=True)}


def test_numbers_run_per_year_and_a_new_year_starts_at_one(setup) -> None:
    db, first, second, gramota, dec = setup
    award_now(db, first, gramota, dec["25"], day(Y25, 12, 5))
    award_now(db, second, gramota, dec["25"], day(Y25, 12, 6))
    award_now(db, first, gramota, dec["26"], day(Y26, 1, 20))
    award_now(db, second, gramota, dec["26b"], day(Y26, 5, 20))
    assert certificates(db) == ["2025/001", "2025/002", "2026/001", "2026/002"]
    assert awards.next_certificate(db, Y26) == "2026/003"
    assert awards.next_certificate(db, Y25) == "2025/003"
    assert [r.certificate for r in awards.list_awards(db, Y26)] == ["2026/001", "2026/002"]
    assert [r.certificate for r in awards.list_awards(db, member_id=second)] == [
        "2025/002", "2026/002",
    ]


def test_a_number_is_assigned_when_awarded_not_when_nominated(setup) -> None:
    db, first, _second, gramota, dec = setup
    nomination = awards.nominate(db, AwardInput(first, gramota, day(Y26, 5, 1), "30 жыл"))
    row = awards.list_awards(db, Y26)[0]
    assert (row.status, row.certificate, row.decision) == ("nominated", "", "")
    assert awards.grant(db, nomination, Grant(day(Y26, 5, 14), dec["26b"])) == "2026/001"
    row = awards.list_awards(db, Y26)[0]
    assert (row.status, row.certificate) == ("awarded", "2026/001")
    assert row.decision == decisions.label("7", day(Y26, 5, 14))


def test_a_deleted_awards_number_is_never_given_again(setup) -> None:
    db, first, second, gramota, dec = setup
    award_now(db, first, gramota, dec["26"], day(Y26, 1, 20))
    last = award_now(db, second, gramota, dec["26"], day(Y26, 1, 21))
    awards.delete_award(db, last)
    assert awards.next_certificate(db, Y26) == "2026/003"
    assert award_now(db, second, gramota, dec["26"], day(Y26, 1, 22)) is not None
    assert certificates(db) == ["2026/001", "2026/003"]
    with db.reading() as s:
        deleted = s.scalars(select(AuditEntry.old).where(
            AuditEntry.entity == "award", AuditEntry.action == "delete",
            AuditEntry.field == "certificate")).one()
    assert deleted == "2026/002"


def test_a_typed_number_is_kept_and_a_duplicate_refused(setup) -> None:
    db, first, second, gramota, dec = setup
    award_now(db, first, gramota, dec["26"], day(Y26, 1, 20), cert="2026/17")
    assert certificates(db) == ["2026/017"]
    assert awards.next_certificate(db, Y26) == "2026/018"
    nomination = awards.nominate(db, AwardInput(second, gramota, day(Y26, 1, 16)))
    for typed in ("2026/017", "2026-17", " 2026 / 017 "):
        with pytest.raises(ValidationError) as info:
            awards.grant(db, nomination, Grant(day(Y26, 1, 20), dec["26"], certificate_no=typed))
        assert info.value.field == "certificate_no"
        assert "Асанов" in info.value.message()
    with pytest.raises(ValidationError) as info:
        awards.grant(db, nomination, Grant(day(Y26, 1, 20), dec["26"], certificate_no="2025/4"))
    assert info.value.field == "certificate_no"  # not of the award's year
    with pytest.raises(ValidationError) as info:
        awards.grant(db, nomination, Grant(day(Y26, 1, 20), dec["26"], certificate_no="17"))
    assert info.value.field == "certificate_no"  # not a number with its year
    assert awards.grant(db, nomination, Grant(day(Y26, 1, 20), dec["26"])) == "2026/018"


def test_a_decision_that_does_not_exist_is_refused(setup) -> None:
    db, first, _second, gramota, dec = setup
    nomination = awards.nominate(db, AwardInput(first, gramota, day(Y26, 1, 2)))
    with pytest.raises(ValidationError) as info:
        awards.grant(db, nomination, Grant(day(Y26, 1, 20), decision_no="99"))
    assert info.value.field == "decision" and "99" in info.value.message()
    with pytest.raises(ValidationError) as info:  # No. 7 exists, but not of that date
        awards.grant(db, nomination, Grant(day(Y26, 5, 20), decision_no="№ 7",
                                           decision_date=day(Y26, 5, 15)))
    assert info.value.field == "decision"
    with pytest.raises(ValidationError) as info:
        awards.grant(db, nomination, Grant(day(Y26, 1, 20), decision_id=dec["26b"] + 100))
    assert info.value.field == "decision"
    with pytest.raises(ValidationError) as info:
        awards.grant(db, nomination, Grant(day(Y26, 1, 20)))
    assert info.value.field == "decision"
    # cited by number within the award's year
    assert awards.grant(db, nomination, Grant(day(Y26, 5, 20), decision_no="7")) == "2026/001"
    assert awards.list_awards(db)[0].decision_id == dec["26b"]


def test_dates_out_of_order_are_refused(setup) -> None:
    db, first, _second, gramota, dec = setup
    nomination = awards.nominate(db, AwardInput(first, gramota, day(Y26, 5, 1)))
    with pytest.raises(ValidationError) as info:  # awarded before nominated
        awards.grant(db, nomination, Grant(day(Y26, 4, 30), dec["26"]))
    assert info.value.field == "awarded_on"
    with pytest.raises(ValidationError) as info:  # awarded before the decision
        awards.grant(db, nomination, Grant(day(Y26, 5, 10), dec["26b"]))
    assert info.value.field == "awarded_on"
    future = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(ValidationError) as info:
        awards.nominate(db, AwardInput(first, gramota, future))
    assert info.value.field == "nominated_on"
    assert [r.status for r in awards.list_awards(db)] == ["nominated"]


def test_not_a_member_on_the_award_date_is_refused(db) -> None:
    joined = add_member(db, "0300", "Жаңы", join=day(Y26, 3, 1))
    left = add_member(db, "0400", "Кеткен", exit_=day(Y26, 2, 1))
    gramota = award_types.list_types(db)[0].id
    decision = decisions.create_decision(db, DecisionInput("2", day(Y26, 2, 10)))
    with pytest.raises(ValidationError) as info:
        awards.nominate(db, AwardInput(joined, gramota, day(Y26, 2, 1)))
    assert info.value.field == "nominated_on" and "Жаңы" in info.value.message()
    nomination = awards.nominate(db, AwardInput(left, gramota, day(Y26, 1, 20)))
    with pytest.raises(ValidationError) as info:
        awards.grant(db, nomination, Grant(day(Y26, 2, 10), decision))
    assert info.value.field == "awarded_on" and "Кеткен" in info.value.message()


def test_every_problem_of_a_form_at_once_and_nothing_saved(setup) -> None:
    db, first, _second, _gramota, _dec = setup
    with pytest.raises(ValidationGroup) as info:
        awards.nominate(db, AwardInput(None, None, None, cost=-1))
    assert {e.field for e in info.value.errors} == {"member", "award_type", "nominated_on",
                                                     "cost"}
    problems = awards.check_award(db, AwardInput(first, None, day(Y26, 1, 1),
                                                 certificate_no="2026/001"))
    assert {e.field for e in problems} == {"award_type", "awarded_on"}
    assert awards.list_awards(db) == []


def test_an_inactive_type_is_refused_for_new_awards_only(setup) -> None:
    db, first, second, gramota, dec = setup
    kept = award_now(db, first, gramota, dec["26"], day(Y26, 1, 20))
    award_types.set_active(db, gramota, False)
    with pytest.raises(ValidationError) as info:
        awards.nominate(db, AwardInput(second, gramota, day(Y26, 1, 2)))
    assert info.value.field == "award_type"
    data = awards.get_award(db, kept)
    data.reason = "узак жылдык эмгеги үчүн"
    awards.update_award(db, kept, data)  # an award already given keeps its type
    assert awards.list_awards(db)[0].reason == "узак жылдык эмгеги үчүн"


def test_edit_moves_the_award_to_another_year_with_a_new_number(setup) -> None:
    db, first, second, gramota, dec = setup
    moved = award_now(db, first, gramota, dec["25"], day(Y25, 12, 5))
    award_now(db, second, gramota, dec["26"], day(Y26, 1, 20))
    data = awards.get_award(db, moved)
    assert data.certificate_no == "2025/001"
    data.awarded_on, data.decision_id, data.certificate_no = day(Y26, 1, 25), dec["26"], None
    awards.update_award(db, moved, data)
    assert awards.get_award(db, moved).certificate_no == "2026/002"
    assert awards.next_certificate(db, Y25) == "2025/002"  # 2025/001 is burnt


def test_missing_records_are_named(db) -> None:
    with pytest.raises(NotFoundError):
        awards.delete_award(db, 12345)
    with pytest.raises(NotFoundError):
        awards.get_award(db, 12345)


def test_the_register_lists_years_and_stays_one_query(setup) -> None:
    db, first, second, gramota, dec = setup
    award_now(db, first, gramota, dec["25"], day(Y25, 12, 5))
    awards.nominate(db, AwardInput(second, gramota, day(Y26, 2, 1)))
    assert awards.register_years(db) == [Y26, Y25]
    with db.reading() as s:
        assert len(s.scalars(select(Award)).all()) == 2
    rows = awards.list_awards(db)
    assert [(r.card_no, r.status) for r in rows] == [("0100", "awarded"), ("0200", "nominated")]
    assert rows[0].department == "Бухгалтерия" and rows[0].member_name == "Асанов Аты"
