"""Text that every supported database stores as it is, or a message saying why not.

PostgreSQL refuses text longer than its column's VARCHAR(n), and any NUL character (code 0),
with an error; SQLite stores both without a word. The services check text with
``text_problem`` before writing, so both stores accept the same data and the user gets a
message naming the field instead of a crash on the server.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String

from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_

TOO_LONG = N_("The text is too long: {length} characters, at most {limit} fit here.")
NUL_CHARACTER = N_(
    "The text holds an invisible character (code 0) that cannot be saved. Type it again."
)


def length_limit(column: Any) -> int | None:
    """A text column's length limit from the model; None for Text (and for non-text)."""
    return column.type.length if isinstance(column.type, String) else None


def text_problem(name: str, value: str | None, limit: int | None) -> ValidationError | None:
    """What keeps ``value`` from being stored in field ``name``, if anything."""
    if not value:
        return None
    if "\x00" in value:
        return ValidationError(NUL_CHARACTER, field=name)
    if limit is not None and len(value) > limit:
        return ValidationError(TOO_LONG, field=name, length=len(value), limit=limit)
    return None
