"""The desk-break JSON API: the status document, recording breaks (repeat-safe, every bad
field named), and settings."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from tests.support.clocks import ZONE
from tests.support.profiles import EXAMPLES


@pytest.fixture
def desk(workday_client: TestClient) -> TestClient:
    """A desk worker at midday on a Monday, breaks every 5 minutes through office hours."""
    client = workday_client
    profile = yaml.safe_load((EXAMPLES / "neck-pain-desk-worker.yaml").read_text())
    assert client.post("/api/v1/onboard", json={"profile": profile}).status_code == 200
    settings = {"tz": ZONE, "start": "09:00", "end": "17:00", "interval_min": 5,
                "work_days": ["mon", "tue", "wed", "thu", "fri"]}  # fmt: skip
    saved = client.post("/api/v1/desk/settings", json=settings)
    assert saved.status_code == 200 and saved.json()["tz"] == settings["tz"]
    return client


def _now(client: TestClient) -> datetime:
    """The app's clock (a ShiftedClock for `desk`, the wall clock for `client`)."""
    return client.app.state.ctx.utc()


def _break(client: TestClient, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "uuid": str(uuid.uuid4()), "outcome": "done",
        "due_at": _now(client).isoformat(), "holds": ["scapular-retraction-hold"], "pain": 1,
    }  # fmt: skip
    body.update(overrides)
    return body


def test_status_then_a_break_then_the_next_hold(desk: TestClient) -> None:
    doc = desk.get("/api/v1/desk").json()
    assert doc["due"] is True
    assert doc["status"]["holds"][0]["exercise"] == "scapular-retraction-hold"
    body = _break(desk)
    assert desk.post("/api/v1/desk/breaks", json=body).json() == {"saved": True}
    assert desk.post("/api/v1/desk/breaks", json=body).json() == {"saved": False}  # replay
    after = desk.get("/api/v1/desk").json()
    assert after["due"] is False
    assert after["status"]["holds"][0]["exercise"] == "shoulder-abduction-wall-press"
    assert after["weeks"][-1]["done"] == 1 and after["weeks"][-1]["worst_pain"] == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"outcome": "later"}, "outcome"),
        ({"pain": 11}, "pain"),
        ({"outcome": "skipped", "pain": 3}, "pain"),
        ({"due_at": "2026-11-22T10:00:00"}, "due_at"),
        ({"due_at": "0001-01-01T00:00:00+14:00"}, "due_at"),
        ({"uuid": "not-a-uuid"}, "uuid"),
        ({"holds": ["no-such-hold"]}, "holds"),
        ({"holds": ["neck-band-flexion-hold"]}, "holds"),  # a session block, not a break hold
        ({"holds": []}, "holds"),
        ({"pain": True}, "pain"),
    ],
)
def test_a_bad_break_names_its_field(
    desk: TestClient, overrides: dict[str, object], field: str
) -> None:
    answer = desk.post("/api/v1/desk/breaks", json=_break(desk, **overrides))
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field
    assert desk.get("/api/v1/desk").json()["weeks"][-1]["done"] == 0


def test_a_repeated_hold_is_one_hold(desk: TestClient, tmp_path: Path) -> None:
    body = _break(desk, holds=["scapular-retraction-hold"] * 3)
    assert desk.post("/api/v1/desk/breaks", json=body).json() == {"saved": True}
    with sqlite3.connect(tmp_path / "web.db") as conn:
        (holds,) = conn.execute("SELECT holds FROM desk_breaks").fetchone()
    assert json.loads(holds) == [{"exercise": "scapular-retraction-hold", "hold_s": 30.0}]


def test_bad_settings_are_refused_and_the_saved_ones_kept(desk: TestClient) -> None:
    before = desk.get("/api/v1/desk").json()["status"]["settings"]
    for body, field in [({"interval_min": "often"}, "interval_min"), ([1, 2], "settings"),
                        ({"end": "25:00"}, "end")]:  # fmt: skip
        answer = desk.post("/api/v1/desk/settings", json=body)
        assert answer.status_code == 422 and answer.json()["field"] == field
    assert desk.get("/api/v1/desk").json()["status"]["settings"] == before


def test_without_a_profile(client: TestClient) -> None:
    assert client.get("/api/v1/desk").status_code == 404
    assert client.get("/desk", follow_redirects=False).headers["location"] == "/start"
    stale = (_now(client) - timedelta(days=1)).isoformat()
    assert client.post("/api/v1/desk/breaks", json=_break(client, due_at=stale)).status_code == 404
