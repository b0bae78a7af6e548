"""Reading one cell's value the way people write it: dates, yes/no, sex, reasons, names.

Each parser returns the stored value or raises ``CellProblem`` with a translatable message;
the importer adds the file, row and column. Empty cells read as None (False for yes/no).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

from unionapp.core.codes import CodeSet, parse_exit_reason, parse_sex
from unionapp.core.formatting import format_date
from unionapp.core.i18n import N_
from unionapp.core.money import AMOUNT_LIMIT, as_som_text
from unionapp.core.stored_text import has_lost_letter

YES = frozenset({"да", "д", "ооба", "о", "yes", "y", "1", "true", "+"})
NO = frozenset({"нет", "н", "жок", "ж", "no", "n", "0", "false", "-", ""})
# A second word that makes the first two words one surname: «Асан уулу», «Сейит кызы».
SURNAME_LINKS = frozenset({"уулу", "кызы", "уулы", "оглы", "оглу", "гызы"})
MIN_YEAR, MAX_YEAR = 1900, 2100

_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


class CellProblem(Exception):
    """What is wrong with one cell: a message id and its parameters."""

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params


def cell_text(value: Any) -> str:
    """How a cell reads: dates as dd.mm.yyyy, whole numbers without «.0», None as ''."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def parse_text(value: Any) -> str | None:
    text = cell_text(value)
    return text or None


def parse_note(value: Any) -> str | None:
    """Notes keep their line breaks; only the ends are trimmed."""
    if value is None:
        return None
    text = cell_text(value) if not isinstance(value, str) else value.strip()
    return text or None


def parse_date(value: Any) -> dt.date | None:
    """An Excel date cell, or text as dd.mm.yyyy, d.m.yyyy or yyyy-mm-dd."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _plausible(value.date(), value)
    if isinstance(value, dt.date):
        return _plausible(value, value)
    text = cell_text(value)
    if not text:
        return None
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _YMD.match(text)
        if not match:
            raise CellProblem(
                N_("Text where a date belongs: {value}. Write dates as dd.mm.yyyy."), value=text
            )
        year, month, day = (int(g) for g in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError as exc:
        if month == 2 and day == 29:
            raise CellProblem(
                N_("There is no 29 February in {year}: it is not a leap year."), year=year
            ) from exc
        raise CellProblem(N_("There is no such date: {value}."), value=text) from exc
    return _plausible(date, text)


def _plausible(date: dt.date, shown: Any) -> dt.date:
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise CellProblem(
            N_("The date {value} is not plausible: check the year."), value=cell_text(shown)
        )
    return date


def parse_yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = cell_text(value).casefold().rstrip(".")
    if key in YES:
        return True
    if key in NO:
        return False
    # The words themselves, not "yes or no": translated, that would name them twice.
    raise CellProblem(N_("Write да or нет (ооба or жок): {value}."), value=cell_text(value))


T = TypeVar("T")


def read_known(value: Any, read: Callable[[str], T | None], unknown: str,
               codes: CodeSet | None = None) -> T | None:
    """A cell ``read`` knows (a code, a month ...); empty is None. What ``read`` does not know
    is refused with ``unknown``, naming the cell's {value} and, given ``codes``, the
    {choices} in the current language (worked out only then: a good cell costs no lookups)."""
    text = cell_text(value)
    if not text:
        return None
    found = read(text)
    if found is None:
        if codes is None:
            raise CellProblem(unknown, value=text)
        raise CellProblem(unknown, value=text, choices=choices_of(codes))
    return found


def choices_of(codes: CodeSet) -> str:
    """The words the user may write, in their language: «санаторий», «дом отдыха» …"""
    return ", ".join(f"«{codes.label(code)}»" for code in codes.codes)


def parse_code_of(value: Any, codes: CodeSet, unknown: str) -> str | None:
    """A code of ``codes`` as a file writes it (the code, or a label in ky or ru)."""
    return read_known(value, codes.parse, unknown, codes)


def parse_sex_cell(value: Any) -> str | None:
    return read_known(value, parse_sex, N_("Unknown sex: {value}. Write М or Ж (Э or А)."))


def parse_reason(value: Any) -> str | None:
    return read_known(value, parse_exit_reason, N_("Unknown exit reason: {value}."))


def within_amount_limit(tyiyn: int) -> int:
    """Refuse an amount no money column holds (INTEGER on every store, as a form refuses it):
    stored as is, 10**17 som ended the whole import in a traceback."""
    if tyiyn > AMOUNT_LIMIT:
        raise CellProblem(
            N_("The amount is too large: at most {limit}."), limit=as_som_text(AMOUNT_LIMIT)
        )
    return tyiyn


def parse_code(value: Any) -> str | None:
    """A card or personnel number: Excel may give 1001 or 1001.0 for «1001»."""
    return parse_text(value)


def check_letters(text: str | None, *, free_text: bool = False) -> None:
    """Refuse a name where «?» stands for a letter a Windows-1251 CSV could not hold (the
    rule is the form's too: ``stored_text.has_lost_letter``)."""
    if has_lost_letter(text, free_text=free_text):
        raise CellProblem(
            N_(
                "«{value}» has «?» in place of letters: Kyrgyz letters (ң, ө, ү) were lost "
                "when the file was saved as a Windows-1251 CSV. In Excel use «Save As» → "
                "«CSV UTF-8 (comma delimited)» and import that file."
            ),
            value=text,
        )


def split_full_name(text: str) -> tuple[str, str, str | None]:
    """Surname, name, patronymic from one «ФИО» cell.

    Rule: the first word is the surname, the next the name, the rest the patronymic; but
    when the second word is «уулу» or «кызы» the first two words are the surname
    («Асан уулу Бакыт» -> «Асан уулу», «Бакыт»). A patronymic written the Kyrgyz way after
    the name stays whole («Асанов Бакыт Марат уулу» -> patronymic «Марат уулу»).
    """
    words = text.split()
    if len(words) >= 3 and words[1].casefold() in SURNAME_LINKS:
        words = [f"{words[0]} {words[1]}", *words[2:]]
    surname = words[0] if words else ""
    name = words[1] if len(words) > 1 else ""
    patronymic = " ".join(words[2:]) or None
    return surname, name, patronymic
