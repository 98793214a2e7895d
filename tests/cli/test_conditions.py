"""The conditions and stages of issue 21 through the real `isohold plan` and `isohold review`:
each new condition's plan, a good week, a flare and its red flags; a stage that moves on only
with its tests met (`review --tests`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from isohold.domain.models import Catalogue
from tests.support.commands import Run
from tests.support.profiles import EXAMPLES
from tests.test_contracts import check_plan

#: example profile -> the first stage's protocol
EXAMPLES_BY_CONDITION = {
    "lateral-elbow.json": "elbow-holds",
    "gluteal-tendinopathy.yaml": "gluteal-holds",
    "shoulder-pain.json": "shoulder-holds",
    "knee-osteoarthritis.toml": "knee-oa-holds",
    "achilles-insertional-caution.json": "tendon-analgesia-achilles",
}
#: example profile -> a red flag its questions ask
FLAGS = {
    "lateral-elbow.json": "hot_swollen_joint",
    "gluteal-tendinopathy.yaml": "hot_swollen_joint",
    "shoulder-pain.json": "arm_weakness_after_injury",
    "knee-osteoarthritis.toml": "hot_swollen_joint",
    "achilles-insertional-caution.json": "tendon_rupture_signs",
}


def _plan(isohold: Run, tmp_path: Path, profile: Path) -> dict[str, Any]:
    out = isohold("plan", "-p", str(profile), "-f", "json")
    assert out.returncode == 0, out.stderr
    (tmp_path / "plan.json").write_text(out.stdout)
    doc: dict[str, Any] = json.loads(out.stdout)
    return doc


def _review(
    isohold: Run, tmp_path: Path, plan: dict[str, Any], *extra: str, **pain: int
) -> dict[str, Any]:
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    answers = [
        {
            "exercise": b["exercise"],
            "completed_sets": b["sets"],
            "pain_during": 1,
            "pain_next_morning": 2,
            "baseline_pain": 2,
            **pain,
        }
        for b in plan["program"]["blocks"]
    ]
    (tmp_path / "r.json").write_text(json.dumps({"responses": answers}))
    out = isohold("review", "--plan", "plan.json", "--responses", "r.json", *extra, "-f", "json")
    assert out.returncode == 0, out.stderr
    doc: dict[str, Any] = json.loads(out.stdout)
    return doc


@pytest.mark.parametrize("name", EXAMPLES_BY_CONDITION)
def test_each_condition_plans_its_holds_and_reviews_by_pain(
    isohold: Run, tmp_path: Path, catalogue: Catalogue, name: str
) -> None:
    plan = _plan(isohold, tmp_path, EXAMPLES / name)
    check_plan(plan, catalogue)
    assert {b["protocol"] for b in plan["program"]["blocks"]} >= {EXAMPLES_BY_CONDITION[name]}
    good = _review(isohold, tmp_path, plan)
    assert {d["action"] for d in good["decisions"]} == {"progress"}
    check_plan(good["plan"], catalogue)
    flare = _review(isohold, tmp_path, good["plan"], pain_during=6, pain_next_morning=3)
    assert {d["action"] for d in flare["decisions"]} == {"regress"}


@pytest.mark.parametrize("name", FLAGS)
def test_each_condition_s_red_flags_refer(isohold: Run, tmp_path: Path, name: str) -> None:
    text = (EXAMPLES / name).read_text()
    profile = tmp_path / f"flag{Path(name).suffix}"
    if name.endswith(".json"):
        raw = json.loads(text)
        raw["red_flags"] = [FLAGS[name]]
        profile.write_text(json.dumps(raw))
    else:
        profile.write_text(text.replace("red_flags = []", f'red_flags = ["{FLAGS[name]}"]')
                           .replace("red_flags: []", f"red_flags: [{FLAGS[name]}]"))  # fmt: skip
    doc = _plan(isohold, tmp_path, profile)
    assert doc["status"] == "refer" and doc["program"] is None
    assert FLAGS[name] in doc["referral"]["reasons"]


def test_a_stage_moves_on_only_with_its_tests(
    isohold: Run, tmp_path: Path, catalogue: Catalogue
) -> None:
    plan = _plan(isohold, tmp_path, EXAMPLES / "achilles-runner.json")
    for _ in range(12):  # holds to the top, then on to slow heel raises
        plan = _review(isohold, tmp_path, plan)["plan"]
        if {b["protocol"] for b in plan["program"]["blocks"]} == {"achilles-heavy-slow"}:
            break
    for _ in range(3):  # effort to the top of its range
        plan = _review(isohold, tmp_path, plan)["plan"]
    without = _review(isohold, tmp_path, plan)
    assert {d["action"] for d in without["decisions"]} == {"repeat"}
    assert "heel-rise test" in without["decisions"][0]["reason"]
    results = {"tests": [{"test": "heel-rise-count", "value": 22, "side": "left"},
                         {"test": "heel-rise-count", "value": 22, "side": "right"}]}  # fmt: skip
    (tmp_path / "tests.json").write_text(json.dumps(results))
    moved = _review(isohold, tmp_path, plan, "--tests", "tests.json")
    assert {d["action"] for d in moved["decisions"]} == {"progress"}
    check_plan(moved["plan"], catalogue)
    protocols = {b["protocol"] for b in moved["plan"]["program"]["blocks"]}
    assert protocols == {"achilles-springy"}
    text = isohold(
        "review", "--plan", "plan.json", "--responses", "r.json", "--tests", "tests.json"
    )
    assert "reps of about" in text.stdout  # moving exercises are dosed in reps, not holds


def test_bad_test_results_name_the_field(isohold: Run, tmp_path: Path) -> None:
    _plan(isohold, tmp_path, EXAMPLES / "achilles-runner.json")
    (tmp_path / "r.json").write_text('{"responses": []}')
    (tmp_path / "tests.json").write_text('{"tests": [{"test": "heel-rises", "value": 3}]}')
    out = isohold("review", "--plan", "plan.json", "-r", "r.json", "--tests", "tests.json")
    assert out.returncode == 2 and "tests[0].test" in out.stderr
