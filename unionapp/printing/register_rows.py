"""What each printed register holds: its columns and its rows as texts, from one query each.

Every register reads its data through the core service the window uses for the same list
(``MemberList`` for members; the benefits' in ``benefit_registers``), so the paper says what
the screen says. Each of those is one SELECT whatever the
count; the texts are formatted here in the current language (dates, money, codes' labels).

The members' table is the widest: its columns fit A4 landscape at 8 pt with the names on one
line only when the «left» column is there for a reason, so it is left out of a list of
active members (as the window hides its leaving columns), and holds date and reason in one;
sex is counted in the title line instead of a column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from unionapp.core.children_list import active_children
from unionapp.core.codes import exit_reason_label as reason_label
from unionapp.core.codes import sex_short
from unionapp.core.db import Database
from unionapp.core.formatting import format_date, format_number
from unionapp.core.i18n import N_, _
from unionapp.core.member_fields import field_label
from unionapp.core.member_list import MemberList, age_on
from unionapp.printing.layout import Column

Cells = list[str | None]

MEMBERS_TITLE = N_("Register of members")
CHILDREN_TITLE = N_("Register of members' children")
VOUCHERS_TITLE = N_("Register of vouchers for {year}")
AID_TITLE = N_("Register of material aid for {year}")
AWARDS_TITLE = N_("Register of awards for {year}")
TITLES = {"members": MEMBERS_TITLE, "children": CHILDREN_TITLE, "vouchers": VOUCHERS_TITLE,
          "aid": AID_TITLE, "awards": AWARDS_TITLE}
FILTER_LINE = N_("Filter: {filter}")
PENSIONER_MARK = "✓"


def register_title(kind: str, year: int) -> str:
    """A register's title in the current language (a preview window's title, too)."""
    return _(TITLES[kind]).format(year=year)


@dataclass
class Summary:
    """A small table after the register: e.g. count and sums by kind, with a heading."""

    title: str
    columns: list[Column]
    rows: list[Cells]
    totals: Cells | None = None


@dataclass
class RegisterData:
    """A register ready to be laid out: translated title and lines, columns, rows, totals."""

    kind: str
    title: str
    lines: list[str]
    columns: list[Column]
    rows: list[Cells]
    totals: Cells | None = None
    font_size: float = 8.5
    keep: tuple[int, ...] = ()  # columns (names) that keep one line while others wrap
    summary: Summary | None = None  # a small table under the register (sums by kind)

    @property
    def count(self) -> int:
        return len(self.rows)


def day_text(day: dt.date | None) -> str:
    """dd.mm.yyyy in both languages, empty for none (``format_date``, kept under the name the
    register modules use)."""
    return format_date(day)


def numbered(rows: Sequence[Cells]) -> list[Cells]:
    return [[str(number), *row] for number, row in enumerate(rows, start=1)]


def number_column() -> Column:
    return Column(_("No."), wrap=False)


# -- members ----------------------------------------------------------------------------------
STATUS_TEXTS = {
    "active": N_("active members"),
    "left": N_("members who left"),
    "all": N_("all members, active and left"),
}


def describe_member_filter(
    *,
    status: str = "active",
    department: str | None = None,
    pensioners: bool = False,
    youth: bool = False,
    query: str = "",
    youth_max_age: int = 35,
) -> str:
    """The Members page's filters in words, for the printout's «Filter: …» line."""
    parts = [_(STATUS_TEXTS.get(status, STATUS_TEXTS["all"]))]
    if department:
        parts.append(_("department: {name}").format(name=department))
    if pensioners:
        parts.append(_("pensioners"))
    if youth:
        parts.append(_("youth up to {age}").format(age=youth_max_age))
    if query.strip():
        parts.append(_("search: “{text}”").format(text=" ".join(query.split())))
    return "; ".join(parts)


def _member_rows(
    members: MemberList, member_ids: Sequence[int] | None, today: dt.date
) -> list[int]:
    """Rows of ``members`` in the order asked: the ids given (unknown ones skipped), else every
    member active on ``today`` by name."""
    if member_ids is None:
        return list(members.filter(status="active", today=today))
    found = (members.row_of(member_id) for member_id in member_ids)
    return [row for row in found if row is not None]


def members_register(
    db: Database,
    member_ids: Sequence[int] | None = None,
    *,
    filter_text: str | None = None,
    today: dt.date | None = None,
) -> RegisterData:
    """The members ``member_ids`` in that order (exactly what a filtered screen shows), else
    all active members by name; ``filter_text`` says in words which filter made the list.

    Sex is counted in the title line (women: N) rather than given a column: a letter under a
    six-letter title took 50 points of the width and a tenth of a 10k register's time."""
    today = today or dt.date.today()
    members = MemberList.load(db)
    rows = _member_rows(members, member_ids, today)
    if filter_text is None:
        filter_text = describe_member_filter(youth_max_age=members.youth_max_age)
    m = members
    with_exit = any(m.exit_date[i] is not None for i in rows)
    columns = [
        number_column(),
        Column(_("Card no"), wrap=False),
        Column(field_label("full_name")),
        Column(field_label("birth_date"), wrap=False),
        Column(field_label("department")),
        Column(field_label("position")),
        Column(field_label("join_date"), wrap=False),
    ]
    if with_exit:  # one column: a title of four words would take the room of two dates
        columns.append(Column(_("Left: date, reason")))
    columns.append(Column(field_label("pensioner"), wrap=False))
    cards, names, sexes, births = m.card_no, m.full_name, m.sex, m.birth_date
    deps, positions, joins, exits, reasons, pens = (
        m.department, m.position, m.join_date, m.exit_date, m.exit_reason, m.pensioner)
    reason_texts = {code: reason_label(code) for code in set(reasons)}
    table: list[Cells] = []
    for number, i in enumerate(rows, start=1):
        row: Cells = [str(number), cards[i], names[i], day_text(births[i]), deps[i],
                      positions[i], day_text(joins[i])]
        if with_exit:
            left = exits[i]
            row.append(f"{day_text(left)} {reason_texts[reasons[i]]}".strip() if left else "")
        row.append(PENSIONER_MARK if pens[i] else "")
        table.append(row)
    women = sum(1 for i in rows if sexes[i] == "F")
    pensioners = sum(1 for i in rows if pens[i])
    lines = [
        _("Members in the list: {count} (women: {women}, pensioners: {pensioners})").format(
            count=format_number(len(rows)), women=format_number(women),
            pensioners=format_number(pensioners)),
        _(FILTER_LINE).format(filter=filter_text),
    ]
    return RegisterData("members", _(MEMBERS_TITLE), lines, columns, table, font_size=8,
                        keep=(2,))


# -- children ---------------------------------------------------------------------------------
def children_register(db: Database, *, today: dt.date | None = None) -> RegisterData:
    """The children of today's active members: parent (by name), child, birth date, age."""
    today = today or dt.date.today()
    found = active_children(db, today)
    rows: list[Cells] = [
        [c.card_no, c.parent_name, c.department, c.full_name, sex_short(c.sex),
         day_text(c.birth_date),
         "" if c.birth_date is None else format_number(age_on(c.birth_date, today))]
        for c in found
    ]
    columns = [
        number_column(),
        Column(_("Card no"), wrap=False),
        Column(_("Parent")),
        Column(field_label("department")),
        Column(_("Child")),
        Column(field_label("sex"), wrap=False),
        Column(field_label("birth_date"), wrap=False),
        Column(_("Age"), money=True, wrap=False),
    ]
    parents = len({c.member_id for c in found})
    lines = [
        _("Children of active members: {count} (members: {parents})").format(
            count=format_number(len(rows)), parents=format_number(parents)),
        _("Age as of {date}").format(date=format_date(today)),
    ]
    return RegisterData("children", _(CHILDREN_TITLE), lines, columns, numbered(rows),
                        keep=(2, 4))
