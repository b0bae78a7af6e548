"""Column names an import file may use, in Russian, Kyrgyz and English, and loose matching.

One table serves the importer and the exporter: the first name of a language is what an
export in that language writes, so an exported file always imports back. Names are compared
case-insensitively with spaces, punctuation and anything in brackets removed, and «№» read as
«номер», so «№ билета», «Номер билета» and «НОМЕР БИЛЕТА:» are the same column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from unionapp.core.importing.benefit_headers import AID_COLUMNS, AWARD_COLUMNS, VOUCHER_COLUMNS
from unionapp.core.importing.tabular import Table, is_empty_cell

Aliases = dict[str, tuple[str, ...]]  # language -> names, the first one is exported

MEMBER_COLUMNS: dict[str, Aliases] = {
    "card_no": {
        "ru": ("Номер билета", "№ билета", "Номер членского билета", "№ членского билета",
               "Билет №", "Членский билет"),
        "ky": ("Билеттин номери", "Мүчөлүк билеттин номери", "Мүчөлүк билет", "Билет номери"),
        "en": ("Card No", "Card number", "Membership card", "Card"),
    },
    "personnel_no": {
        "ru": ("Табельный номер", "Таб. №", "Табельный №", "Таб. номер", "Табельный"),
        "ky": ("Табель номери", "Табелдик номер", "Табель №"),
        "en": ("Personnel No", "Personnel number", "Employee No", "Employee ID"),
    },
    "surname": {
        "ru": ("Фамилия",),
        "ky": ("Фамилиясы",),
        "en": ("Surname", "Last name", "Family name"),
    },
    "name": {
        "ru": ("Имя",),
        "ky": ("Аты",),
        "en": ("Name", "First name", "Given name"),
    },
    "patronymic": {
        "ru": ("Отчество",),
        "ky": ("Атасынын аты",),
        "en": ("Patronymic", "Middle name"),
    },
    "full_name": {
        "ru": ("ФИО", "Ф.И.О.", "Фамилия Имя Отчество", "Фамилия, имя, отчество"),
        "ky": ("Аты-жөнү", "Толук аты-жөнү", "Фамилиясы, аты, атасынын аты"),
        "en": ("Full name",),
    },
    "sex": {
        "ru": ("Пол",),
        "ky": ("Жынысы",),
        "en": ("Sex", "Gender"),
    },
    "birth_date": {
        "ru": ("Дата рождения", "Год рождения", "Дата рожд."),
        "ky": ("Туулган күнү", "Туулган датасы", "Туулган жылы"),
        "en": ("Birth date", "Date of birth", "Birthday", "DOB"),
    },
    "department": {
        "ru": ("Подразделение", "Структурное подразделение", "Отдел", "Кафедра"),
        "ky": ("Бөлүм", "Түзүмдүк бөлүм", "Бөлүмү"),
        "en": ("Department", "Unit"),
    },
    "position": {
        "ru": ("Должность",),
        "ky": ("Кызмат орду", "Кызматы"),
        "en": ("Position", "Job title", "Job"),
    },
    "join_date": {
        "ru": ("Дата вступления", "Дата вступления в профсоюз", "Дата приема"),
        "ky": ("Мүчөлүккө кирген күнү", "Кирген күнү", "Мүчө болгон күнү"),
        "en": ("Join date", "Date joined", "Joined"),
    },
    "exit_date": {
        "ru": ("Дата выхода", "Дата выбытия", "Дата исключения"),
        "ky": ("Мүчөлүктөн чыккан күнү", "Чыккан күнү"),
        "en": ("Exit date", "Date left", "Left"),
    },
    "exit_reason": {
        "ru": ("Причина выхода", "Причина выбытия", "Причина"),
        "ky": ("Чыгуу себеби", "Чыккан себеби", "Себеби"),
        "en": ("Exit reason", "Reason for leaving", "Reason"),
    },
    "pensioner": {
        "ru": ("Пенсионер",),
        "ky": ("Пенсионер", "Пенсионерби"),
        "en": ("Pensioner", "Retired"),
    },
    "phone": {
        "ru": ("Телефон", "Тел.", "Номер телефона"),
        "ky": ("Телефон", "Телефону", "Телефон номери"),
        "en": ("Phone", "Telephone", "Mobile"),
    },
    "email": {
        "ru": ("E-mail", "Эл. почта", "Электронная почта"),
        "ky": ("Электрондук почта", "E-mail"),
        "en": ("E-mail", "Email address"),
    },
    "note": {
        "ru": ("Примечание", "Примечания", "Комментарий"),
        "ky": ("Эскертүү", "Эскертүүлөр"),
        "en": ("Note", "Notes", "Comment", "Remarks"),
    },
}

CHILD_COLUMNS: dict[str, Aliases] = {
    "card_no": {
        "ru": ("Номер билета", "Номер билета родителя", "№ билета", "Билет №"),
        "ky": ("Билеттин номери", "Ата-энесинин билетинин номери", "Билет номери"),
        "en": ("Card No", "Parent card No", "Card number"),
    },
    "parent_name": {  # written by the export so a person can read it; not imported
        "ru": ("ФИО родителя", "Родитель", "Член профсоюза", "ФИО"),
        "ky": ("Ата-энесинин аты-жөнү", "Ата-энеси", "Мүчө", "Аты-жөнү"),
        "en": ("Parent", "Parent name", "Member", "Full name", "Name"),
    },
    "full_name": {
        "ru": ("ФИО ребенка", "Ребенок", "Фамилия, имя ребенка", "Дети"),
        "ky": ("Баланын аты-жөнү", "Бала", "Балдар"),
        "en": ("Child's name", "Child name", "Child"),
    },
    "birth_date": {
        "ru": ("Дата рождения", "Дата рождения ребенка"),
        "ky": ("Туулган күнү", "Баланын туулган күнү"),
        "en": ("Birth date", "Date of birth"),
    },
    "sex": {
        "ru": ("Пол",),
        "ky": ("Жынысы",),
        "en": ("Sex", "Gender"),
    },
}

PAYROLL_COLUMNS: dict[str, Aliases] = {
    "personnel_no": {
        "ru": ("Табельный номер", "Таб. №", "Табельный №", "Таб. номер", "Табельный"),
        "ky": ("Табель номери", "Табелдик номер", "Табель №"),
        "en": ("Personnel No", "Personnel number", "Employee No", "Employee ID"),
    },
    "card_no": {
        "ru": ("Номер билета", "№ билета", "Номер членского билета"),
        "ky": ("Билеттин номери", "Билет номери"),
        "en": ("Card No", "Card number"),
    },
    "full_name": {
        "ru": ("ФИО", "Ф.И.О.", "Фамилия Имя Отчество", "Сотрудник", "Работник"),
        "ky": ("Аты-жөнү", "Толук аты-жөнү", "Кызматкер"),
        "en": ("Full name", "Employee", "Name"),
    },
    "wage": {
        "ru": ("Начислено", "Заработная плата", "Зарплата", "Начислено всего"),
        "ky": ("Эмгек акы", "Эмгек акысы", "Эсептелди"),
        "en": ("Wage", "Salary", "Gross pay"),
    },
    "withheld": {
        "ru": ("Профвзнос", "Профвзнос 1%", "Профвзносы", "Удержано", "Членский взнос",
               "Членские взносы"),
        "ky": ("Мүчөлүк акы", "Кармалган", "Мүчөлүк акы 1%"),
        "en": ("Dues", "Dues withheld", "Withheld"),
    },
    "month": {
        "ru": ("Месяц", "Период"),
        "ky": ("Ай",),
        "en": ("Month",),
    },
}

CASH_COLUMNS: dict[str, Aliases] = {
    "card_no": {
        "ru": ("Номер билета", "№ билета", "Номер членского билета", "Билет №"),
        "ky": ("Билеттин номери", "Мүчөлүк билеттин номери", "Билет номери"),
        "en": ("Card No", "Card number"),
    },
    "amount": {
        "ru": ("Сумма", "Сумма взноса", "Оплачено"),
        "ky": ("Сумма", "Суммасы", "Төлөндү"),
        "en": ("Amount", "Paid"),
    },
    "paid_on": {
        "ru": ("Дата", "Дата оплаты", "Дата платежа"),
        "ky": ("Күнү", "Төлөгөн күнү", "Төлөм күнү"),
        "en": ("Date", "Payment date", "Paid on"),
    },
    "period": {
        "ru": ("За период", "Период", "За месяц", "За месяцы"),
        "ky": ("Мезгил үчүн", "Мезгил", "Ай үчүн"),
        "en": ("Period", "For months", "Months paid"),
    },
    "receipt_no": {
        "ru": ("Номер квитанции", "№ квитанции", "Квитанция"),
        "ky": ("Квитанциянын номери", "Квитанция №", "Квитанция"),
        "en": ("Receipt No", "Receipt number", "Receipt"),
    },
}

COLUMNS: dict[str, dict[str, Aliases]] = {
    "members": MEMBER_COLUMNS,
    "children": CHILD_COLUMNS,
    "payroll": PAYROLL_COLUMNS,
    "cash": CASH_COLUMNS,
    "vouchers": VOUCHER_COLUMNS,
    "aid": AID_COLUMNS,
    "awards": AWARD_COLUMNS,
}
HEADER_SEARCH_ROWS = 30  # a title block above the header is rarely longer
MIN_HEADER_MATCHES = 2

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[\W_]+")


def normalize_header(text: str) -> str:
    """«№ Билета (родителя):» -> «номербилета»: what two spellings of a name share."""
    text = _BRACKETS.sub("", text.casefold().replace("ё", "е").replace("№", "номер"))
    return _NOT_WORD.sub("", text)


def _lookup(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for field_name, aliases in COLUMNS[kind].items():
        for names in aliases.values():
            for alias in names:
                table.setdefault(normalize_header(alias), field_name)
    return table


LOOKUP: dict[str, dict[str, str]] = {kind: _lookup(kind) for kind in COLUMNS}


def header_label(kind: str, field_name: str, lang: str) -> str:
    """The column name an export in ``lang`` writes (also used to name a missing column)."""
    aliases = COLUMNS[kind][field_name]
    return aliases.get(lang, aliases["ru"])[0]


def match_header(kind: str, text: object) -> str | None:
    if not isinstance(text, str):
        return None
    return LOOKUP[kind].get(normalize_header(text))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how Excel names a column (openpyxl is not loaded for it)."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class Header:
    """The header row: where it is, its names as written and the field of each column."""

    row_no: int
    position: int  # index into Table.rows
    names: list[str]  # as written, or the column letter when the cell is empty
    fields: list[str | None]

    def column_of(self, field_name: str) -> int | None:
        try:
            return self.fields.index(field_name)
        except ValueError:
            return None


def find_header(kind: str, table: Table) -> Header | None:
    """The first row where at least two cells are known column names, else None."""
    width = table.width
    for position, (row_no, cells) in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        fields = [match_header(kind, cell) for cell in cells]
        if sum(1 for f in fields if f) >= MIN_HEADER_MATCHES:
            cells = list(cells) + [None] * (width - len(cells))
            fields = fields + [None] * (width - len(fields))
            names = [
                column_letter(i) if is_empty_cell(cell) else " ".join(str(cell).split())
                for i, cell in enumerate(cells)
            ]
            return Header(row_no, position, names, fields)
    return None


def repeated_columns(fields: Sequence[str | None]) -> list[tuple[int, int]]:
    """(first, repeat) column indexes of every field that has more than one column."""
    seen: dict[str, int] = {}
    repeats: list[tuple[int, int]] = []
    for index, field_name in enumerate(fields):
        if field_name is None:
            continue
        if field_name in seen:
            repeats.append((seen[field_name], index))
        else:
            seen[field_name] = index
    return repeats
