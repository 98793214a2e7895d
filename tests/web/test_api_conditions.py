"""The conditions and stages of issue 21 through the JSON API (contracts 2 and 3): each new
condition's plan, a good week, a flare and its red flags; a stage that moves on only with its
capacity tests given (`tests` in the review body)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from isohold.domain.models import Catalogue
from tests.support.profiles import profile_dict
from tests.test_contracts import check_plan

#: condition -> (equipment, a red flag its questions ask)
CASES = {
    "lateral_elbow_tendinopathy": (["none"], "hot_swollen_joint"),
    "gluteal_tendinopathy": (["wall"], "hot_swollen_joint"),
    "shoulder_pain": (["wall"], "arm_weakness_after_injury"),
    "knee_osteoarthritis": (["chair", "wall"], "hot_swollen_joint"),
}


def _review(client: TestClient, plan: dict[str, Any], **extra: Any) -> dict[str, Any]:
    pain = {"pain_during": 1, "pain_next_morning": 2, "baseline_pain": 2}
    pain.update({k: v for k, v in extra.items() if k.startswith("pain")})
    answers = [
        {"exercise": b["exercise"], "completed_sets": b["sets"], **pain}
        for b in plan["program"]["blocks"]
    ]
    body: dict[str, Any] = {"plan": plan, "responses": answers}
    if "tests" in extra:
        body["tests"] = extra["tests"]
    out = client.post("/api/v1/review", json=body)
    assert out.status_code == 200, out.text
    doc: dict[str, Any] = out.json()
    return doc


@pytest.mark.parametrize("condition", CASES)
def test_each_condition_through_the_api(
    client: TestClient, catalogue: Catalogue, condition: str
) -> None:
    equipment, flag = CASES[condition]
    profile = profile_dict(conditions=[condition], equipment=equipment, side="right")
    plan = client.post("/api/v1/plan", json=profile).json()
    check_plan(plan, catalogue)
    assert plan["status"] == "ok"
    good = _review(client, plan)
    assert {d["action"] for d in good["decisions"]} == {"progress"}
    flare = _review(client, good["plan"], pain_during=6, pain_next_morning=3)
    assert {d["action"] for d in flare["decisions"]} == {"regress"}
    refer = client.post("/api/v1/plan", json={**profile, "red_flags": [flag]}).json()
    assert refer["status"] == "refer" and refer["program"] is None


def test_a_stage_moves_on_only_with_its_tests(client: TestClient, catalogue: Catalogue) -> None:
    profile = profile_dict(
        conditions=["patellar_tendinopathy"], equipment=["leg_extension_machine"], side="left"
    )
    plan = client.post("/api/v1/plan", json=profile).json()
    for _ in range(8):
        plan = _review(client, plan)["plan"]
        if plan["program"]["blocks"][0]["protocol"] == "patellar-heavy-slow":
            break
    for _ in range(3):
        plan = _review(client, plan)["plan"]
    held = _review(client, plan)
    assert held["decisions"][0]["action"] == "repeat"
    assert "decline squat" in held["decisions"][0]["reason"]
    sore = [{"test": "single-leg-decline-squat", "value": 5, "side": "left"}]
    assert _review(client, plan, tests=sore)["decisions"][0]["action"] == "repeat"
    eased = [{"test": "single-leg-decline-squat", "value": 2, "side": "left"}]
    moved = _review(client, plan, tests=eased)
    assert moved["decisions"][0]["action"] == "progress"
    check_plan(moved["plan"], catalogue)
    assert moved["plan"]["program"]["blocks"][0]["exercise"] == "jump-landing"
    bad = client.post(
        "/api/v1/review",
        json={"plan": plan, "responses": [], "tests": [{"test": "nope", "value": 1}]},
    )
    assert bad.status_code == 422 and bad.json()["field"] == "tests[0].test"
