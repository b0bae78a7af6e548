"""Column names of the benefit registers' files (vouchers, aid, awards), per DESIGN.md.

Same rules as ``headers``: the first name of a language is what an export writes. Besides the
contract's columns each kind has the ones an export needs to import back unchanged (the
protocol's date, the funding source, the certificate number) and ``full_name``, written so a
person can read the file and not imported (the card number says who it is).
"""

from __future__ import annotations

Aliases = dict[str, tuple[str, ...]]

CARD_NO: Aliases = {
    "ru": ("Номер билета", "№ билета", "Номер членского билета", "Билет №"),
    "ky": ("Билеттин номери", "Мүчөлүк билеттин номери", "Билет номери"),
    "en": ("Card No", "Card number"),
}
FULL_NAME: Aliases = {  # written by the export so a person can read it; not imported
    "ru": ("ФИО", "Фамилия Имя Отчество", "Член профсоюза"),
    "ky": ("Аты-жөнү", "Фамилиясы, аты, атасынын аты", "Мүчө"),
    "en": ("Full name", "Member"),
}
DECISION_NO: Aliases = {
    "ru": ("Номер протокола", "№ протокола", "Протокол", "Протокол №"),
    "ky": ("Протоколдун номери", "Протокол №", "Протокол"),
    "en": ("Protocol No", "Decision No", "Protocol"),
}
DECISION_DATE: Aliases = {
    "ru": ("Дата протокола", "Дата решения", "Дата заседания"),
    "ky": ("Протоколдун күнү", "Чечимдин күнү", "Жыйындын күнү"),
    "en": ("Protocol date", "Decision date"),
}

VOUCHER_COLUMNS: dict[str, Aliases] = {
    "card_no": CARD_NO,
    "full_name": FULL_NAME,
    "kind": {
        "ru": ("Вид", "Вид путевки", "Тип путевки"),
        "ky": ("Түрү", "Жолдомонун түрү"),
        "en": ("Kind", "Voucher kind", "Type"),
    },
    "institution": {
        "ru": ("Учреждение", "Санаторий, лагерь", "Место отдыха", "Здравница"),
        "ky": ("Мекеме", "Эс алуучу жай"),
        "en": ("Institution", "Resort", "Place"),
    },
    "start_date": {
        "ru": ("Дата начала", "Начало", "Дата заезда"),
        "ky": ("Башталган күнү", "Башталышы"),
        "en": ("Start date", "From"),
    },
    "end_date": {
        "ru": ("Дата окончания", "Окончание", "Дата выезда"),
        "ky": ("Бүткөн күнү", "Аякташы"),
        "en": ("End date", "To"),
    },
    "cost": {
        "ru": ("Стоимость", "Стоимость путевки", "Полная стоимость"),
        "ky": ("Баасы", "Жолдомонун баасы"),
        "en": ("Cost", "Price"),
    },
    "copay": {
        "ru": ("Оплата работника", "Оплачено работником", "Доплата работника"),
        "ky": ("Мүчөнүн төлөгөнү", "Кызматкердин төлөмү"),
        "en": ("Co-payment", "Paid by member"),
    },
    "child": {
        "ru": ("Ребенок", "ФИО ребенка"),
        "ky": ("Бала", "Баланын аты-жөнү"),
        "en": ("Child", "Child's name"),
    },
    "source": {
        "ru": ("Источник", "Источник средств", "За счет"),
        "ky": ("Каражат булагы", "Булагы"),
        "en": ("Source", "Funding source"),
    },
    "decision_no": DECISION_NO,
    "decision_date": DECISION_DATE,
}

AID_COLUMNS: dict[str, Aliases] = {
    "card_no": CARD_NO,
    "full_name": FULL_NAME,
    "reason": {
        "ru": ("Основание", "Причина", "Повод"),
        "ky": ("Негиз", "Себеби"),
        "en": ("Reason", "Grounds"),
    },
    "amount": {
        "ru": ("Сумма", "Сумма помощи"),
        "ky": ("Сумма", "Суммасы", "Жардамдын суммасы"),
        "en": ("Amount",),
    },
    "paid_on": {
        "ru": ("Дата", "Дата выплаты"),
        "ky": ("Күнү", "Төлөнгөн күнү"),
        "en": ("Date", "Paid on"),
    },
    "decision_no": DECISION_NO,
    "decision_date": DECISION_DATE,
}

AWARD_COLUMNS: dict[str, Aliases] = {
    "card_no": CARD_NO,
    "full_name": FULL_NAME,
    "award": {
        "ru": ("Награда", "Вид награды", "Наименование награды"),
        "ky": ("Сыйлык", "Сыйлыктын түрү", "Сыйлыктын аталышы"),
        "en": ("Award", "Award type"),
    },
    "awarded_on": {
        "ru": ("Дата", "Дата награждения"),
        "ky": ("Күнү", "Сыйланган күнү"),
        "en": ("Date", "Awarded on"),
    },
    "decision_no": DECISION_NO,
    "decision_date": DECISION_DATE,
    "certificate_no": {
        "ru": ("Номер грамоты", "№ грамоты", "Регистрационный номер"),
        "ky": ("Грамотанын номери", "Каттоо номери"),
        "en": ("Certificate No", "Certificate number"),
    },
    # optional: what it is for (printed on the certificate) and a gift's cost
    "reason": {
        "ru": ("За что", "Формулировка", "Основание награждения"),
        "ky": ("Эмнеси үчүн", "Сыйлоонун негизи"),
        "en": ("Reason", "For what"),
    },
    "cost": {
        "ru": ("Стоимость", "Стоимость подарка", "Сумма премии"),
        "ky": ("Баасы", "Белектин баасы", "Сыйлык акчасы"),
        "en": ("Cost", "Gift cost"),
    },
}
