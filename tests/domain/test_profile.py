"""Profile validation (contract 1): every bad field is named with its reason."""

from __future__ import annotations

from typing import Any

import pytest

from isohold.domain.errors import ProfileError
from isohold.domain.profile import parse_profile
from tests.support.profiles import profile_dict


def test_valid_profile_round_trips() -> None:
    raw = profile_dict(
        sex="male",
        side="left",
        resting_bp={"systolic": 128, "diastolic": 82},
        bp_medicated=False,
        bp_cleared=True,
        in_season=False,
        minutes_per_session=20,
        equipment=["wall", "mat"],
    )
    assert parse_profile(raw).to_dict() == raw


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"age": 11}, "age", "from 12 to 110"),
        ({"age": "forty"}, "age", "whole number"),
        ({"age": True}, "age", "whole number"),
        ({"pain_now": 11}, "pain_now", "from 0 to 10"),
        ({"conditions": ["back_pain"]}, "conditions", "allowed values: low_back_pain, neck_pain"),
        ({"conditions": "low_back_pain"}, "conditions", "must be a list"),
        ({"conditions": []}, "conditions", "at least one"),
        ({"conditions": ["none", "neck_pain"]}, "conditions", "'none' cannot be combined"),
        ({"goals": ["fitness"]}, "goals", "allowed values: pain_relief"),
        ({"irritability": "extreme"}, "irritability", "allowed values: low, moderate, high"),
        ({"red_flags": ["headache"]}, "red_flags", "allowed values: saddle_anaesthesia"),
        ({"red_flags": None}, "red_flags", "must be a list"),
        ({"equipment": ["kettlebell"]}, "equipment", "allowed values: none, wall"),
        ({"sex": "f"}, "sex", "allowed values: female, male, other"),
        ({"side": "middle"}, "side", "allowed values: left, right, both"),
        ({"bp_cleared": "yes"}, "bp_cleared", "true or false"),
        ({"resting_bp": "130/80"}, "resting_bp", "must be an object"),
        ({"resting_bp": {"systolic": 130}}, "resting_bp.diastolic", "is missing"),
        ({"resting_bp": {"systolic": 80, "diastolic": 90}}, "resting_bp.diastolic", "lower"),
        ({"resting_bp": {"systolic": 130, "diastolic": 80, "pulse": 60}}, "resting_bp.pulse", ""),
        ({"minutes_per_session": 0}, "minutes_per_session", "from 1 to 240"),
        ({"favourite_colour": "blue"}, "favourite_colour", "allowed fields: age"),
    ],
)
def test_bad_fields_are_named(overrides: dict[str, Any], field: str, reason: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile(profile_dict(**overrides))
    assert info.value.field == field
    assert reason in str(info.value)
    assert str(info.value).startswith(f"profile field '{field}'")


@pytest.mark.parametrize("missing", ["age", "conditions", "irritability", "red_flags"])
def test_required_fields(missing: str) -> None:
    raw = profile_dict()
    del raw[missing]
    with pytest.raises(ProfileError, match=f"'{missing}': is required"):
        parse_profile(raw)


def test_not_an_object() -> None:
    with pytest.raises(ProfileError, match="must be an object"):
        parse_profile(["age", 40])


def test_gear_ignores_none() -> None:
    assert parse_profile(profile_dict(equipment=["none"])).gear == frozenset()
