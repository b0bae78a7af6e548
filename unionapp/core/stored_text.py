"""Text that every supported database stores as it is, or a message saying why not.

PostgreSQL refuses text longer than its column's VARCHAR(n), and any NUL character (code 0),
with an error; SQLite stores both without a word. The services check text with
``text_problem`` before writing, so both stores accept the same data and the user gets a
message naming the field instead of a crash on the server.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import String

from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_

TOO_LONG = N_("The text is too long: {length} characters, at most {limit} fit here.")
NUL_CHARACTER = N_(
    "The text holds an invisible character (code 0) that cannot be saved. Type it again."
)


LOST_LETTER = N_(
    "«{value}» has «?» in place of a letter: type the Kyrgyz letters (ң, ө, ү) as they are."
)
# «?» where a letter was: what a Windows-1251 file leaves of ң ө ү. A name never holds «?» next
# to a letter; free text (a position, a department) may end with a question mark («Кто?»),
# so there only a «?» inside a word counts.
_BY_A_LETTER = re.compile(r"[^\W\d_]\?|\?[^\W\d_]")
_INSIDE_A_WORD = re.compile(r"[^\W\d_]\?[^\W\d_]")


def has_lost_letter(value: str | None, *, free_text: bool = False) -> bool:
    """Whether ``value`` shows a «?» standing for a lost Kyrgyz letter (form and import alike)."""
    if not value:
        return False
    return bool((_INSIDE_A_WORD if free_text else _BY_A_LETTER).search(value))


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
