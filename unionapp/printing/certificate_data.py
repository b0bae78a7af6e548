"""What an award certificate says, worded in the certificate's own language.

The language is the certificate's, not the window's: a Russian-speaking chairperson may print a
Kyrgyz certificate, so every text here goes through ``translate_in(lang, ...)`` while the
refusals (shown to her) stay in the window's language.

The large title. An award type has one stored name (``core.award_types``): the common types
are seeded in the organization's language and known in both, so a seeded type prints its name
in the certificate's language («Ардак грамота» / «Почетная грамота», the Federation's own
certificate likewise). A name the organization typed itself is how it names its award and is
printed as written - except that a plainly Kyrgyz name (it has ң, ө or ү) is not put as the
title of a Russian certificate: the form's standard title is used there instead. (A Russian
name cannot be told from a Kyrgyz one without those letters, so the other way round the name
is printed as stored; the chairperson picks the language that matches her catalogue.)

Forms. A certificate of honour and a letter of gratitude print as such. A badge, an honorary
title or another award is not itself paper, but the member gets a certificate of award
(«Күбөлүк» / «Удостоверение») naming it: so those print too, titled so, with the award's name
in a sentence of their own.

Refused, in words the chairperson understands: an award not found, a nomination not yet
granted, an award whose decision was never recorded (the decision is the certificate's whole
authority), a decision that granted no awards.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from unionapp.core import settings
from unionapp.core.award_types import EQUIVALENTS, name_key
from unionapp.core.awards import format_certificate
from unionapp.core.certificate_awards import (  # the refusals, for those who name them here
    DECISION_EMPTY,
    DECISION_NOT_FOUND,
    NOT_FOUND,
    NOTHING_CHOSEN,
    certificate_awards,
)
from unionapp.core.codes import AWARD_FORMS
from unionapp.core.db import Database
from unionapp.core.errors import UserError, ValidationError, raise_all
from unionapp.core.i18n import LANGUAGES, N_, translate_in
from unionapp.core.quotes import inside_quotes
from unionapp.printing.layout import organization_name

AWARD_TITLE = N_("certificate of award")  # «Күбөлүк» / «Удостоверение»: a badge's paper
LEADS = {
    "certificate": N_("is awarded to"),
    "gratitude": N_("is presented to"),
}
AWARD_LINES = {
    "badge": N_("is awarded the badge «{award}»"),
    "title": N_("is conferred the honorary title «{award}»"),
    "other": N_("is awarded «{award}»"),
}
BY_COMMITTEE = N_("By resolution of the trade union committee No. {number} of {date}")
BY_GENERAL_MEETING = N_("By decision of the general meeting No. {number} of {date}")
# A date in words, one message a month: Kyrgyz puts a case ending on the month
# («2026-жылдын 14-майындагы»), Russian its genitive («14 мая 2026 г.»).
MONTHS = (
    N_("{day} January {year}"), N_("{day} February {year}"), N_("{day} March {year}"),
    N_("{day} April {year}"), N_("{day} May {year}"), N_("{day} June {year}"),
    N_("{day} July {year}"), N_("{day} August {year}"), N_("{day} September {year}"),
    N_("{day} October {year}"), N_("{day} November {year}"), N_("{day} December {year}"),
)

NOMINATION = N_("{name} is only nominated for «{award}»: a certificate is printed once a "
                "decision grants the award.")
NO_DECISION = N_("The award «{award}» of {name} names no decision: record the decision that "
                 "granted it, then print the certificate.")
UNKNOWN_LANGUAGE = N_("Unknown language: {value}. Write ky or ru.")

__all__ = [
    "DECISION_EMPTY", "DECISION_NOT_FOUND", "NOTHING_CHOSEN", "NOT_FOUND", "Certificate",
    "check_language", "date_in_words", "decision_text", "load_certificates", "name_in",
]

_KYRGYZ = re.compile("[ңөүҢӨҮ]")
_QUOTES = "«»\"“”„'"


@dataclass(frozen=True)
class Certificate:
    """Every text of one certificate, in its language; drawn by ``printing.certificates``."""

    award_id: int
    award_type_id: int
    lang: str
    form: str  # the frame: "certificate", "gratitude" or "award" (badge, title, other)
    title: str
    lead: str  # the line above the name ("" when the form has none)
    organization: str
    name: str
    position: str
    award_line: str  # the award named in a sentence, for a certificate of award
    award_name: str  # the award's name in the certificate's language
    reason: str
    decision: str
    number: str  # «2026/017», "" for an award recorded without one
    chairperson: str


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UserError(UNKNOWN_LANGUAGE, value=lang)
    return lang


def name_in(name: str, lang: str) -> str | None:
    """The award type's name in ``lang``, or None when it plainly belongs to the other one."""
    both = EQUIVALENTS.get(name_key(name))
    if both is not None:
        return both[0] if lang == "ky" else both[1]
    if lang == "ru" and _KYRGYZ.search(name):
        return None
    return name


def date_in_words(day: dt.date, lang: str) -> str:
    return translate_in(lang, MONTHS[day.month - 1]).format(day=day.day, year=day.year)


def decision_text(kind: str, number: str, held_on: dt.date, lang: str) -> str:
    template = BY_GENERAL_MEETING if kind == "general" else BY_COMMITTEE
    return translate_in(lang, template).format(number=number,
                                               date=date_in_words(held_on, lang))


def _wording(type_name: str, form: str, lang: str) -> tuple[str, str, str, str, str]:
    """The frame, title, lead, award line and award name of a type, in ``lang``."""
    in_lang = name_in(type_name, lang)
    award_name = (in_lang or type_name).strip(_QUOTES + " ")
    if form in ("certificate", "gratitude"):
        title = in_lang or translate_in(lang, AWARD_FORMS.labels[form])
        lead = translate_in(lang, LEADS[form])
        return form, title, lead, "", award_name
    line = AWARD_LINES.get(form, AWARD_LINES["other"])
    return ("award", translate_in(lang, AWARD_TITLE), "",
            translate_in(lang, line).format(award=inside_quotes(award_name)), award_name)


def load_certificates(
    db: Database,
    *,
    award_ids: list[int] | None = None,
    decision_id: int | None = None,
    lang: str,
) -> list[Certificate]:
    """The certificates of ``award_ids`` (in that order) or of every award ``decision_id``
    granted (by certificate number), worded in ``lang``. Every refusal at once."""
    check_language(lang)
    values = settings.get_all(db)
    organization = organization_name(values, lang)
    chairperson = values.get("org.chairperson", "")
    problems: list[ValidationError] = []
    out: list[Certificate] = []
    for award in certificate_awards(db, award_ids=award_ids, decision_id=decision_id):
        name = award.member_name
        if not award.granted:
            problems.append(ValidationError(NOMINATION, name=name,
                                            award=inside_quotes(award.type_name)))
            continue
        decision = award.decision
        if decision is None:
            problems.append(ValidationError(NO_DECISION, name=name,
                                            award=inside_quotes(award.type_name)))
            continue
        form, title, lead, award_line, award_name = _wording(award.type_name, award.type_form,
                                                             lang)
        out.append(Certificate(
            award.award_id, award.award_type_id, lang, form, title, lead, organization, name,
            award.position, award_line, award_name, award.reason,
            decision_text(decision.kind, decision.number, decision.held_on, lang),
            format_certificate(award.cert_year, award.cert_seq), chairperson,
        ))
    raise_all(problems)
    return out
