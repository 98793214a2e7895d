"""Screening: red flags refer with the right urgency; the blood-pressure gate of T8.20."""

from __future__ import annotations

import pytest

from isohold.domain.models import Catalogue
from isohold.domain.screening import screen
from tests.support.profiles import make_profile


def test_no_flags_no_referral(catalogue: Catalogue) -> None:
    result = screen(make_profile(), catalogue)
    assert result.referral is None and not result.bp_gated


@pytest.mark.parametrize(
    ("flags", "urgency"),
    [
        (["saddle_anaesthesia"], "emergency"),
        (["fever"], "urgent"),
        (["history_of_cancer"], "soon"),
        (["history_of_cancer", "unexplained_weight_loss"], "urgent"),  # DR8: same category
        (["history_of_cancer", "long_term_steroids"], "soon"),  # different categories
        (["hand_clumsiness", "fever"], "urgent"),
        (["chest_pain"], "emergency"),
        (["dysarthria"], "emergency"),
    ],
)
def test_red_flags_refer_by_urgency(catalogue: Catalogue, flags: list[str], urgency: str) -> None:
    result = screen(make_profile(red_flags=flags), catalogue)
    assert result.referral is not None
    assert result.referral.urgency == urgency
    assert list(result.referral.reasons) == flags
    assert "clinician" in result.referral.message


@pytest.mark.parametrize(
    ("bp", "cleared", "refer", "gated"),
    [
        ((128, 82), None, False, False),
        ((159, 99), None, False, False),
        ((160, 90), None, False, True),
        ((150, 100), False, False, True),
        ((165, 95), True, False, False),
        ((179, 109), True, False, False),
        ((180, 90), True, True, False),
        ((170, 110), None, True, True),
    ],
)
def test_blood_pressure_gate(
    catalogue: Catalogue, bp: tuple[int, int], cleared: bool | None, refer: bool, gated: bool
) -> None:
    profile = make_profile(
        conditions=["hypertension"],
        resting_bp={"systolic": bp[0], "diastolic": bp[1]},
        bp_cleared=cleared,
    )
    result = screen(profile, catalogue)
    assert (result.referral is not None) == refer
    assert result.bp_gated == gated
    if refer:
        assert result.referral is not None
        assert result.referral.urgency == "urgent"
        assert "resting_bp_above_180_110" in result.referral.reasons


@pytest.mark.parametrize("flag", ["dizziness", "hand_clumsiness"])
def test_bp_crisis_with_neurological_signs_is_an_emergency(catalogue: Catalogue, flag: str) -> None:
    alone = screen(make_profile(red_flags=[flag]), catalogue)
    assert alone.referral is not None and alone.referral.urgency != "emergency"
    profile = make_profile(red_flags=[flag], resting_bp={"systolic": 185, "diastolic": 100})
    result = screen(profile, catalogue)
    assert result.referral is not None and result.referral.urgency == "emergency"


def test_two_flags_of_one_kind_never_make_an_emergency(catalogue: Catalogue) -> None:
    flags = ["long_term_steroids", "minor_trauma_with_osteoporosis"]
    result = screen(make_profile(red_flags=flags), catalogue)
    assert result.referral is not None and result.referral.urgency == "urgent"
    assert "X-ray" in result.referral.message  # the flag's own advice, not a generic line
    both = screen(make_profile(red_flags=["saddle_anaesthesia", "bowel_incontinence"]), catalogue)
    assert both.referral is not None and both.referral.urgency == "emergency"
