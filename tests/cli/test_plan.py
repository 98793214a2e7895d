"""`isohold plan` and `isohold review` end to end through the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isohold.domain.models import Catalogue
from tests.support.commands import Run
from tests.support.profiles import EXAMPLES
from tests.test_contracts import check_plan

PROFILES = sorted(p for p in EXAMPLES.iterdir() if "responses" not in p.name)


def test_at_least_six_examples_ship() -> None:
    assert len(PROFILES) >= 6
    assert {p.suffix for p in PROFILES} >= {".json", ".yaml", ".toml"}


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_plan_json_for_every_example(isohold: Run, catalogue: Catalogue, profile: Path) -> None:
    out = isohold("plan", "--profile", str(profile), "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    check_plan(doc, catalogue)
    expected = {"red-flag": "refer", "caution": "caution"}
    want = next((s for k, s in expected.items() if k in profile.name), "ok")
    assert doc["status"] == want


def test_plan_text_is_readable(isohold: Run) -> None:
    out = isohold("plan", "-p", str(EXAMPLES / "patellar-tendon-athlete.toml"))
    assert out.returncode == 0, out.stderr
    for text in ("Status: OK", "Leg-extension", "70% of your maximum", "left side", "Breathe"):
        assert text.lower() in out.stdout.lower(), text


def test_referral_text_says_how_urgent(isohold: Run) -> None:
    out = isohold("plan", "-p", str(EXAMPLES / "red-flag-referral.json"))
    assert out.returncode == 0
    assert "REFER" in out.stdout and "emergency" in out.stdout


def test_profile_from_stdin(isohold: Run) -> None:
    text = (EXAMPLES / "low-back-pain.json").read_text()
    out = isohold("plan", "-p", "-", "-f", "json", stdin=text)
    assert out.returncode == 0 and json.loads(out.stdout)["status"] == "ok"


@pytest.mark.parametrize(
    ("content", "suffix", "needle"),
    [
        ('{"age": 40, "conditions": ["back"]}', ".json", "profile field 'conditions'"),
        ('{"age": 40,', ".json", "not valid JSON"),
        ("age = [", ".toml", "not valid TOML"),
        ("age: [40", ".yaml", "not valid YAML"),
        ("[1, 2]", ".json", "must be an object"),
    ],
)
def test_bad_profiles_fail_cleanly(
    isohold: Run, tmp_path: Path, content: str, suffix: str, needle: str
) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_text(content)
    out = isohold("plan", "--profile", str(path), "--format", "json")
    assert out.returncode == 2
    assert needle in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_unknown_value_lists_allowed_values(isohold: Run, tmp_path: Path) -> None:
    raw = json.loads((EXAMPLES / "low-back-pain.json").read_text())
    raw["irritability"] = "severe"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(raw))
    out = isohold("plan", "-p", str(path))
    assert out.returncode == 2
    assert "irritability" in out.stderr and "low, moderate, high" in out.stderr


def test_missing_file(isohold: Run) -> None:
    out = isohold("plan", "-p", "nowhere.json")
    assert out.returncode == 2 and "cannot read" in out.stderr


def test_bad_format_option(isohold: Run) -> None:
    out = isohold("plan", "-p", str(EXAMPLES / "low-back-pain.json"), "--format", "xml")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_review_round_trip(isohold: Run, tmp_path: Path, catalogue: Catalogue) -> None:
    plan = isohold("plan", "-p", str(EXAMPLES / "low-back-pain.json"), "-f", "json")
    (tmp_path / "plan.json").write_text(plan.stdout)
    responses = str(EXAMPLES / "week1-responses.json")
    out = isohold("review", "--plan", "plan.json", "--responses", responses, "-f", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["schema"] == "isohold.review/1"
    actions = {d["exercise"]: d["action"] for d in doc["decisions"]}
    assert actions == {
        "modified-curl-up": "progress",
        "side-plank": "repeat",
        "bird-dog": "regress",
    }
    check_plan(doc["plan"], catalogue)
    text = isohold("review", "--plan", "plan.json", "--responses", responses)
    assert "PROGRESS" in text.stdout and "REGRESS" in text.stdout


def test_review_bad_inputs(isohold: Run, tmp_path: Path) -> None:
    plan = isohold("plan", "-p", str(EXAMPLES / "low-back-pain.json"), "-f", "json")
    (tmp_path / "plan.json").write_text(plan.stdout)
    (tmp_path / "r.json").write_text('{"responses": [{"exercise": "bird-dog"}]}')
    out = isohold("review", "--plan", "plan.json", "--responses", "r.json")
    assert out.returncode == 2 and "responses[0].completed_sets" in out.stderr
    (tmp_path / "p2.json").write_text('{"schema": "isohold.plan/2"}')
    out = isohold("review", "--plan", "p2.json", "--responses", "r.json")
    assert out.returncode == 2 and "schema" in out.stderr
