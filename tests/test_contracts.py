"""The JSON documents have exactly the keys and value types of DESIGN.md contracts 2 and 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from isohold.domain import vocabulary as v
from isohold.domain.models import Catalogue
from isohold.domain.prescription import prescribe
from tests.support.profiles import make_profile

PLAN_KEYS = {"schema", "status", "referral", "messages", "program"}
PROGRAM_KEYS = {"weeks", "sessions_per_week", "blocks", "tests", "microbreaks", "monitoring"}
BLOCK_KEYS = {
    "exercise", "protocol", "sets", "reps", "hold_s", "rest_between_reps_s", "rest_s", "side",
    "intensity", "intent", "joint_angle_deg", "muscle_length", "sources", "evidence",
}  # fmt: skip


def check_plan(doc: dict[str, Any], catalogue: Catalogue) -> None:
    assert set(doc) == PLAN_KEYS
    assert doc["schema"] == "isohold.plan/1"
    assert doc["status"] in ("ok", "caution", "refer")
    for m in doc["messages"]:
        assert set(m) == {"level", "code", "text"} and m["level"] in v.MESSAGE_LEVELS
    if doc["status"] == "refer":
        assert doc["referral"] is not None
    if doc["referral"] is not None:
        assert set(doc["referral"]) == {"urgency", "reasons", "message"}
        assert doc["referral"]["urgency"] in v.URGENCIES
    if doc["status"] == "refer":
        assert doc["program"] is None
        return
    if doc["referral"] is not None:  # a program with limits while a doctor is seen soon
        assert doc["status"] == "caution" and doc["referral"]["urgency"] in ("soon", "routine")
    prog = doc["program"]
    assert set(prog) == PROGRAM_KEYS
    assert isinstance(prog["weeks"], int) and isinstance(prog["sessions_per_week"], int)
    assert set(prog["monitoring"]) == {"model", "max_pain_during", "next_morning_check"}
    assert prog["monitoring"]["model"] == "pain-monitoring"
    for t in prog["tests"]:
        assert set(t) == {"test", "purpose"} and t["test"] in catalogue.tests
    if prog["microbreaks"] is not None:
        assert set(prog["microbreaks"]) == {"interval_min", "duration_s", "exercises"}
    for b in prog["blocks"]:
        assert set(b) == BLOCK_KEYS
        assert b["exercise"] in catalogue.exercises and b["protocol"] in catalogue.protocols
        assert all(isinstance(b[k], int) for k in ("sets", "reps"))
        assert all(isinstance(b[k], int | float) for k in ("hold_s", "rest_s"))
        assert b["side"] in v.BLOCK_SIDES and b["intent"] in v.INTENTS
        assert set(b["intensity"]) == {"kind", "value"}
        assert b["intensity"]["kind"] in v.INTENSITY_KINDS
        assert b["muscle_length"] in (*v.MUSCLE_LENGTHS, None)
        assert b["evidence"] in v.EVIDENCE and b["sources"]


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"red_flags": ["fever"]},
        {"conditions": ["desk_worker", "neck_pain"], "equipment": ["wall", "resistance_band"]},
        {"conditions": ["hypertension"], "resting_bp": {"systolic": 170, "diastolic": 90}},
        {"conditions": ["patellar_tendinopathy"], "equipment": ["leg_extension_machine"]},
    ],
)
def test_plan_documents_match_contract_2(catalogue: Catalogue, overrides: dict[str, Any]) -> None:
    check_plan(prescribe(make_profile(**overrides), catalogue).to_dict(), catalogue)


def test_the_openapi_document_describes_the_contract_bodies(tmp_path: Path) -> None:
    """Issue 19: /plan and /review publish real request schemas (the fuzz test sends them)."""
    from fastapi.testclient import TestClient

    from isohold.services.settings import Settings
    from isohold.web.app import create_app

    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'o.db'}"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        doc = c.get("/openapi.json").json()
    plan = doc["paths"]["/api/v1/plan"]["post"]["requestBody"]["content"]["application/json"]
    assert "low_back_pain" in plan["schema"]["properties"]["conditions"]["items"]["enum"]
    review = doc["paths"]["/api/v1/review"]["post"]["requestBody"]["content"]["application/json"]
    assert review["schema"]["required"] == ["plan", "responses"]
