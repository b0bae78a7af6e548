"""Issuing vouchers: every refusal of the issue's «bad input», the subsidy, applications granted."""

from __future__ import annotations

import datetime as dt

import pytest
from dues_helpers import add_member

from unionapp.core import decisions, members, voucher_applications, voucher_queue, vouchers
from unionapp.core.decisions import DecisionInput
from unionapp.core.errors import UserError, ValidationError, ValidationGroup
from unionapp.core.institutions import (
    InstitutionInput,
    create_institution,
    delete_institution,
    list_institutions,
    update_institution,
)
from unionapp.core.models import AuditEntry
from unionapp.core.voucher_applications import ApplicationInput
from unionapp.core.vouchers import VoucherInput

JULY = dt.date(2026, 7, 1)
TODAY = dt.date(2026, 5, 1)


@pytest.fixture
def family(db):  # type: ignore[no-untyped-def]
    """A mother with a son of 13 (on 1 July 2026), another member, a camp for 7–14, a protocol."""
    mother = add_member(db, "0001", "Асанова", join=dt.date(2015, 1, 1))
    other = add_member(db, "0002", "Бекова", join=dt.date(2026, 8, 1))  # joins after July
    son = members.add_child(db, mother, members.ChildInput("Асанов Бакыт", dt.date(2013, 6, 2)))
    girl = members.add_child(db, other, members.ChildInput("Бекова Айым", dt.date(2015, 1, 1)))
    camp = create_institution(db, InstitutionInput("Лагерь «Ала-Тоо»", "children_camp", 7, 14))
    resort = create_institution(db, InstitutionInput("Санаторий «Иссык-Куль»", "sanatorium"))
    decision = decisions.create_decision(db, DecisionInput("7", dt.date(2026, 5, 14)))
    return {"mother": mother, "other": other, "son": son, "girl": girl, "camp": camp,
            "resort": resort, "decision": decision}


def camp_voucher(f: dict[str, int], **changes: object) -> VoucherInput:
    data = VoucherInput(
        member_id=f["mother"], kind="children_camp", start_date=JULY,
        end_date=dt.date(2026, 7, 21), cost=1_500_000, copay=300_000,
        institution_id=f["camp"], child_id=f["son"], source="higher", decision_id=f["decision"],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def refusal(db, data: VoucherInput) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """field -> message of every problem; nothing may have been stored."""
    before = len(vouchers.list_vouchers(db))
    with pytest.raises(ValidationError) as info:
        vouchers.issue_voucher(db, data)
    assert len(vouchers.list_vouchers(db)) == before
    errors = info.value.errors if isinstance(info.value, ValidationGroup) else [info.value]
    return {e.field: e.message() for e in errors}


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_a_camp_voucher_is_issued_with_its_subsidy_and_protocol(db, family) -> None:
    voucher_id = vouchers.issue_voucher(db, camp_voucher(family))
    [row] = vouchers.list_vouchers(db, 2026)
    assert row.id == voucher_id
    assert (row.cost, row.copay, row.subsidy) == (1_500_000, 300_000, 1_200_000)
    assert (row.child_name, row.institution, row.source) == ("Асанов Бакыт", "Лагерь «Ала-Тоо»",
                                                             "higher")
    assert row.protocol == "No. 7 of 14.05.2026"
    assert vouchers.totals([row]).subsidy == 1_200_000
    assert vouchers.list_vouchers(db, 2025) == []
    assert [r.id for r in vouchers.member_history(db, family["mother"])] == [voucher_id]
    assert [r.id for r in vouchers.child_history(db, family["son"])] == [voucher_id]
    assert vouchers.child_history(db, family["girl"]) == []
    assert [d.id for d in decisions.list_decisions(db) if d.granted] == [family["decision"]]


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_a_child_who_is_not_the_members_is_refused(db, family) -> None:
    problems = refusal(db, camp_voucher(family, child_id=family["girl"]))
    assert problems == {"child": "Бекова Айым is not a child of Асанова Аты."}


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_a_child_older_or_younger_than_the_camp_takes_is_refused(db, family) -> None:
    later = camp_voucher(family, start_date=dt.date(2028, 7, 1), end_date=dt.date(2028, 7, 21))
    assert "15 on 01.07.2028, older than «Лагерь „Ала-Тоо“» takes (up to 14)" in refusal(
        db, later
    )["child"]
    young = members.add_child(db, family["mother"], members.ChildInput("Асанова Айша",
                                                                       dt.date(2021, 1, 1)))
    assert "younger than" in refusal(db, camp_voucher(family, child_id=young))["child"]
    unknown = members.add_child(db, family["mother"], members.ChildInput("Асанов Эрлан"))
    assert "birth date" in refusal(db, camp_voucher(family, child_id=unknown))["child"]


def test_a_camp_voucher_needs_a_child(db, family) -> None:
    assert set(refusal(db, camp_voucher(family, child_id=None))) == {"child"}


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_co_payment_above_the_cost_and_negative_money_are_refused(db, family) -> None:
    assert refusal(db, camp_voucher(family, copay=1_600_000)) == {
        "copay": "The co-payment (16\xa0000,00) is more than the cost (15\xa0000,00)."
    }
    assert set(refusal(db, camp_voucher(family, cost=-1, copay=-5))) == {"cost", "copay"}
    assert set(refusal(db, camp_voucher(family, cost=None))) == {"cost"}


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_dates_out_of_order_are_refused(db, family) -> None:
    problems = refusal(db, camp_voucher(family, end_date=dt.date(2026, 6, 20)))
    assert problems == {"end_date": "The voucher ends (20.06.2026) before it starts (01.07.2026)."}


@pytest.mark.usefixtures("source_strings")  # the rule in its English words
def test_not_a_member_on_the_start_date_is_refused(db, family) -> None:
    data = VoucherInput(family["other"], "sanatorium", JULY, dt.date(2026, 7, 12), 100_000)
    assert refusal(db, data) == {"member": "Бекова Аты was not a member on 01.07.2026."}


def test_a_decision_that_does_not_exist_is_refused(db, family) -> None:
    assert set(refusal(db, camp_voucher(family, decision_id=9999))) == {"decision"}


def test_a_voucher_to_a_place_of_another_kind_is_refused(db, family) -> None:
    data = camp_voucher(family, kind="sanatorium", institution_id=family["camp"])
    assert set(refusal(db, data)) == {"institution"}


def test_every_problem_at_once(db, family) -> None:
    data = camp_voucher(family, child_id=family["girl"], copay=9_000_000,
                        end_date=dt.date(2026, 1, 1), decision_id=9999)
    assert set(refusal(db, data)) == {"child", "copay", "end_date", "decision"}


def test_issuing_from_an_application_grants_it_and_deleting_puts_it_back(db, family) -> None:
    app = voucher_applications.create_application(
        db, ApplicationInput(family["mother"], "children_camp", TODAY, "summer", family["son"]),
        today=TODAY,
    )
    voucher_id = vouchers.issue_voucher(db, camp_voucher(family, application_id=app))
    [row] = voucher_applications.list_applications(db, member_id=family["mother"])
    assert (row.status, row.voucher_id) == ("granted", voucher_id)
    assert vouchers.get_voucher(db, voucher_id).application_id == app
    with pytest.raises(ValidationError) as info:  # granted once only
        vouchers.issue_voucher(db, camp_voucher(family, application_id=app))
    assert info.value.field == "application"
    with pytest.raises(UserError):
        voucher_applications.withdraw_application(db, app)
    vouchers.delete_voucher(db, voucher_id)
    [row] = voucher_applications.list_applications(db, member_id=family["mother"])
    assert (row.status, row.voucher_id) == ("open", None)
    with db.reading() as s:
        actions = {(a.entity, a.action) for a in s.query(AuditEntry)}
    assert {("voucher", "create"), ("voucher", "delete"),
            ("voucher_application", "update")} <= actions


def test_a_voucher_from_the_queue_keeps_its_place_and_points_of_that_day(db, family) -> None:
    third = add_member(db, "0003", "Токтогулова", join=dt.date(2020, 1, 1))
    apps = [
        voucher_applications.create_application(
            db, ApplicationInput(member, "sanatorium", TODAY), today=TODAY
        )
        for member in (family["mother"], third)
    ]
    shown = voucher_queue.load_queue(db, "sanatorium", as_of=TODAY).positions
    second = shown[1]  # the committee gives it to the second in the queue (with its reasons)
    data = VoucherInput(
        member_id=second.applicant.member_id, kind="sanatorium", start_date=JULY,
        end_date=dt.date(2026, 7, 14), cost=2_000_000, institution_id=family["resort"],
        decision_id=family["decision"], application_id=second.applicant.application_id,
    )
    issued = vouchers.issue_voucher(db, data, today=TODAY)
    assert second.applicant.application_id in apps
    [row] = vouchers.list_vouchers(db)
    assert (row.queue_place, row.queue_points, row.queue_size) == (2, second.points, 2)
    assert len(voucher_queue.load_queue(db, "sanatorium", as_of=TODAY).positions) == 1
    data.application_id = None
    vouchers.update_voucher(db, issued, data)  # an edit keeps what the queue said then
    assert vouchers.list_vouchers(db)[0].queue_place == 2
    plain = vouchers.issue_voucher(db, camp_voucher(family))  # not from the queue: no place
    assert [r.queue_place for r in vouchers.list_vouchers(db) if r.id == plain] == [None]


def test_update_changes_and_keeps_the_rules(db, family) -> None:
    voucher_id = vouchers.issue_voucher(db, camp_voucher(family))
    vouchers.update_voucher(db, voucher_id, camp_voucher(family, copay=0, source="own"))
    assert vouchers.list_vouchers(db)[0].subsidy == 1_500_000
    with pytest.raises(ValidationError):
        vouchers.update_voucher(db, voucher_id, camp_voucher(family, copay=2_000_000))
    assert vouchers.get_voucher(db, voucher_id).copay == 0


def test_applications_refuse_a_twin_a_strange_child_and_a_future_date(db, family) -> None:
    data = ApplicationInput(family["mother"], "sanatorium", TODAY)
    first = voucher_applications.create_application(db, data, today=TODAY)
    with pytest.raises(ValidationError) as info:
        voucher_applications.create_application(db, data, today=TODAY)
    assert info.value.field == "kind"
    voucher_applications.withdraw_application(db, first)
    second = voucher_applications.create_application(db, data, today=TODAY)
    with pytest.raises(ValidationError):  # reopening would make a twin
        voucher_applications.reopen_application(db, first)
    voucher_applications.delete_application(db, second)
    voucher_applications.reopen_application(db, first)
    with pytest.raises(ValidationGroup) as group:
        voucher_applications.create_application(
            db, ApplicationInput(family["mother"], "children_camp", dt.date(2026, 6, 1),
                                 child_id=family["girl"]), today=TODAY)
    assert {e.field for e in group.value.errors} == {"applied_on", "child"}


def test_institutions_catalogue(db, family) -> None:
    with pytest.raises(ValidationError) as info:
        create_institution(db, InstitutionInput("  лагерь «ала-тоо» ", "children_camp"))
    assert info.value.field == "name"
    with pytest.raises(ValidationError) as info:
        create_institution(db, InstitutionInput("Жаңы лагерь", "children_camp", 15, 7))
    assert info.value.field == "max_child_age"
    vouchers.issue_voucher(db, camp_voucher(family))
    rows = {r.name: r for r in list_institutions(db)}
    assert rows["Лагерь «Ала-Тоо»"].vouchers == 1
    assert [r.name for r in list_institutions(db, "sanatorium")] == ["Санаторий «Иссык-Куль»"]
    with pytest.raises(UserError):
        delete_institution(db, family["camp"])
    with pytest.raises(ValidationError) as info:
        update_institution(db, family["camp"], InstitutionInput("Лагерь", "sanatorium"))
    assert info.value.field == "kind"
    delete_institution(db, family["resort"])
    assert len(list_institutions(db)) == 1
