"""Organization settings: typed, defaulted, validated, all-or-nothing, audited."""

from __future__ import annotations

import pytest

from unionapp.core import settings
from unionapp.core.errors import ValidationError


def test_defaults_without_anything_stored(db) -> None:
    values = settings.get_all(db)
    assert values["youth.max_age"] == "35"
    assert values["ui.language"] == "ky"
    assert settings.get_int(db, "org.employees") == 0


def test_set_many_is_all_or_nothing(db) -> None:
    with pytest.raises(ValidationError) as info:
        settings.set_many(db, {"org.name_ky": "Мектеп", "youth.max_age": "жыйырма"})
    assert info.value.field == "youth.max_age"
    assert settings.get(db, "org.name_ky") == ""


def test_percent_and_language(db) -> None:
    settings.set_many(db, {"dues.higher_share_percent": "12,5", "ui.language": "ru"})
    assert str(settings.get_decimal(db, "dues.higher_share_percent")) == "12.5"
    with pytest.raises(ValidationError):
        settings.set_value(db, "ui.language", "en")
    with pytest.raises(ValidationError):
        settings.set_value(db, "no.such.key", "1")


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-Infinity"])
def test_not_a_number_is_refused_not_a_crash(db, value: str) -> None:
    with pytest.raises(ValidationError) as info:
        settings.set_value(db, "dues.higher_share_percent", value)
    assert info.value.field == "dues.higher_share_percent"
