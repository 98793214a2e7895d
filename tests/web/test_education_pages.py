"""The short explanations where they matter: the plan's 'Good to know' shows the person's
topics folded, Today one (the flare-up plan after a severe morning flare), the weekly review the
topics that explain its decisions, a blood-pressure referral the blood-pressure topic, and an
emergency referral none."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.support.profiles import profile_dict
from tests.web.progress_seed import seed_weeks

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _onboard(client: TestClient, profile: dict[str, object]) -> None:
    assert client.post("/api/v1/onboard", json={"profile": profile}).status_code == 200


def test_the_plan_shows_the_persons_topics_folded(client: TestClient) -> None:
    _onboard(client, json.loads((EXAMPLES / "low-back-pain.json").read_text()))
    page = client.get("/plan").text
    assert '<details class="card learn" id="learn-staying-active">' in page
    assert 'id="learn-pain-during-exercise"' in page
    assert 'id="learn-tendon-compression"' not in page  # not a tendon problem
    assert 'id="learn-blood-pressure-breathing"' not in page


def test_today_brings_the_flare_up_plan_forward_after_a_severe_morning(
    client: TestClient,
) -> None:
    _onboard(client, profile_dict(conditions=["neck_pain"]))
    quiet = client.get("/").text
    assert quiet.count('class="card learn"') == 1  # one topic, never the whole set
    client.post("/api/v1/checkins", json={"pain": 9, "stiffness": 6})
    flare = client.get("/").text
    assert '<details class="card learn" id="learn-flare-up-plan" open>' in flare


def test_today_brings_blood_pressure_forward_when_a_reading_is_needed(client: TestClient) -> None:
    _onboard(client, json.loads((EXAMPLES / "hypertension-cleared.json").read_text()))
    page = client.get("/").text
    assert 'id="learn-blood-pressure-breathing"' in page


def test_the_review_explains_its_decisions(client: TestClient, tmp_path: Path) -> None:
    seed_weeks(tmp_path / "web.db", weeks=2)  # the client's database
    page = client.get("/review")
    assert page.status_code == 200 and "Weekly review" in page.text
    assert "About these changes" in page.text
    for action, topic in (("Step up", "load-management"), ("Keep", "pain-during-exercise"),
                          ("Ease off", "flare-up-plan"), ("Stop", "flare-up-plan")):  # fmt: skip
        if f"<h2>{action}:" in page.text:
            assert f'id="learn-{topic}"' in page.text, action


def test_a_blood_pressure_referral_explains_itself(client: TestClient) -> None:
    _onboard(client, profile_dict(conditions=["hypertension"], goals=["blood_pressure"],
                                  resting_bp={"systolic": 186, "diastolic": 112}))  # fmt: skip
    page = client.get("/referral").text
    assert "Good to know while you wait" in page
    assert 'id="learn-blood-pressure-breathing"' in page


def test_an_emergency_referral_shows_only_what_to_do(client: TestClient) -> None:
    _onboard(client, json.loads((EXAMPLES / "red-flag-referral.json").read_text()))
    page = client.get("/referral").text
    assert "Go to an emergency department now" in page
    assert "Good to know" not in page and 'class="card learn"' not in page
