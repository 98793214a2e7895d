"""The JSON API and the app's security rules, through a real app on a real SQLite file."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue
from isohold.services.settings import Settings
from tests.test_contracts import check_plan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _profile(name: str = "low-back-pain.json") -> dict:
    return json.loads((EXAMPLES / name).read_text())


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/v1/plan", "/api/v1/review", "/api/v1/sessions/{session_uuid}/sets"):
        assert route in paths


def test_plan_and_review_contracts(client: TestClient, catalogue: Catalogue) -> None:
    plan = client.post("/api/v1/plan", json=_profile()).json()
    check_plan(plan, catalogue)
    responses = json.loads((EXAMPLES / "week1-responses.json").read_text())
    review = client.post("/api/v1/review", json={"plan": plan, "responses": responses}).json()
    assert review["schema"] == "isohold.review/1"
    assert {d["action"] for d in review["decisions"]} == {"progress", "repeat", "regress"}
    # the pure routes accept a JSON body whatever the content type says
    raw = client.post(
        "/api/v1/plan", content=json.dumps(_profile()), headers={"content-type": "text/plain"}
    )
    assert raw.status_code == 200


def test_bad_profile_names_the_field(client: TestClient) -> None:
    bad = _profile()
    bad["irritability"] = "severe"
    out = client.post("/api/v1/plan", json=bad)
    assert out.status_code == 422
    assert out.json()["field"] == "irritability"
    assert "low, moderate, high" in out.json()["detail"]


def test_a_session_through_the_api(client: TestClient) -> None:
    assert client.post("/api/v1/onboard", json={"profile": _profile()}).status_code == 200
    session_id = str(uuid.uuid4())
    start = client.post("/api/v1/sessions", json={"uuid": session_id}).json()
    assert start["uuid"] == session_id and len(start["exercises"]) == 3
    assert start["exercises"][0]["phases"][0]["kind"] == "ready"
    body = {"uuid": str(uuid.uuid4()), "exercise": "bird-dog", "set_number": 1, "side": "left",
            "reps_done": 4, "hold_s": 10}  # fmt: skip
    first = client.post(f"/api/v1/sessions/{session_id}/sets", json=body).json()
    again = client.post(f"/api/v1/sessions/{session_id}/sets", json=body).json()
    assert (first["saved"], again["saved"]) == (True, False)
    rep = {"exercise": "bird-dog", "pain_during": 2, "effort": 5}
    assert client.post(f"/api/v1/sessions/{session_id}/reports", json=rep).status_code == 200
    assert (
        client.post(f"/api/v1/sessions/{session_id}/finish", json={"status": "partial"}).status_code
        == 200
    )
    assert client.post("/api/v1/checkins", json={"pain": 3, "stiffness": 2}).json()["saved"]
    verdict = client.post("/api/v1/bp", json={"systolic": 185, "diastolic": 95}).json()
    assert verdict["verdict"]["code"] == "no_exercise"
    history = client.get("/api/v1/history").json()["sessions"]
    assert len(history) == 1 and len(history[0]["sets"]) == 1
    assert client.get("/api/v1/stats").json()["weeks"][-1]["sessions"] == 1
    today = client.get("/api/v1/today").json()
    # a session ended early is not "done"; after 185/95 today there is no exercise today
    assert today["done_today"] is False and today["state"] == "no_exercise"
    review = client.post("/api/v1/progress", json={"dry_run": True})
    assert review.status_code == 404 and "a week on this plan" in review.json()["detail"]


def test_api_errors_are_mapped(client: TestClient) -> None:
    assert client.get("/api/v1/today").status_code == 404
    client.post("/api/v1/onboard", json={"profile": _profile()})
    assert client.post("/api/v1/onboard", json={"profile": _profile()}).status_code == 409
    out = client.post("/api/v1/sessions/not-a-uuid/sets", json={
        "uuid": str(uuid.uuid4()), "exercise": "bird-dog", "set_number": 1, "side": "left",
        "reps_done": 1, "hold_s": 5})  # fmt: skip
    assert out.status_code == 422 and out.json()["field"] == "session"
    bad = client.post("/api/v1/checkins", json={"pain": 11, "stiffness": 2})
    assert bad.status_code == 422 and "pain" in bad.json()["field"]


def test_state_changing_api_needs_json_and_same_origin(client: TestClient) -> None:
    form = client.post("/api/v1/checkins", data={"pain": "3", "stiffness": "2"})
    assert form.status_code == 415
    cross = client.post("/api/v1/checkins", json={"pain": 3, "stiffness": 2},
                        headers={"Origin": "http://evil.example"})  # fmt: skip
    assert cross.status_code == 403


def test_page_forms_need_the_csrf_token(client: TestClient) -> None:
    page = client.get("/start")
    assert page.status_code == 200 and "isohold_csrf" in page.cookies
    refused = client.post("/checkin", data={"pain": "3", "stiffness": "2"})
    assert refused.status_code == 403
    token = page.cookies["isohold_csrf"]
    form = {"csrf_token": token, "age": "40", "conditions": "low_back_pain",
            "irritability": "moderate", "pain_now": "3", "equipment": "mat"}  # fmt: skip
    ok = client.post("/start", data=form, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/plan"


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.org"])
def test_non_loopback_hosts_are_refused(host: str) -> None:
    with pytest.raises(InputError, match="loopback"):
        Settings(host=host).check()


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_loopback_hosts_are_accepted(host: str) -> None:
    Settings(host=host).check()


def test_pages_render(client: TestClient) -> None:
    assert "Start" in client.get("/").text
    client.post("/api/v1/onboard", json={"profile": _profile()})
    paths = (
        "/", "/plan", "/session", "/history", "/exercises", "/exercises/side-plank",
        "/exercises?region=neck&equipment=resistance_band", "/manifest.webmanifest", "/sw.js",
    )  # fmt: skip
    for path in paths:
        assert client.get(path).status_code == 200, path
    assert client.get("/exercises/nope").status_code == 404
