"""A blank's field positions are saved per award type as JSON, read back as saved, checked
before saving (nothing half-stored), and a damaged row never stops printing (defaults)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from unionapp.core import print_layouts
from unionapp.core.errors import ValidationError, ValidationGroup
from unionapp.core.models import PrintLayout
from unionapp.core.print_layouts import BLANK_FIELDS, DEFAULT_BLANK, FieldPlace


def _stored(db, name: str) -> str | None:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        row = s.get(PrintLayout, name)
        return row.data if row is not None else None


def test_defaults_fit_an_a4_sheet_and_are_used_until_saved(db) -> None:  # type: ignore[no-untyped-def]
    assert print_layouts.blank_problems(DEFAULT_BLANK) == []
    assert print_layouts.load_blank(db, 1) == DEFAULT_BLANK
    assert not print_layouts.is_saved(db, 1)
    # fields go down the sheet in the dialog's order, the award's own name off by default
    tops = [DEFAULT_BLANK[name].y for name in BLANK_FIELDS]
    assert tops == sorted(tops)
    assert not DEFAULT_BLANK["award"].shown


def test_saved_positions_come_back_per_award_type(db) -> None:  # type: ignore[no-untyped-def]
    places = print_layouts.default_blank()
    places["name"] = FieldPlace(30.25, 131.5, 22, 150)
    places["organization"] = replace(places["organization"], shown=False)
    print_layouts.save_blank(db, 3, places)

    loaded = print_layouts.load_blank(db, 3)
    assert loaded["name"] == FieldPlace(30.2, 131.5, 22, 150)  # tenths of a mm
    assert not loaded["organization"].shown
    assert loaded["organization"].y == DEFAULT_BLANK["organization"].y  # the place is kept
    assert print_layouts.load_blank(db, 4) == DEFAULT_BLANK  # another template: its own
    data = json.loads(_stored(db, "blank:3") or "")
    assert data["name"] == [30.2, 131.5, 22, 150]
    assert data["organization"] == [25, 100, 13, 160, False]

    print_layouts.reset_blank(db, 3)
    assert _stored(db, "blank:3") is None
    assert print_layouts.load_blank(db, 3) == DEFAULT_BLANK


@pytest.mark.usefixtures("source_strings")  # positions and labels in English
def test_places_off_the_page_are_refused_each_on_its_field_and_nothing_is_saved(db) -> None:  # type: ignore[no-untyped-def]
    print_layouts.save_blank(db, 1, print_layouts.default_blank())
    before = _stored(db, "blank:1")
    places = print_layouts.default_blank()
    places["name"] = FieldPlace(-5, 300, 90, 160)
    places["reason"] = FieldPlace(120.0, 160, 12, 95.5)
    with pytest.raises(ValidationGroup) as caught:
        print_layouts.save_blank(db, 1, places)
    fields = {e.field for e in caught.value.errors}
    assert fields == {"name.x", "name.y", "name.size", "reason.width"}
    assert "120 + 95.5 mm" in caught.value.errors[-1].message()
    assert "-5 mm" in caught.value.errors[0].message()
    assert _stored(db, "blank:1") == before


def test_an_unknown_field_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        print_layouts.save_blank(db, 1, {"photo": FieldPlace(10, 10, 10, 20)})
    assert caught.value.field == "photo"


def test_a_damaged_row_falls_back_to_defaults_field_by_field(db) -> None:  # type: ignore[no-untyped-def]
    print_layouts.save_layout(db, "blank:2", {
        "name": [40, 120, 18, 130], "position": "left", "reason": [1, 2, 3],
        "decision": [30, 500, 11, 150], "number": [True, 1, 10, 20],
    })
    loaded = print_layouts.load_blank(db, 2)
    assert loaded["name"] == FieldPlace(40, 120, 18, 130)
    for name in ("position", "reason", "decision", "number", "chairperson"):
        assert loaded[name] == DEFAULT_BLANK[name]
    with db.transaction() as s:
        s.get(PrintLayout, "blank:2").data = "{not json"
    assert print_layouts.load_blank(db, 2) == DEFAULT_BLANK
    assert print_layouts.get_layout(db, "blank:2") == {}


def test_any_named_layout_round_trips(db) -> None:  # type: ignore[no-untyped-def]
    assert print_layouts.get_layout(db, "cards:offset") == {}
    print_layouts.save_layout(db, "cards:offset", {"x": 1.5, "note": "Ңөү"})
    print_layouts.save_layout(db, "cards:offset", {"x": 2.0, "note": "Ңөү"})
    assert print_layouts.get_layout(db, "cards:offset") == {"x": 2.0, "note": "Ңөү"}
    print_layouts.delete_layout(db, "cards:offset")
    assert print_layouts.get_layout(db, "cards:offset") == {}
