"""A small register with awards to print, made through the services as the window makes them:
protocol No. 7 of 14.05.2026 granting three awards (certificates 2026/017, 2026/018, 2026/019),
a badge and a federation certificate by a general meeting, a nomination not yet granted and
an award recorded without its decision (an old paper one, written straight into the table as
the import of an old register may leave it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from unionapp.core import award_types, awards, decisions, members, settings
from unionapp.core.db import Database
from unionapp.core.models import Award

ORG_KY = "Билим берүү кызматкерлеринин Бишкек шаардык №61 мектеп-гимназиясынын профсоюз уюму"
ORG_RU = "Первичная профсоюзная организация школы-гимназии № 61 г. Бишкек"
CHAIR = "Өмүрова Ү. Т."
DECIDED = dt.date(2026, 5, 14)
USONOVA = "Үсөнова Гүлнара Өмүрбековна"
NURLANOV = "Ңурланов Бакыт Төлөнович"
LONG_NAME = "Тургунбаева-Абдыкадырова Айжаркын-Нургүл Кубанычбековна"
IVANOVA = "Иванова Мария Петровна"
REASON_KY = "Көп жылдык үзүрлүү эмгеги жана профсоюз ишине активдүү катышканы үчүн"
REASON_RU = "За многолетний добросовестный труд и активное участие в работе профсоюза"


@dataclass
class Built:
    decision: int  # No. 7: three awards
    general: int  # a general meeting: the badge and the federation's certificate
    certificate: int  # Ардак грамота, 2026/017
    gratitude: int  # Ыраазычылык кат, 2026/018
    long_name: int  # Ардак грамота to the long name, 2026/019
    badge: int
    federation: int
    nomination: int
    no_decision: int
    types: dict[str, int]


def _member(db: Database, card: str, full: str, position: str) -> int:
    surname, name, patronymic = full.split(" ")
    return members.create_member(db, members.MemberInput(
        card_no=card, surname=surname, name=name, patronymic=patronymic,
        join_date=dt.date(2005, 9, 1), position=position, department="Башталгыч класстар"))


def build(db: Database) -> Built:
    settings.set_many(db, {"org.name_ky": ORG_KY, "org.name_ru": ORG_RU,
                           "org.chairperson": CHAIR})
    types = {t.form if t.level != "federation" else "federation": t.id
             for t in award_types.list_types(db)}
    usonova = _member(db, "1001", USONOVA, "башталгыч класстардын мугалими")
    nurlanov = _member(db, "1002", NURLANOV, "физика мугалими")
    long_one = _member(db, "1003", LONG_NAME,
                       "директордун окуу-тарбия иштери боюнча орун басары, математика мугалими")
    ivanova = _member(db, "1004", IVANOVA, "учитель русского языка и литературы")
    seven = decisions.create_decision(db, decisions.DecisionInput("7", DECIDED))
    general = decisions.create_decision(
        db, decisions.DecisionInput("2", dt.date(2026, 3, 6), kind="general"))

    def award(member: int, kind: str, reason: str, decision: int, number: str | None,
              day: dt.date = DECIDED) -> int:
        return awards.nominate(db, awards.AwardInput(
            member, types[kind], day - dt.timedelta(days=10), reason, decision_id=decision,
            awarded_on=day, certificate_no=number))

    built = Built(
        decision=seven, general=general,
        certificate=award(usonova, "certificate", REASON_KY, seven, "2026/017"),
        gratitude=award(ivanova, "gratitude", REASON_RU, seven, "2026/018"),
        long_name=award(long_one, "certificate", REASON_KY, seven, "2026/019"),
        badge=award(nurlanov, "badge", REASON_KY, general, "2026/004", dt.date(2026, 3, 6)),
        federation=award(ivanova, "federation", REASON_RU, general, "2026/005",
                         dt.date(2026, 3, 6)),
        nomination=awards.nominate(db, awards.AwardInput(
            nurlanov, types["certificate"], dt.date(2026, 10, 1), REASON_KY)),
        no_decision=0, types=types,
    )
    with db.transaction() as s:
        old = Award(member_id=usonova, award_type_id=types["gratitude"], status="awarded",
                    awarded_on=dt.date(2019, 3, 1), cert_year=2019, cert_seq=3,
                    reason="Мугалимдер күнүнө карата")
        s.add(old)
        s.flush()
        built.no_decision = old.id
    return built
