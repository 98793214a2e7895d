"""Issue 10 through the JSON API: the same gate and escalation for every client."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from tests.support.profiles import EXAMPLES, profile_dict


def _onboard(client: TestClient, **overrides: object) -> None:
    response = client.post("/api/v1/onboard", json={"profile": profile_dict(**overrides)})
    assert response.status_code == 200, response.text


def test_after_a_referral_nothing_can_be_started(client: TestClient) -> None:
    _onboard(client, red_flags=["urinary_retention"])
    gate = client.get("/api/v1/gate").json()
    assert gate["code"] == "referral" and gate["urgency"] == "emergency"
    assert "emergency department" in gate["text"]
    started = client.post("/api/v1/sessions", json={"uuid": str(uuid.uuid4())})
    assert started.status_code == 409 and "emergency department" in started.json()["detail"]
    logged = client.post("/api/v1/log", json={"uuid": str(uuid.uuid4()), "exercise": "bird-dog",
                                              "set_number": 1, "side": "left", "reps_done": 4,
                                              "hold_s": 10})  # fmt: skip
    assert logged.status_code == 409
    today = client.get("/api/v1/today").json()
    assert today["session_due"] is False and today["gate"]["exercise_allowed"] is False


def test_a_very_high_reading_today_stops_desk_breaks_too(client: TestClient) -> None:
    profile = yaml.safe_load((EXAMPLES / "neck-pain-desk-worker.yaml").read_text())
    assert client.post("/api/v1/onboard", json={"profile": profile}).status_code == 200
    assert client.post("/api/v1/bp", json={"systolic": 184, "diastolic": 104}).status_code == 200
    status = client.get("/api/v1/desk").json()
    assert status["due"] is False and "no exercise today" in status["status"]["stopped"]
    done = {"uuid": str(uuid.uuid4()), "outcome": "done", "holds": ["scapular-retraction-hold"],
            "due_at": datetime.now(UTC).isoformat(), "pain": 1}  # fmt: skip
    assert client.post("/api/v1/desk/breaks", json=done).status_code == 409
    skipped = {**done, "uuid": str(uuid.uuid4()), "outcome": "skipped", "pain": None}
    assert client.post("/api/v1/desk/breaks", json=skipped).status_code == 200


def test_the_report_answers_with_the_escalation_verdict(client: TestClient) -> None:
    _onboard(client, pain_now=3)
    session = client.post("/api/v1/sessions", json={"uuid": str(uuid.uuid4())}).json()
    exercise = session["exercises"][0]["block"]["exercise"]
    url = f"/api/v1/sessions/{session['uuid']}/reports"
    calm = client.post(url, json={"exercise": exercise, "pain_during": 2, "effort": 4}).json()
    assert calm["verdict"] == {"action": "go_on", "text": ""}
    severe = client.post(url, json={"exercise": exercise, "pain_during": 8}).json()
    assert severe["verdict"]["action"] == "stop_severe" and "reassess" in severe["verdict"]["text"]
    warned = client.post(url, json={"exercise": exercise, "pain_during": 1, "warning": True})
    assert warned.json()["verdict"]["action"] == "stop_warning"
    assert session["stop_rules"]["severe_pain"] == 7


def test_a_severe_morning_flare_means_no_training_today(client: TestClient) -> None:
    _onboard(client, pain_now=3)
    answer = client.post("/api/v1/checkins", json={"pain": 9, "stiffness": 5}).json()
    assert "severe flare" in answer["advice"]
    gate = client.get("/api/v1/gate").json()
    assert gate["code"] == "no_exercise"
    assert client.post("/api/v1/sessions", json={"uuid": str(uuid.uuid4())}).status_code == 409


def test_pages_before_onboarding_and_unknown_addresses(client: TestClient) -> None:
    """Issue 18, finding 10: no coach that fails before onboarding, no terminal commands in
    web messages, and a page for an unknown address."""
    for path in ("/session", "/plan", "/desk", "/force", "/review", "/referral"):
        moved = client.get(path, follow_redirects=False)
        assert moved.status_code == 303 and moved.headers["location"] == "/start", path
    api = client.get("/api/v1/today")
    assert api.status_code == 404 and "isohold init" not in api.json()["detail"]
    assert "/start" in api.json()["detail"]
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "Page not found" in missing.text
    assert client.get("/api/v1/nothing").json() == {"detail": "Not Found"}


def test_the_service_worker_cache_follows_the_static_files(
    client: TestClient, tmp_path: Path
) -> None:
    from isohold.web.assets import static_version

    version = static_version()
    script = client.get("/sw.js").text
    assert f'const CACHE = "isohold-{version}"' in script
    assert f"/static/css/app.css?v={version}" in client.get("/exercises").text
    assert client.get("/static/js/queue.js").headers["cache-control"] == "no-cache"
    (tmp_path / "a.js").write_text("one")
    first = static_version(tmp_path)
    (tmp_path / "a.js").write_text("two")
    static_version.cache_clear()
    assert static_version(tmp_path) != first
