"""Turning the onboarding form into a contract-1 profile (validation stays in the domain)."""

from __future__ import annotations

from typing import Any

CONDITIONS = [
    ("low_back_pain", "Low back pain"),
    ("neck_pain", "Neck pain"),
    ("patellar_tendinopathy", "Pain in the tendon just below the kneecap"),
    ("achilles_tendinopathy", "Pain in the Achilles tendon"),
    ("hypertension", "High blood pressure"),
    ("desk_worker", "Aches from long hours at a desk"),
    ("muscle_tightness", "Muscles that feel tight and sore"),
]
GOALS = [
    ("pain_relief", "Less pain"),
    ("stability", "Feel steadier and more supported"),
    ("strength", "Get stronger"),
    ("hypertrophy", "Build muscle"),
    ("rate_of_force_development", "Produce force faster (sport)"),
    ("tendon_adaptation", "A stronger tendon"),
    ("blood_pressure", "Lower blood pressure"),
    ("desk_breaks", "Short exercise breaks at my desk"),
    ("mobility", "Move more freely"),
    ("return_to_sport", "Get back to sport"),
]
IRRITABILITY = [
    ("low", "Low: activity barely stirs it up; it settles within minutes"),
    ("moderate", "Moderate: activity stirs it up; it settles within an hour or two"),
    ("high", "High: a little activity makes it much worse for hours"),
]
EQUIPMENT = [
    ("wall", "A clear wall"),
    ("mat", "An exercise mat"),
    ("step", "A step or stair"),
    ("chair", "A sturdy chair"),
    ("resistance_band", "An elastic resistance band"),
    ("handgrip_dynamometer", "A handgrip dynamometer"),
    ("force_sensor", "A force sensor (e.g. Tindeq Progressor)"),
    ("leg_extension_machine", "A leg-extension machine"),
    ("belt", "A rigid belt or strap you can anchor"),
    ("cable", "A cable machine"),
    ("dumbbell", "A dumbbell or kettlebell"),
    ("rack", "A squat rack"),
    ("heart_rate_monitor", "A heart rate monitor"),
]


def _int(value: Any) -> Any:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.lstrip("-").isdigit() else (text or None)


def profile_from_form(form: Any) -> dict[str, Any]:
    """Form fields to a profile dict; values that are not numbers pass through so the domain
    names the field in its error."""
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
    tendon = {"patellar_tendinopathy", "achilles_tendinopathy"} & set(raw["conditions"])
    if tendon:
        raw["in_season"] = form.get("in_season") == "true"
    systolic, diastolic = _int(form.get("systolic")), _int(form.get("diastolic"))
    if systolic is not None or diastolic is not None:
        raw["resting_bp"] = {"systolic": systolic, "diastolic": diastolic}
    if "hypertension" in raw["conditions"] or "blood_pressure" in raw["goals"]:
        raw["bp_medicated"] = form.get("bp_medicated") == "true"
        raw["bp_cleared"] = form.get("bp_cleared") == "true"
    return {k: v for k, v in raw.items() if v is not None}
