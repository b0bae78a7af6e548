"""The names of a member's fields in the user's language, in one place.

The table headers, the member dialog, the history tab and the exports all say "Date of
joining" the same way because they all read it from here. ``history_value`` turns a value as
the audit log stores it (ISO dates, 1/0, codes) back into what the user typed.
"""

from __future__ import annotations

import datetime as dt

from unionapp.core.codes import EXIT_REASONS, SEXES
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_, _

FIELD_LABELS: dict[str, str] = {
    "card_no": N_("Card number"),
    "personnel_no": N_("Personnel number"),
    "surname": N_("Surname"),
    "name": N_("Name"),
    "patronymic": N_("Patronymic"),
    "full_name": N_("Full name"),
    "sex": N_("Sex"),
    "birth_date": N_("Birth date"),
    "department": N_("Department"),
    "position": N_("Position"),
    "join_date": N_("Date of joining"),
    "exit_date": N_("Date of leaving"),
    "exit_reason": N_("Reason for leaving"),
    "pensioner": N_("Pensioner"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "note": N_("Note"),
    "photo": N_("Photo"),
    "child": N_("Child"),
}

ACTION_LABELS: dict[str, str] = {
    "create": N_("added"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "leave": N_("left"),
    "import": N_("imported"),
}

DATE_FIELDS = frozenset({"birth_date", "join_date", "exit_date"})


def field_label(name: str | None) -> str:
    """The translated label of a field; an unknown name is shown as it is."""
    if not name:
        return ""
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def action_label(action: str) -> str:
    return _(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def history_value(name: str | None, stored: str | None) -> str:
    """A value from the audit log as the user would have typed or chosen it."""
    if stored is None or stored == "":
        return ""
    if name in DATE_FIELDS:
        try:
            return format_date(dt.date.fromisoformat(stored))
        except ValueError:
            return stored
    if name == "pensioner":
        return _("yes") if stored == "1" else _("no")
    if name == "sex" and stored in SEXES:
        return _(SEXES[stored])
    if name == "exit_reason" and stored in EXIT_REASONS:
        return _(EXIT_REASONS[stored])
    if name == "photo":
        return _("photo")
    if name == "child" and stored:
        # "Name 2015-06-01" -> "Name 01.06.2015"
        head, _sep, tail = stored.rpartition(" ")
        try:
            return f"{head} {format_date(dt.date.fromisoformat(tail))}" if head else stored
        except ValueError:
            return stored
    return stored
