"""Turning the onboarding form into a contract-1 profile (validation stays in the domain)."""

from __future__ import annotations

from typing import Any

from isohold.domain.errors import ProfileError
from isohold.domain.labels import ASKS_TENDON_SITE, IN_SEASON

#: more digits than any profile number has (age, pain, blood pressure)
MAX_DIGITS = 6
#: form fields that carry several values
LIST_FIELDS = ("conditions", "goals", "red_flags", "equipment", "medications")


def _int(value: Any) -> Any:
    """A whole number typed in a form; anything else (`²`, `٣`, 5000 digits) passes through as
    text so the domain names the field."""
    text = str(value).strip() if value is not None else ""
    digits = text.removeprefix("-")
    if digits.isascii() and digits.isdigit() and len(digits) <= MAX_DIGITS:
        return int(text)
    return text or None


def profile_from_form(form: Any) -> dict[str, Any]:
    """Form fields to a profile dict; values that are not numbers pass through so the domain
    names the field in its error."""
    if not form.getlist("conditions") and not form.getlist("goals"):
        raise ProfileError(
            "conditions",
            "choose at least one thing that brings you here or one goal, so that the plan "
            "knows what to work on",
        )
    raw: dict[str, Any] = {
        "age": _int(form.get("age")),
        "conditions": form.getlist("conditions") or ["none"],
        "goals": form.getlist("goals"),
        "irritability": form.get("irritability"),
        "pain_now": _int(form.get("pain_now")),
        "red_flags": form.getlist("red_flags"),
        "equipment": form.getlist("equipment") or ["none"],
    }
    if form.get("side"):
        raw["side"] = form.get("side")
    if set(IN_SEASON) & set(raw["conditions"]):
        raw["in_season"] = form.get("in_season") == "true"
    systolic, diastolic = _int(form.get("systolic")), _int(form.get("diastolic"))
    if systolic is not None or diastolic is not None:
        raw["resting_bp"] = {"systolic": systolic, "diastolic": diastolic}
    if "hypertension" in raw["conditions"] or "blood_pressure" in raw["goals"]:
        raw["bp_medicated"] = form.get("bp_medicated") == "true"
        raw["bp_cleared"] = form.get("bp_cleared") == "true"
    if set(ASKS_TENDON_SITE) & set(raw["conditions"]) and form.get("tendon_site"):
        raw["tendon_site"] = form.get("tendon_site")
    raw["onset_weeks"] = _int(form.get("onset_weeks"))
    if form.get("onset"):
        raw["onset"] = form.get("onset")
    raw["pregnancy"] = form.get("pregnancy") or "no"
    if raw["pregnancy"] != "no":
        raw["pregnancy_weeks"] = _int(form.get("pregnancy_weeks"))
    raw["medications"] = form.getlist("medications")
    return {k: v for k, v in raw.items() if v is not None}
