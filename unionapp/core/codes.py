"""Codes stored in the database and their labels in the user's language.

Stored values are stable English codes (the public contract in DESIGN.md); labels are
translated when shown. ``ALIASES`` lists what an import file may write instead of the code:
the ru/ky labels from the contract and common short forms.
"""

from __future__ import annotations

from unionapp.core.i18n import N_, _

EXIT_REASONS: dict[str, str] = {
    "voluntary": N_("own wish"),
    "dismissal": N_("dismissal"),
    "retirement": N_("retirement"),
    "death": N_("death"),
    "transfer": N_("transfer"),
    "expelled": N_("expulsion"),
    "other": N_("other"),
}

EXIT_REASON_ALIASES: dict[str, tuple[str, ...]] = {
    "voluntary": ("по собственному желанию", "өз каалоосу менен", "собственное желание"),
    "dismissal": ("увольнение", "жумуштан бошотулган", "уволен"),
    "retirement": ("выход на пенсию", "пенсияга чыккан", "пенсия"),
    "death": ("смерть", "каза болгон", "умер"),
    "transfer": ("перевод", "которулган"),
    "expelled": ("исключение", "чыгарылган", "исключен"),
    "other": ("другое", "башка"),
}

SEXES: dict[str, str] = {"M": N_("male"), "F": N_("female")}
SEX_SHORT: dict[str, str] = {"M": N_("M (sex)"), "F": N_("F (sex)")}
SEX_ALIASES: dict[str, tuple[str, ...]] = {
    "M": ("м", "муж", "мужской", "э", "эркек", "m", "male"),
    "F": ("ж", "жен", "женский", "а", "аял", "f", "female"),
}


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def exit_reason_label(code: str | None) -> str:
    if not code:
        return ""
    return _(EXIT_REASONS.get(code, code))


def sex_label(code: str | None) -> str:
    return _(SEXES[code]) if code in SEXES else ""


def sex_short(code: str | None) -> str:
    return _(SEX_SHORT[code]) if code in SEX_SHORT else ""


def parse_exit_reason(text: str) -> str | None:
    """The code for a code or a ru/ky label, or None when nothing matches."""
    key = _norm(text)
    for code, aliases in EXIT_REASON_ALIASES.items():
        if key == code or key in (_norm(a) for a in aliases):
            return code
    return None


def parse_sex(text: str) -> str | None:
    key = _norm(text).rstrip(".")
    for code, aliases in SEX_ALIASES.items():
        if key in aliases:
            return code
    return None
