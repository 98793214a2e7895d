"""Hostile request bodies and form fields against a real server: each is a 4xx naming the field,
never a 500 or a traceback, and nothing is saved."""

from __future__ import annotations

import http.client
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.support.profiles import profile_dict
from tests.support.servers import LiveServer

DEEP = "[" * 100_000 + "]" * 100_000
DIGITS = "9" * 5000


def _post(server: LiveServer, path: str, body: bytes | str, kind: str = "application/json",
          headers: dict[str, str] | None = None) -> tuple[int, str]:  # fmt: skip
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    data = body.encode() if isinstance(body, str) else body
    conn.request("POST", path, body=data, headers={"Content-Type": kind, **(headers or {})})
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, text


def _get(server: LiveServer, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, text


def _onboard(server: LiveServer) -> None:
    status, _ = _post(server, "/api/v1/onboard", json.dumps({"profile": profile_dict()}))
    assert status == 200


JSON_CASES: list[tuple[str, str, str]] = [
    ("/api/v1/plan", DEEP, "body"),
    ("/api/v1/review", '{"plan": ' + DEEP + "}", "body"),
    ("/api/v1/onboard", '{"profile": {"age": ' + DIGITS + "}}", "profile.age"),
    ("/api/v1/plan", '{"age": ' + DIGITS + "}", "age"),
    ("/api/v1/checkins", '{"pain": NaN, "stiffness": 2}', "pain"),
    ("/api/v1/checkins", '{"pain": 3, "stiffness": Infinity}', "stiffness"),
    ("/api/v1/bp", '{"systolic": -Infinity, "diastolic": 80}', "systolic"),
    ("/api/v1/bp", '{"systolic": 1e308, "diastolic": 80}', "systolic"),
    ("/api/v1/log", '{"uuid": "00000000-0000-4000-8000-000000000001", "exercise": "bird-dog", '
                    '"set_number": 1, "side": "left", "reps_done": 1, "hold_s": 5, '
                    '"load_value": 1e308}', "load_value"),
    ("/api/v1/log", '{"uuid": "00000000-0000-4000-8000-000000000002", "exercise": "bird-dog", '
                    '"set_number": 1, "side": "left", "reps_done": 1, "hold_s": NaN}', "hold_s"),
    ("/api/v1/log", '{"uuid": "00000000-0000-4000-8000-000000000003", "exercise": "bird-dog", '
                    '"set_number": 1, "side": "left", "reps_done": 1, "hold_s": 5, '
                    '"load_value": 50000}', "load_value"),  # as import refuses it
    ("/api/v1/desk/settings", '{"interval_min": NaN}', "interval_min"),
    ("/api/v1/desk/settings", '{"duration_s": 1e308}', "duration_s"),
    ("/api/v1/checkins", '{"pain": 3,\n "stiffness": }', "body"),
    ("/api/v1/progress", "[[[" * 40 + "]]]" * 40, "body" + "[0]" * 32),
]  # fmt: skip


def test_hostile_json_bodies_are_named_errors(live: LiveServer) -> None:
    _onboard(live)
    before = _get(live, "/api/v1/history")[1]
    for path, body, field in JSON_CASES:
        status, text = _post(live, path, body)
        assert status == 422, (path, body[:60], status, text[:200])
        answer = json.loads(text)
        assert answer["field"] == field, (path, body[:60], answer)
        assert "Traceback" not in text and len(text) < 2000
    assert _get(live, "/api/v1/history")[1] == before  # nothing was saved
    assert _get(live, "/api/v1/health") == (200, '{"status":"ok"}')


def test_a_plan_with_nan_is_refused_by_review(live: LiveServer) -> None:
    _, plan_text = _post(live, "/api/v1/plan", json.dumps(profile_dict()))
    plan = json.loads(plan_text)
    plan["program"]["blocks"][0]["hold_s"] = "@@"
    body = json.dumps({"plan": plan, "responses": []}).replace('"@@"', "NaN")
    status, text = _post(live, "/api/v1/review", body, kind="text/plain")
    assert status == 422
    assert json.loads(text)["field"] == "plan.program.blocks[0].hold_s"


def _csrf(server: LiveServer) -> tuple[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", "/start")
    response = conn.getresponse()
    response.read()
    cookie = response.headers["set-cookie"].split(";", 1)[0]
    conn.close()
    return cookie, cookie.split("=", 1)[1]


@pytest.mark.parametrize("age", ["²", "٣٠", "40.5", DIGITS, "-" + DIGITS, "nan", "1e308"])
def test_odd_numbers_in_the_onboarding_form(live: LiveServer, age: str) -> None:
    cookie, token = _csrf(live)
    form = {"csrf_token": token, "age": age, "conditions": "low_back_pain",
            "irritability": "moderate", "pain_now": "3", "equipment": "mat"}  # fmt: skip
    from urllib.parse import urlencode

    status, text = _post(live, "/start", urlencode(form), "application/x-www-form-urlencoded",
                         {"Cookie": cookie})  # fmt: skip
    assert status == 422, (age[:10], status)
    assert "age" in text and "Traceback" not in text
    assert DIGITS not in text
    assert _get(live, "/api/v1/today")[0] == 404


@pytest.mark.parametrize("pain", ["²", DIGITS, "nan", ""])
def test_odd_numbers_in_the_checkin_form(live: LiveServer, pain: str) -> None:
    _onboard(live)
    cookie, token = _csrf(live)
    from urllib.parse import urlencode

    body = urlencode({"csrf_token": token, "pain": pain, "stiffness": "2"})
    status, text = _post(live, "/checkin", body, "application/x-www-form-urlencoded",
                         {"Cookie": cookie})  # fmt: skip
    assert status == 422 and "pain" in text and DIGITS not in text


WS = "ws://127.0.0.1:8000/ws/force"


@pytest.mark.parametrize(
    ("sent", "field"),
    [(DEEP, "body"), ('{"run": "hold", "pct": NaN, "seconds": 10}', "pct"),
     ('{"run": "hold", "pct": 30, "seconds": Infinity}', "seconds"),
     ('{"run": "hold", "pct": ' + DIGITS + ', "seconds": 10}', "pct")],
)  # fmt: skip
def test_hostile_websocket_messages_are_error_messages(
    client: TestClient, sent: str, field: str
) -> None:
    client.post("/api/v1/onboard", json={"profile": profile_dict()})
    with client.websocket_connect(WS, headers={"origin": "http://127.0.0.1:8000"}) as ws:
        ws.send_text(sent)
        message: dict[str, Any] = ws.receive_json()
    assert message["type"] == "error" and message["field"] == field, message
    assert not re.search(r"Traceback|RecursionError", message["detail"])
