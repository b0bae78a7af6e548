"""Codes stored in the database and their labels in the user's language.

Stored values are stable English codes (the public contract in DESIGN.md); labels are
translated when shown. ``ALIASES`` lists what an import file may write instead of the code:
the ru/ky labels from the contract and common short forms.
"""

from __future__ import annotations

from unionapp.core.i18n import LANGUAGES, N_, _, translate_in

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


class CodeSet:
    """One family of stored codes (voucher kinds, aid reasons ...): labels and what an import
    file may write instead (the code itself, its ru/ky labels, short forms)."""

    def __init__(self, labels: dict[str, str], aliases: dict[str, tuple[str, ...]]) -> None:
        self.labels = labels  # code -> English source label, marked with N_()
        self._lookup = {code: code for code in labels}
        for code, words in aliases.items():
            for word in words:
                self._lookup[_norm(word)] = code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def label(self, code: str | None) -> str:
        if not code:
            return ""
        return _(self.labels[code]) if code in self.labels else code

    def parse(self, text: str) -> str | None:
        """The code for a code or a label in any language, or None when nothing matches.

        The labels the window shows (ky and ru) are read too: a file typed from the screen,
        or from an import error that lists them, is never refused for using them."""
        key = _norm(text)
        found = self._lookup.get(key)
        if found is None:
            found = next((code for code, msgid in self.labels.items()
                          if key in (_norm(msgid), *(_norm(translate_in(lang, msgid))
                                                     for lang in LANGUAGES))), None)
        return found

    def __contains__(self, code: object) -> bool:
        return code in self.labels


VOUCHER_KINDS = CodeSet(
    {
        "sanatorium": N_("sanatorium"),
        "rest_home": N_("rest home"),
        "children_camp": N_("children's camp"),
        "tour": N_("tour"),
        "other": N_("other"),
    },
    {
        "sanatorium": ("санаторий",),
        "rest_home": ("дом отдыха", "эс алуу үйү", "пансионат"),
        "children_camp": ("детский лагерь", "балдар лагери", "лагерь", "лагери"),
        "tour": ("тур", "туристическая поездка"),
        "other": ("другое", "башка"),
    },
)
SEASONS = CodeSet(
    {
        "winter": N_("winter"),
        "spring": N_("spring"),
        "summer": N_("summer"),
        "autumn": N_("autumn"),
    },
    {
        "winter": ("зима", "кыш"),
        "spring": ("весна", "жаз"),
        "summer": ("лето", "жай"),
        "autumn": ("осень", "күз"),
    },
)
FUNDING_SOURCES = CodeSet(
    {
        "own": N_("organization's own funds"),
        "higher": N_("higher union body"),
        "employer": N_("employer"),
        "fund": N_("social fund"),
    },
    {
        "own": ("собственные средства", "профсоюз", "өз каражаты"),
        "higher": ("вышестоящий орган", "жогору турган орган"),
        "employer": ("работодатель", "иш берүүчү"),
        "fund": ("фонд", "соцфонд", "социальный фонд", "социалдык фонд"),
    },
)
AID_REASONS = CodeSet(
    {
        "birth": N_("birth of a child"),
        "wedding": N_("wedding"),
        "death": N_("death of a relative"),
        "illness": N_("illness"),
        "jubilee": N_("jubilee"),
        "disaster": N_("disaster"),
        "other": N_("other"),
    },
    {
        "birth": ("рождение ребенка", "баланын төрөлүшү", "рождение"),
        "wedding": ("свадьба", "бракосочетание", "үйлөнүү той", "той"),
        "death": ("смерть родственника", "туугандын каза болушу", "смерть", "похороны"),
        "illness": ("болезнь", "лечение", "оорусу", "дарылануу"),
        "jubilee": ("юбилей", "маараке", "юбилей күнү"),
        "disaster": ("стихийное бедствие", "бедствие", "табигый кырсык", "кырсык"),
        "other": ("другое", "башка"),
    },
)
AWARD_LEVELS = CodeSet(
    {
        "own": N_("primary organization"),
        "sectoral": N_("sectoral union"),
        "federation": N_("Federation of Trade Unions"),
        "title": N_("honorary title"),
    },
    {
        "own": ("первичная организация", "баштапкы уюм"),
        "sectoral": ("отраслевой профсоюз", "тармактык профсоюз"),
        "federation": ("федерация", "федерация профсоюзов", "профсоюздар федерациясы"),
        "title": ("почетное звание", "ардактуу наам"),
    },
)
AWARD_FORMS = CodeSet(
    {
        "certificate": N_("certificate of honour"),
        "gratitude": N_("letter of gratitude"),
        "badge": N_("honorary badge"),
        "title": N_("honorary title"),
        "other": N_("other"),
    },
    {
        "certificate": ("почетная грамота", "ардак грамота", "грамота"),
        "gratitude": ("благодарственное письмо", "ыраазычылык кат", "благодарность"),
        "badge": ("нагрудный знак", "ардак төш белгиси", "знак"),
        "title": ("почетное звание", "ардактуу наам"),
        "other": ("другое", "башка"),
    },
)
DECISION_KINDS = CodeSet(
    {"committee": N_("committee meeting"), "general": N_("general meeting")},
    {
        "committee": ("заседание профкома", "профком жыйыны", "профком"),
        "general": ("общее собрание", "жалпы жыйын"),
    },
)
