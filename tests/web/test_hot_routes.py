"""The two busiest API routes (web/hot.py) answer exactly as the documented routes would: the
same today document, the same set results, the same errors, and a today document that follows
every write made through the API."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from isohold.services import documents, today
from isohold.services.context import Context
from tests.support.profiles import profile_dict


def _onboarded(client: TestClient) -> str:
    assert client.post("/api/v1/onboard", json={"profile": profile_dict()}).status_code == 200
    started = client.post("/api/v1/sessions", json={"uuid": str(uuid.uuid4())})
    assert started.status_code == 200
    return str(started.json()["uuid"])


def _set(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "uuid": str(uuid.uuid4()), "exercise": "bird-dog", "set_number": 1, "side": "left",
        "reps_done": 4, "hold_s": 10,
    }  # fmt: skip
    body.update(overrides)
    return body


def test_the_hot_routes_come_first_and_stay_documented(client: TestClient) -> None:
    routes = client.app.router.routes  # type: ignore[attr-defined]
    paths = [getattr(r, "path", "") for r in routes[:2]]
    assert paths == ["/api/v1/today", "/api/v1/sessions/{session_uuid}/sets"]
    spec = client.get("/openapi.json").json()["paths"]
    assert "get" in spec["/api/v1/today"]
    assert "post" in spec["/api/v1/sessions/{session_uuid}/sets"]


def test_today_is_the_document_computed_from_scratch_after_each_write(
    client: TestClient,
) -> None:
    session = _onboarded(client)
    ctx: Context = client.app.state.ctx  # type: ignore[attr-defined]

    def fresh() -> dict[str, object]:
        return documents.today_document(today.today(Context(ctx.db, ctx.catalogue, now=ctx.now)))

    first = client.get("/api/v1/today")
    assert first.status_code == 200 and first.headers["content-type"] == "application/json"
    assert first.headers["x-content-type-options"] == "nosniff"  # security headers as ever
    assert first.json() == fresh() and first.json()["state"] == "resume"
    saved = client.post(f"/api/v1/sessions/{session}/sets", json=_set())
    assert saved.status_code == 200 and saved.json()["saved"] is True
    second = client.get("/api/v1/today").json()
    assert second == fresh() and second["sessions_this_week"] == 1
    client.post(f"/api/v1/sessions/{session}/finish", json={"status": "complete"})
    client.post("/api/v1/checkins", json={"pain": 2, "stiffness": 1})
    third = client.get("/api/v1/today").json()
    assert third == fresh() and third["state"] == "done" and third["checkin"] is not None


def test_a_set_is_saved_once_and_answered_as_before(client: TestClient) -> None:
    session = _onboarded(client)
    body = _set()
    first = client.post(f"/api/v1/sessions/{session}/sets", json=body)
    again = client.post(f"/api/v1/sessions/{session}/sets", json=body)
    assert first.json() == {"saved": True, "uuid": body["uuid"]}
    assert again.json() == {"saved": False, "uuid": body["uuid"]}


def test_bad_sets_get_the_same_errors(client: TestClient) -> None:
    session = _onboarded(client)
    url = f"/api/v1/sessions/{session}/sets"
    low = client.post(url, json=_set(set_number=0))
    assert low.status_code == 422 and low.json()["field"] == "set_number"
    assert "greater than or equal to 1" in low.json()["detail"]
    missing = client.post(url, json={"uuid": str(uuid.uuid4())})
    assert missing.status_code == 422 and missing.json()["field"] == "exercise"
    side = client.post(url, json=_set(side="up"))
    assert side.status_code == 422 and side.json()["field"] == "side"
    not_object = client.post(url, json=[1, 2])
    assert not_object.status_code == 422 and not_object.json()["field"] == "body"
    empty = client.post(url, content=b"", headers={"content-type": "application/json"})
    assert empty.status_code == 422 and empty.json()["field"] == "body"
    unknown = client.post(f"/api/v1/sessions/{uuid.uuid4()}/sets", json=_set())
    assert unknown.status_code == 404
    not_planned = client.post(url, json=_set(exercise="wall-sit"))
    assert not_planned.status_code == 422 and not_planned.json()["field"] == "exercise"
    assert client.get(url).status_code == 405


def test_today_before_a_profile_says_what_to_do(client: TestClient) -> None:
    out = client.get("/api/v1/today")
    assert out.status_code == 404 and "/start" in out.json()["detail"]
