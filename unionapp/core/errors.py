"""One exception hierarchy whose messages are translated when shown, not when raised.

Each error carries an English message id (marked with ``N_``) and named parameters, so the
same error reads correctly in Kyrgyz or Russian, whichever language is current when it is
printed or shown in a dialog.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from unionapp.core.i18n import N_, _


def _shown(value: Any) -> Any:
    """Dates read as chairpersons write them (dd.mm.yyyy), in every language."""
    from unionapp.core.formatting import format_date, format_datetime  # it imports us

    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return value


def _render(msgid: str, params: dict[str, Any]) -> str:
    text = _(msgid)
    try:
        return text.format(**{key: _shown(value) for key, value in params.items()})
    except (KeyError, IndexError, ValueError):
        return text


class UnionAppError(Exception):
    """Base of every error the program expects; anything else is a bug (exit 1)."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params

    def message(self) -> str:
        return _render(self.msgid, self.params)

    def __str__(self) -> str:
        return self.message()


class UserError(UnionAppError):
    """The user's input was refused; the CLI exits 2 and nothing was changed."""


class ValidationError(UserError):
    """A field's value is not acceptable; ``field`` names it so a form can mark it in place."""

    def __init__(self, msgid: str, *, field: str = "", **params: Any) -> None:
        super().__init__(msgid, **params)
        self.field = field


class ValidationGroup(ValidationError):
    """Several field errors at once; a form marks each, the CLI prints each."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__(errors[0].msgid, field=errors[0].field, **errors[0].params)
        self.errors = errors

    def message(self) -> str:
        return "\n".join(e.message() for e in self.errors)


def raise_all(errors: list[ValidationError]) -> None:
    """Refuse with every problem at once (nothing when the list is empty)."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationGroup(errors)


class NotFoundError(UserError):
    pass


class DatabaseFileError(UserError):
    """The database file is not SQLite, is damaged, or is newer than the program."""


class AlreadyRunningError(UserError):
    pass


@dataclass
class Problem:
    """One problem found in an import file, named by file, row and column."""

    file: str
    row: int
    column: str
    msgid: str
    params: dict[str, Any] = field(default_factory=dict)
    column_index: int | None = None  # 0-based, so a preview can highlight the cell

    def message(self) -> str:
        return _render(self.msgid, self.params)

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message()}"


class ImportFileError(UserError):
    """An import was refused; ``problems`` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(N_("The file has errors; nothing was imported."))
        self.problems = problems

    def message(self) -> str:
        return "\n".join(str(p) for p in self.problems)
