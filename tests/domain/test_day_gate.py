"""The day's gate (domain rule every front-end shares)."""

from __future__ import annotations

from typing import Any

from isohold.domain.day_gate import day_gate
from isohold.domain.models import Catalogue
from isohold.domain.prescription import prescribe
from isohold.domain.profile import BloodPressure, Profile
from tests.support.profiles import make_profile

STRONG: dict[str, Any] = {
    "conditions": ["patellar_tendinopathy", "hypertension"],
    "goals": ["pain_relief", "blood_pressure"],
    "resting_bp": {"systolic": 134, "diastolic": 84},
    "equipment": ["leg_extension_machine", "handgrip_dynamometer"],
    "irritability": "low",
}


def _gate(catalogue: Catalogue, profile: Profile, reading: BloodPressure | None, **kw: Any) -> Any:
    return day_gate(prescribe(profile, catalogue), profile, catalogue, reading, **kw)


def test_a_referral_offers_nothing(catalogue: Catalogue) -> None:
    profile = make_profile(red_flags=["fever"])
    gate = _gate(catalogue, profile, None)
    assert gate.code == "referral" and not gate.exercise_allowed and not gate.heavy_allowed
    assert gate.referral is not None and gate.urgency == gate.referral.urgency


def test_without_todays_reading_pressor_holds_wait(catalogue: Catalogue) -> None:
    gate = _gate(catalogue, make_profile(**STRONG), None)
    assert gate.code == "measure_first" and gate.exercise_allowed and not gate.heavy_allowed
    assert {(x.exercise, x.reason) for x in gate.left_out} == {
        ("leg-extension-isometric", "heavy"),
        ("handgrip-isometric", "bp_training"),
    }


def test_a_fine_reading_lets_everything_go(catalogue: Catalogue) -> None:
    gate = _gate(catalogue, make_profile(**STRONG), BloodPressure(128, 80))
    assert gate.code == "go" and gate.left_out == () and gate.heavy_allowed


def test_a_gated_reading_leaves_pressor_holds_out_unless_cleared(catalogue: Catalogue) -> None:
    gated = _gate(catalogue, make_profile(**STRONG), BloodPressure(166, 102))
    assert gated.code == "no_bp_training" and len(gated.left_out) == 2
    cleared = _gate(catalogue, make_profile(**STRONG, bp_cleared=True), BloodPressure(166, 102))
    assert cleared.code == "go"


def test_a_crisis_reading_means_no_exercise(catalogue: Catalogue) -> None:
    gate = _gate(catalogue, make_profile(**STRONG, bp_cleared=True), BloodPressure(182, 100))
    assert gate.code == "no_exercise" and not gate.exercise_allowed


def test_no_reading_needed_without_hypertension_or_bp_training(catalogue: Catalogue) -> None:
    profile = make_profile(conditions=["patellar_tendinopathy"], irritability="low",
                           equipment=["leg_extension_machine"])  # fmt: skip
    assert _gate(catalogue, profile, None).code == "go"


def test_severe_pain_and_a_morning_flare(catalogue: Catalogue) -> None:
    profile = make_profile(equipment=["mat"])
    gate = _gate(catalogue, profile, None, severe={"bird-dog"})
    assert [(x.exercise, x.reason) for x in gate.left_out] == [("bird-dog", "severe_pain")]
    flare = _gate(catalogue, profile, None, flare="Morning pain of 9/10 is a severe flare.")
    assert flare.code == "no_exercise" and "severe flare" in flare.text
