"""The gettext catalogs are complete: every message in the code is translated into ky and ru,
with the same placeholders, nothing fuzzy, and the compiled .mo files match their sources."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ky", "ru")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{[\w.]*\}|%[sdif]")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
SAME_IN_EVERY_LANGUAGE = {"unionapp", "{path}", "{label}:", "{organization} — unionapp"}


def _po(lang: str):  # type: ignore[no-untyped-def]
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "unionapp.po").open("rb") as f:
        return read_po(f)


def _source_messages() -> set[str]:
    found: set[str] = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT / "unionapp"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_in_the_code_is_in_the_catalog(lang: str) -> None:
    catalog_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _po(lang) if m.id}
    missing = sorted(_source_messages() - catalog_ids)
    assert not missing, f"run `bash .ci/catalogs` and translate: {missing[:20]}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_untranslated_fuzzy_or_mismatched_message(lang: str) -> None:
    problems = []
    for msg in _po(lang):
        if not msg.id:
            continue
        source = msg.id if isinstance(msg.id, str) else msg.id[0]
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if msg.fuzzy:
            problems.append(("fuzzy", source))
        elif not all(strings):
            problems.append(("untranslated", source))
        elif any(
            sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(s)) for s in strings
        ):
            problems.append(("placeholders differ", source))
        elif (
            any(s == source for s in strings)
            and re.search("[a-z]{3}", source)
            and source not in SAME_IN_EVERY_LANGUAGE
        ):
            problems.append(("left in English", source))
    assert not problems, problems[:20]


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalog_matches_its_source(lang: str) -> None:
    folder = ROOT / "translations" / lang / "LC_MESSAGES"
    with (folder / "unionapp.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    expected = {
        m.id: m.string for m in _po(lang) if m.id and isinstance(m.id, str) and m.string
    }
    actual = {k: v for k, v in compiled.items() if isinstance(k, str) and k}
    assert actual == expected, "stale .mo: run `bash .ci/catalogs`"


def test_kyrgyz_catalog_uses_kyrgyz_letters() -> None:
    text = " ".join(str(m.string) for m in _po("ky") if m.id)
    assert set("ңөү") <= set(text), "Kyrgyz translations must use ң ө ү"
