"""Forgetting people who left long ago (issue 8 part 5): names, numbers, contacts, photos,
children's names and history go; past years' reports keep every figure; a backup comes first."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from unionapp.cli import main
from unionapp.core import backup, demo, members, privacy
from unionapp.core.errors import ValidationError
from unionapp.core.models import AuditEntry, Child, Member, MemberPhoto, PayrollEntry
from unionapp.core.yearend import year_end

TODAY = dt.date(2026, 11, 25)


def _figures(db, year: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {k: v for k, v in dataclasses.asdict(year_end(db, year)).items() if k != "notes"}


def test_past_reports_keep_their_figures_and_the_people_are_forgotten(db, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    demo.generate_demo(db, members=400, years=3, seed=5, today=TODAY)
    gone = privacy.candidates(db, 2, TODAY)
    assert gone
    members.set_photo(db, gone[0], b"\xff\xd8\xff\xe0 not really a jpeg")
    before = {year: _figures(db, year) for year in (2023, 2024, 2025)}

    result = privacy.purge(db, 2, today=TODAY)

    assert result.members == len(gone) and result.backup
    assert any(b.reason == "pre-purge" for b in backup.list_backups(db_path))
    assert {year: _figures(db, year) for year in (2023, 2024, 2025)} == before
    with db.reading() as s:
        people = s.execute(select(Member).where(Member.id.in_(gone))).scalars().all()
        assert {(m.surname, m.name, m.patronymic, m.phone, m.personnel_no) for m in people} == {
            (privacy.PURGED, privacy.PURGED, None, None, None)}
        assert all(m.card_no == f"x-{m.id}" and m.exit_date is not None for m in people)
        assert all(m.birth_date is None or (m.birth_date.month, m.birth_date.day) == (1, 1)
                   for m in people)
        assert not s.scalar(select(func.count()).select_from(MemberPhoto)
                            .where(MemberPhoto.member_id.in_(gone)))
        assert not s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "member", AuditEntry.entity_id.in_(gone)))
        assert {c.full_name for c in s.scalars(select(Child).where(Child.member_id.in_(gone)))
                } <= {privacy.PURGED}
        assert not s.scalar(select(func.count()).select_from(PayrollEntry).where(
            PayrollEntry.member_id.in_(gone), PayrollEntry.full_name.is_not(None)))
    assert privacy.candidates(db, 2, TODAY) == []  # a second purge finds nobody


def test_a_dry_run_changes_nothing_and_nonsense_years_are_refused(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(db_path), "demo", "--members", "150", "--years", "1"]) == 0
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    assert main(["--db", str(db_path), "purge", "--left-years", "1", "--dry-run"]) == 0
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert main(["--db", str(db_path), "purge", "--left-years", "0"]) == 2
    with pytest.raises(ValidationError):
        privacy.candidates(object(), 100)  # type: ignore[arg-type]


def test_real_cards_that_look_forgotten_neither_clash_nor_hide_anyone(db) -> None:  # type: ignore[no-untyped-def]
    from unionapp.core.members import MemberInput

    def person(card: str, surname: str, left: dt.date | None) -> int:
        return members.create_member(db, MemberInput(
            card_no=card, surname=surname, name="Айгүл", sex="F",
            join_date=dt.date(2001, 1, 1), exit_date=left,
            exit_reason="voluntary" if left else None,
        ))

    gone = person("0001", "Асанова", dt.date(2015, 1, 1))
    person(f"x-{gone}", "Бекова", None)  # a real card that reads like a forgotten one
    odd = person("X-99", "Токтогулова", dt.date(2014, 6, 30))  # left long ago, odd card
    assert privacy.candidates(db, 5, TODAY) == [gone, odd]
    assert privacy.purge(db, 5, today=TODAY).members == 2  # no clash of card numbers
    with db.reading() as s:
        cards = dict(s.execute(select(Member.id, Member.card_no)).all())
    assert cards[gone] == f"x-{gone}-2" and cards[odd] == f"x-{odd}"
    assert privacy.candidates(db, 5, TODAY) == []
