"""The person's profile (DESIGN.md contract 1): validation of a raw mapping into a Profile."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from isohold.domain import vocabulary as v
from isohold.domain.errors import ProfileError
from isohold.domain.record_rules import DIASTOLIC, SCORE, SYSTOLIC


@dataclass(frozen=True, slots=True)
class BloodPressure:
    systolic: int
    diastolic: int

    def __str__(self) -> str:
        return f"{self.systolic}/{self.diastolic} mmHg"


@dataclass(frozen=True, slots=True)
class Profile:
    age: int
    conditions: tuple[str, ...]
    goals: tuple[str, ...]
    irritability: str
    pain_now: int
    red_flags: tuple[str, ...]
    equipment: tuple[str, ...]
    sex: str | None = None
    side: str | None = None
    resting_bp: BloodPressure | None = None
    bp_medicated: bool | None = None
    bp_cleared: bool | None = None
    in_season: bool | None = None
    minutes_per_session: int | None = None
    pregnancy: str | None = None
    pregnancy_weeks: int | None = None
    medications: tuple[str, ...] = ()
    onset_weeks: int | None = None
    onset: str | None = None
    cleared_flags: tuple[str, ...] = ()
    tendon_site: str | None = None

    @property
    def pregnant(self) -> bool:
        return self.pregnancy == "pregnant"

    def takes(self, medication: str) -> bool:
        return medication in self.medications

    @property
    def active_flags(self) -> tuple[str, ...]:
        """Red flags present that no clinician has assessed and cleared."""
        return tuple(f for f in self.red_flags if f not in self.cleared_flags)

    @property
    def gear(self) -> frozenset[str]:
        """Equipment the person has ('none' names no item)."""
        return frozenset(self.equipment) - {"none"}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "age": self.age,
            "conditions": list(self.conditions),
            "goals": list(self.goals),
            "irritability": self.irritability,
            "pain_now": self.pain_now,
            "red_flags": list(self.red_flags),
            "equipment": list(self.equipment),
        }
        optional = {
            "sex": self.sex,
            "side": self.side,
            "bp_medicated": self.bp_medicated,
            "bp_cleared": self.bp_cleared,
            "in_season": self.in_season,
            "minutes_per_session": self.minutes_per_session,
            "pregnancy": self.pregnancy,
            "pregnancy_weeks": self.pregnancy_weeks,
            "onset_weeks": self.onset_weeks,
            "onset": self.onset,
            "tendon_site": self.tendon_site,
        }
        out.update({k: val for k, val in optional.items() if val is not None})
        if self.medications:
            out["medications"] = list(self.medications)
        if self.cleared_flags:
            out["cleared_flags"] = list(self.cleared_flags)
        if self.resting_bp is not None:
            out["resting_bp"] = {
                "systolic": self.resting_bp.systolic,
                "diastolic": self.resting_bp.diastolic,
            }
        return out


_REQUIRED = ("age", "conditions", "goals", "irritability", "pain_now", "red_flags", "equipment")
_OPTIONAL = (
    "sex",
    "side",
    "resting_bp",
    "bp_medicated",
    "bp_cleared",
    "in_season",
    "minutes_per_session",
    "pregnancy",
    "pregnancy_weeks",
    "medications",
    "onset_weeks",
    "onset",
    "cleared_flags",
    "tendon_site",
)
#: The longest a problem's duration may be given as, in weeks (100 years).
MAX_ONSET_WEEKS = 5200


def _int(raw: Mapping[str, Any], name: str, lo: int, hi: int) -> int:
    value = raw[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProfileError(name, f"must be a whole number from {lo} to {hi}, got {value!r}")
    if not lo <= value <= hi:
        raise ProfileError(name, f"must be from {lo} to {hi}, got {value}")
    return value


def _choice(raw: Mapping[str, Any], name: str, allowed: Sequence[str]) -> str:
    value = raw[name]
    if value not in allowed:
        raise ProfileError(name, f"unknown value {value!r}; allowed values: {', '.join(allowed)}")
    return str(value)


def _choices(
    raw: Mapping[str, Any], name: str, allowed: Sequence[str], *, allow_empty: bool
) -> tuple[str, ...]:
    values = raw[name]
    if isinstance(values, str) or not isinstance(values, list):
        raise ProfileError(name, f"must be a list; allowed values: {', '.join(allowed)}")
    for value in values:
        if value not in allowed:
            raise ProfileError(
                name, f"unknown value {value!r}; allowed values: {', '.join(allowed)}"
            )
    if not values and not allow_empty:
        raise ProfileError(name, f"needs at least one value; allowed values: {', '.join(allowed)}")
    unique = tuple(dict.fromkeys(values))
    if "none" in unique and len(unique) > 1:
        raise ProfileError(name, "'none' cannot be combined with other values")
    return unique


def _flag(raw: Mapping[str, Any], name: str) -> bool | None:
    value = raw.get(name)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise ProfileError(name, f"must be true or false, got {value!r}")
    return value


def _bp(raw: Mapping[str, Any]) -> BloodPressure | None:
    value = raw.get("resting_bp")
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ProfileError("resting_bp", 'must be an object {"systolic": int, "diastolic": int}')
    extra = sorted(set(value) - {"systolic", "diastolic"})
    if extra:
        raise ProfileError(
            f"resting_bp.{extra[0]}", "unknown field; allowed fields: systolic, diastolic"
        )
    for part, lo, hi in (("systolic", *SYSTOLIC), ("diastolic", *DIASTOLIC)):
        if part not in value:
            raise ProfileError(f"resting_bp.{part}", "is missing")
        got = value[part]
        if isinstance(got, bool) or not isinstance(got, int) or not lo <= got <= hi:
            raise ProfileError(
                f"resting_bp.{part}",
                f"must be a whole number of mmHg from {lo} to {hi}, got {got!r}",
            )
    if value["diastolic"] >= value["systolic"]:
        raise ProfileError("resting_bp.diastolic", "must be lower than the systolic pressure")
    return BloodPressure(systolic=value["systolic"], diastolic=value["diastolic"])


def parse_profile(raw: object) -> Profile:
    """Validate a raw profile mapping (from JSON, YAML or TOML) into a Profile.

    Raises ProfileError naming the first bad field, its reason and the allowed values.
    """
    if not isinstance(raw, Mapping):
        raise ProfileError("profile", "must be an object with the profile fields")
    known = (*_REQUIRED, *_OPTIONAL)
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ProfileError(unknown[0], f"unknown field; allowed fields: {', '.join(known)}")
    parsers: dict[str, Any] = {
        "age": lambda: _int(raw, "age", 12, 110),
        "conditions": lambda: _choices(raw, "conditions", v.CONDITIONS, allow_empty=False),
        "goals": lambda: _choices(raw, "goals", v.GOALS, allow_empty=True),
        "irritability": lambda: _choice(raw, "irritability", v.IRRITABILITY),
        "pain_now": lambda: _int(raw, "pain_now", *SCORE),
        "red_flags": lambda: _red_flags(raw),
        "equipment": lambda: _choices(raw, "equipment", v.EQUIPMENT, allow_empty=True),
        "sex": lambda: _choice(raw, "sex", v.SEXES),
        "side": lambda: _choice(raw, "side", v.SIDES),
        "resting_bp": lambda: _bp(raw),
        "bp_medicated": lambda: _flag(raw, "bp_medicated"),
        "bp_cleared": lambda: _flag(raw, "bp_cleared"),
        "in_season": lambda: _flag(raw, "in_season"),
        "minutes_per_session": lambda: _int(raw, "minutes_per_session", 1, 240),
        "pregnancy": lambda: _choice(raw, "pregnancy", v.PREGNANCY),
        "pregnancy_weeks": lambda: _int(raw, "pregnancy_weeks", 0, 42),
        "medications": lambda: _choices(raw, "medications", v.MEDICATIONS, allow_empty=True),
        "onset_weeks": lambda: _int(raw, "onset_weeks", 0, MAX_ONSET_WEEKS),
        "onset": lambda: _choice(raw, "onset", v.ONSETS),
        "cleared_flags": lambda: _choices(raw, "cleared_flags", v.RED_FLAG_CODES, allow_empty=True),
        "tendon_site": lambda: _choice(raw, "tendon_site", v.TENDON_SITES),
    }
    # Bad values are reported before missing fields: they are usually the typo to fix.
    values = {
        name: parse()
        for name, parse in parsers.items()
        if name in raw and (raw[name] is not None or name in _REQUIRED)
    }
    for name in _REQUIRED:
        if name not in values:
            raise ProfileError(name, "is required")
    if "pregnancy_weeks" in values and values.get("pregnancy", "no") == "no":
        raise ProfileError(
            "pregnancy_weeks", "is only given with pregnancy 'pregnant' or 'postpartum'"
        )
    return Profile(**values)


def _red_flags(raw: Mapping[str, Any]) -> tuple[str, ...]:
    values = raw["red_flags"]
    if isinstance(values, str) or not isinstance(values, list):
        raise ProfileError("red_flags", "must be a list of red-flag codes (empty when none)")
    return _choices(raw, "red_flags", v.RED_FLAG_CODES, allow_empty=True)
