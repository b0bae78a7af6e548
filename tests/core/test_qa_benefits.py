"""Regressions found by the benefits QA pass (issue 5), one test per defect fixed.

Each test reproduces what a chairperson met: a queue led by someone who had left, an import
refused for the very words the window shows, a protocol number that silently picked one of two
meetings, names quoted twice in a refusal, a catalogue duplicate told only on the second try.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from dues_helpers import add_member

from unionapp.cli import main
from unionapp.core import decisions, institutions, members, voucher_applications, vouchers
from unionapp.core.codes import AID_REASONS, FUNDING_SOURCES
from unionapp.core.decisions import DecisionInput
from unionapp.core.errors import ValidationError, ValidationGroup
from unionapp.core.i18n import set_language, translate_in
from unionapp.core.institutions import InstitutionInput
from unionapp.core.quotes import inside_quotes
from unionapp.core.voucher_applications import ApplicationInput
from unionapp.core.voucher_queue import load_queue
from unionapp.core.vouchers import VoucherInput
from unionapp.printing.queue import queue_story

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _kyrgyz_afterwards():  # type: ignore[no-untyped-def]
    yield
    set_language("ky")


def db_bytes(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


# -- the queue: someone who left the union does not head it ------------------------------------
def test_a_member_who_left_waits_after_the_members_with_the_reason(db) -> None:  # type: ignore[no-untyped-def]
    set_language("ru")
    veteran = add_member(db, "1", "Ветеранова", join=dt.date(1990, 1, 1))
    young = add_member(db, "2", "Молодова", join=dt.date(2020, 1, 1))
    applied = TODAY - dt.timedelta(days=30)
    for member_id in (veteran, young):
        voucher_applications.create_application(
            db, ApplicationInput(member_id, "sanatorium", applied))
    left_on = TODAY - dt.timedelta(days=3)
    members.leave(db, veteran, left_on, "retirement")

    queue = load_queue(db, "sanatorium")
    assert [p.applicant.member_id for p in queue.positions] == [young, veteran]
    first, last = queue.positions
    assert first.eligible and not last.eligible
    assert last.reasons[0].text() == translate_in(
        "ru", "not a member since {date}: waits after the members"
    ).format(date=left_on.strftime("%d.%m.%Y"))
    # membership is counted up to the day she left, not up to today
    years = left_on.year - 1990 - ((left_on.month, left_on.day) < (1, 1))
    assert any(str(years) in r.text() and r.points == years for r in last.reasons)
    assert translate_in(
        "ru", "Someone who has left the union waits after the members, whatever their points."
    ) in queue.rules()


def test_the_printout_says_why_a_former_member_is_last_not_a_word_about_children(db) -> None:  # type: ignore[no-untyped-def]
    set_language("ru")
    gone = add_member(db, "1", "Ушедшая", join=dt.date(2000, 1, 1))
    voucher_applications.create_application(
        db, ApplicationInput(gone, "sanatorium", TODAY - dt.timedelta(days=9)))
    members.leave(db, gone, TODAY - dt.timedelta(days=1), "voluntary")
    story = queue_story(load_queue(db, "sanatorium"))
    texts = " ".join(getattr(f, "text", "") for f in story)
    assert translate_in("ru", "Children outside the camps' ages are listed after the others, "
                              "whatever their points.") not in texts


# -- imports read the words the window shows ---------------------------------------------------
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_label_the_window_shows_reads_back_to_its_code(lang: str) -> None:
    for codes in (FUNDING_SOURCES, AID_REASONS):
        for code, msgid in codes.labels.items():
            assert codes.parse(translate_in(lang, msgid)) == code
    assert FUNDING_SOURCES.parse("уюмдун өз каражаты") == "own"
    assert FUNDING_SOURCES.parse("Жогору турган профсоюз органы") == "higher"
    assert AID_REASONS.parse("оору") == "illness"
    assert AID_REASONS.parse("выигрыш") is None


@pytest.fixture
def register(db, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    add_member(db, "0100", "Асан уулу", join=dt.date(2010, 1, 1))
    decisions.create_decision(db, DecisionInput("3", dt.date(2025, 3, 4)))
    decisions.create_decision(db, DecisionInput("3", dt.date(2025, 9, 1), kind="general"))
    decisions.create_decision(db, DecisionInput("7", dt.date(2025, 5, 5)))
    db.close()
    return db_path


def test_aid_and_vouchers_import_with_the_window_words(register: Path, tmp_path: Path,
                                                       capsys) -> None:  # type: ignore[no-untyped-def]
    aid_file = tmp_path / "aid.csv"
    aid_file.write_text("Номер билета;Основание;Сумма;Дата;Номер протокола\n"
                        "0100;оору;5000;10.05.2025;7\n", encoding="utf-8")
    assert run(register, "import", "aid", str(aid_file)) == 0
    voucher_file = tmp_path / "vouchers.csv"
    voucher_file.write_text(
        "Номер билета;Вид;Учреждение;Дата начала;Дата окончания;Стоимость;Оплата работника;"
        "Источник средств;Номер протокола\n"
        "0100;санаторий;Жалал-Абад;10.06.2025;20.06.2025;20000;2000;уюмдун өз каражаты;7\n",
        encoding="utf-8")
    assert run(register, "import", "vouchers", str(voucher_file)) == 0
    capsys.readouterr()


def test_an_unknown_aid_reason_lists_the_reasons_in_words_not_codes(
    register: Path, tmp_path: Path, capsys  # type: ignore[no-untyped-def]
) -> None:
    bad = tmp_path / "aid.csv"
    bad.write_text("Номер билета;Основание;Сумма;Дата\n0100;выигрыш;5000;10.05.2025\n",
                   encoding="utf-8")
    assert run(register, "--lang", "ru", "import", "aid", str(bad)) == 2
    printed = capsys.readouterr().err
    assert "aid.csv:2:Основание:" in printed
    assert "«болезнь»" in printed and "«рождение ребенка»" in printed
    assert "illness" not in printed and "birth," not in printed


# -- a protocol number shared by two meetings of a year -----------------------------------------
def test_a_number_two_meetings_share_is_refused_without_the_date(
    register: Path, tmp_path: Path, capsys  # type: ignore[no-untyped-def]
) -> None:
    before = db_bytes(register)
    aid_file = tmp_path / "aid.csv"
    aid_file.write_text("Номер билета;Основание;Сумма;Дата;Номер протокола\n"
                        "0100;болезнь;5000;10.10.2025;3\n", encoding="utf-8")
    voucher_file = tmp_path / "vouchers.csv"
    voucher_file.write_text("Номер билета;Вид;Дата начала;Дата окончания;Стоимость;"
                            "Номер протокола\n0100;санаторий;10.10.2025;20.10.2025;20000;3\n",
                            encoding="utf-8")
    awards_file = tmp_path / "awards.csv"
    awards_file.write_text("Номер билета;Награда;Дата;Номер протокола\n"
                           "0100;Почетная грамота;10.10.2025;3\n", encoding="utf-8")
    for kind, path in (("aid", aid_file), ("vouchers", voucher_file), ("awards", awards_file)):
        assert run(register, "--lang", "ru", "import", kind, str(path)) == 2
        printed = capsys.readouterr().err
        assert f"{path.name}:2:Номер протокола:" in printed, printed
        assert "3" in printed and "2025" in printed and "2" in printed
        assert db_bytes(register) == before
    # with the date each finds its own meeting
    aid_file.write_text("Номер билета;Основание;Сумма;Дата;Номер протокола;Дата протокола\n"
                        "0100;болезнь;5000;10.10.2025;3;01.09.2025\n", encoding="utf-8")
    assert run(register, "import", "aid", str(aid_file)) == 0


def test_resolve_refuses_a_shared_number_and_names_the_count(db) -> None:  # type: ignore[no-untyped-def]
    decisions.create_decision(db, DecisionInput("3", dt.date(2025, 3, 4)))
    decisions.create_decision(db, DecisionInput("3", dt.date(2025, 9, 1), kind="general"))
    with db.reading() as s, pytest.raises(ValidationError) as refused:
        decisions.resolve(s, "3", year=2025)
    assert refused.value.field == "decision"
    assert refused.value.params["count"] == 2
    with db.reading() as s:
        assert decisions.resolve(s, "3", held_on=dt.date(2025, 9, 1))


# -- names with their own quotes -----------------------------------------------------------------
def test_names_with_their_own_quotes_are_never_quoted_twice() -> None:
    assert inside_quotes("«Сокол» балдар лагери") == "„Сокол“ балдар лагери"
    assert inside_quotes("«Отличник профсоюзного движения»") == "Отличник профсоюзного движения"
    assert inside_quotes("Ала-Арча") == "Ала-Арча"


def test_a_camp_refusal_quotes_the_camp_once(db) -> None:  # type: ignore[no-untyped-def]
    set_language("ru")
    parent = add_member(db, "1", "Асанова", join=dt.date(2000, 1, 1))
    child = members.add_child(db, parent, members.ChildInput("Асанов Бакыт",
                                                             dt.date(2008, 1, 1), "M"))
    camp = institutions.create_institution(
        db, InstitutionInput("«Сокол» балдар лагери", "children_camp", 7, 15))
    data = VoucherInput(parent, "children_camp", dt.date(2025, 7, 1), dt.date(2025, 7, 21),
                        1_400_000, 0, institution_id=camp, child_id=child)
    with pytest.raises(ValidationError) as refused:
        vouchers.issue_voucher(db, data)
    text = refused.value.message()
    assert "«„Сокол“ балдар лагери»" in text and "««" not in text


# -- the catalogue tells a duplicate together with the other mistakes ----------------------------
def test_a_duplicate_place_is_told_with_the_other_mistakes_at_once(db) -> None:  # type: ignore[no-untyped-def]
    institutions.create_institution(db, InstitutionInput("Сокол", "children_camp", 7, 15))
    with pytest.raises(ValidationGroup) as refused:
        institutions.create_institution(db, InstitutionInput("сокол", "children_camp", 16, 7))
    assert {e.field for e in refused.value.errors} == {"name", "max_child_age"}


# -- a protocol's date cannot move past the awards it granted --------------------------------
def test_a_protocol_cannot_be_redated_after_the_awards_it_granted(db) -> None:  # type: ignore[no-untyped-def]
    from unionapp.core import award_types, awards
    from unionapp.core.awards import AwardInput

    member = add_member(db, "1", "Асанова", join=dt.date(2000, 1, 1))
    held = dt.date(2025, 9, 11)
    decision = decisions.create_decision(db, DecisionInput("7", held))
    type_id = award_types.list_types(db)[0].id if award_types.list_types(db) else None
    if type_id is None:
        type_id = award_types.create_type(db, award_types.AwardTypeInput("Грамота"))
    awards.create_award(db, AwardInput(member, type_id, held, decision_id=decision,
                                       awarded_on=held))
    with pytest.raises(ValidationError) as refused:
        decisions.update_decision(db, decision, DecisionInput("7", dt.date(2025, 11, 20)))
    assert refused.value.field == "held_on"
    assert decisions.get_decision(db, decision).held_on == held
    decisions.update_decision(db, decision, DecisionInput("7", dt.date(2025, 9, 1)))  # earlier


def test_a_sanatorium_stay_with_a_child_counts_as_the_members_last_voucher(db) -> None:  # type: ignore[no-untyped-def]
    mother = add_member(db, "1", "Асанова", join=dt.date(2000, 1, 1))
    child = members.add_child(db, mother, members.ChildInput("Асанов Бакыт",
                                                             dt.date(2015, 1, 1), "M"))
    went = TODAY - dt.timedelta(days=400)
    vouchers.issue_voucher(db, VoucherInput(mother, "sanatorium", went,
                                            went + dt.timedelta(days=12), 3_000_000,
                                            child_id=child))
    voucher_applications.create_application(
        db, ApplicationInput(mother, "sanatorium", TODAY - dt.timedelta(days=5)))
    (position,) = load_queue(db, "sanatorium").positions
    assert position.applicant.last_voucher == went  # it was «never», +30 points ahead of all
