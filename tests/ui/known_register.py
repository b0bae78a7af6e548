"""The small register the UI tests run on (see conftest.py's ``ui_db_path``).

Dates are fixed, except ``YOUNG`` and a few joins computed from today, so the youth filter
(age <= 35 today) gives the same members in any year.
"""

from __future__ import annotations

import datetime as dt

TODAY = dt.date.today()


def _years_ago(years: int, day: dt.date = TODAY) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


YOUNG = _years_ago(25)  # a birth date that makes a member 25 today

# card_no, surname, name, patronymic, sex, birth, department, position, join, exit, reason,
# pensioner, personnel_no
PEOPLE: list[tuple[str, str, str, str | None, str, dt.date | None, str, str, dt.date,
                   dt.date | None, str | None, bool, str]] = [
    ("1001", "Асан уулу", "Бакыт", None, "M", dt.date(1980, 5, 17), "Физика кафедрасы",
     "Доцент", dt.date(2005, 9, 1), None, None, False, "T-101"),
    ("1002", "Сейит кызы", "Жаңыл", None, "F", dt.date(1990, 2, 28), "Башталгыч класстар",
     "Мугалим", dt.date(2015, 9, 1), None, None, False, "T-102"),
    ("1003", "Асанова", "Гүлнара", "Бакытовна", "F", YOUNG, "Физика кафедрасы",
     "Лаборант", _years_ago(2), None, None, False, "T-103"),
    ("1004", "Петров", "Алексей", "Сергеевич", "M", dt.date(1950, 1, 10), "Бухгалтерия",
     "Бухгалтер", dt.date(1985, 3, 1), None, None, True, "T-104"),
    ("1005", "Ёлкина", "Ольга", "Ивановна", "F", dt.date(1975, 7, 7), "Бухгалтерия",
     "Кассир", dt.date(2000, 1, 15), dt.date(2020, 6, 30), "voluntary", False, "T-105"),
    ("1006", "Үсөнов", "Өмүр", "Токтогулович", "M", dt.date(1988, 11, 3),
     "Математика кафедрасы", "Профессор", dt.date(2010, 2, 1), None, None, False, "T-106"),
    ("1007", "Елкин", "Сергей", None, "M", dt.date(1960, 4, 4), "Математика кафедрасы",
     "Доцент", dt.date(1990, 9, 1), dt.date(2022, 8, 31), "retirement", True, "T-107"),
    ("1008", "Ногойбаева", "Айгүл", "Асановна", "F", None, "Китепкана", "Китепканачы",
     dt.date(2019, 10, 1), None, None, False, "T-108"),
    ("10", "Бакиев", "Нурлан", None, "M", _years_ago(30), "Физика кафедрасы", "Ассистент",
     _years_ago(5), None, None, False, "T-110"),
    ("2", "Иванова", "Елена", "Петровна", "F", dt.date(1970, 12, 1), "Кафедра русского языка",
     "Преподаватель", dt.date(1999, 9, 1), None, None, True, "T-112"),
]
ACTIVE = [p for p in PEOPLE if p[9] is None]
LEFT = [p for p in PEOPLE if p[9] is not None]


