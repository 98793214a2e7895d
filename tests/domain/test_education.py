"""Which explanation is shown where: the plan shows the person's topics, Today one at a time
(a flare or a blood-pressure gate first), a review decision the topic that explains it, and a
referral only the topics for its reasons, never for an emergency."""

from __future__ import annotations

from datetime import date, timedelta

from isohold.domain import education as ed
from isohold.domain.models import Catalogue

MONDAY = date(2026, 11, 30)


def _ids(topics: list[ed.Topic]) -> list[str]:
    return [t.id for t in topics]


def test_the_plan_shows_the_topics_for_this_person(catalogue: Catalogue) -> None:
    topics = catalogue.education
    back = _ids(ed.for_plan(topics, ["low_back_pain"], ["pain_relief"]))
    assert "staying-active" in back and "pain-during-exercise" in back
    assert "tendon-compression" not in back and "blood-pressure-breathing" not in back
    achilles = _ids(ed.for_plan(topics, ["achilles_tendinopathy"], []))
    assert "tendon-compression" in achilles and "staying-active" not in achilles
    assert "blood-pressure-breathing" in _ids(ed.for_plan(topics, ["none"], ["blood_pressure"]))


def test_today_brings_a_flare_or_a_bp_gate_forward(catalogue: Catalogue) -> None:
    topics = catalogue.education
    flare = ed.for_today(topics, ["low_back_pain"], [], ["flare"], MONDAY)
    assert flare is not None and flare.id == "flare-up-plan"
    gate = ed.for_today(topics, ["hypertension"], ["blood_pressure"], ["bp_gate"], MONDAY)
    assert gate is not None and gate.id == "blood-pressure-breathing"


def test_today_takes_turns_through_the_persons_topics(catalogue: Catalogue) -> None:
    topics = catalogue.education
    mine = ed.for_plan(topics, ["low_back_pain"], [])
    week = [ed.for_today(topics, ["low_back_pain"], [], [], MONDAY + timedelta(days=i))
            for i in range(len(mine))]  # fmt: skip
    assert {t.id for t in week if t is not None} == {t.id for t in mine if "today" in t.places}


def test_review_decisions_are_explained(catalogue: Catalogue) -> None:
    topics = catalogue.education
    assert _ids(ed.for_decision(topics, "regress", ["neck_pain"], [])) == ["flare-up-plan"]
    assert _ids(ed.for_decision(topics, "stop", ["neck_pain"], [])) == ["flare-up-plan"]
    assert _ids(ed.for_decision(topics, "progress", [], [])) == ["load-management"]
    assert _ids(ed.for_decision(topics, "repeat", [], [])) == ["pain-during-exercise"]


def test_referrals_show_only_their_reasons_and_nothing_in_an_emergency(
    catalogue: Catalogue,
) -> None:
    topics = catalogue.education
    assert _ids(ed.for_referral(topics, ["resting_bp_above_160_100"], "soon")) == [
        "blood-pressure-breathing"
    ]
    assert ed.for_referral(topics, ["resting_bp_above_180_110"], "emergency") == []
    assert ed.for_referral(topics, ["history_of_cancer"], "soon") == []
