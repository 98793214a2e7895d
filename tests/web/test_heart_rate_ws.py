"""The heart-rate WebSocket through the app: the first message parsed as a run (errors naming
the field), the wall-squat test refused while today's gate says so, messages during the test
(a bad one answered naming its field, the test going on), typed rates saving an angle, and the
live monitor with the band from the latest test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from isohold.services.settings import Settings
from isohold.web.app import create_app
from tests.support import home_bp
from tests.support.profiles import profile_dict

WS = "ws://127.0.0.1:8000/ws/heart-rate"
SAME = {"origin": "http://127.0.0.1:8000"}
HYPERTENSION = profile_dict(**home_bp.HYPERTENSION)


@pytest.fixture
def fast(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'w.db'}", time_scale=0.004))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        c.post("/api/v1/onboard", json={"profile": HYPERTENSION})
        yield c


def _first_answer(client: TestClient, sent: str) -> dict[str, Any]:
    with client.websocket_connect(WS, headers=SAME) as ws:
        ws.send_text(sent)
        answer: dict[str, Any] = ws.receive_json()
        return answer


def test_bad_first_messages_name_the_field(fast: TestClient) -> None:
    for sent, field in [
        ("not json", "body"),
        ("[1]", "body"),
        ('{"run": "race"}', "run"),
        ('{"run": "wall-squat-test", "device": 7}', "device"),
        ('{"run": "wall-squat-test", "device": "phone"}', "device"),
        ('{"run": "monitor", "device": "phone"}', "device"),
        ('{"run": "monitor", "exercise": "' + "x" * 200 + '"}', "exercise"),
    ]:
        answer = _first_answer(fast, sent)
        assert answer["type"] == "error" and answer["field"] == field, (sent, answer)


def test_the_test_waits_for_the_days_reading(fast: TestClient) -> None:
    answer = _first_answer(fast, '{"run": "wall-squat-test", "device": "simulated"}')
    assert answer["type"] == "error" and "Measure your resting blood pressure" in answer["detail"]


def test_typed_rates_during_the_test_set_the_angle_and_the_monitor_shows_the_band(
    fast: TestClient,
) -> None:
    fast.post("/api/v1/bp", json={"systolic": 132, "diastolic": 82})
    rates = {1: 80, 2: 90, 3: 100, 4: 110, 5: 120}
    typed: set[int] = set()
    errors = []
    with fast.websocket_connect(WS, headers=SAME) as ws:
        ws.send_json({"run": "wall-squat-test", "device": "none"})
        ready = ws.receive_json()
        assert ready["type"] == "ready" and ready["mode"] == "heart_rate"
        assert ready["device"] is None and len(ready["stages"]) == 5
        ws.send_json({"hr": 900})
        while (m := ws.receive_json())["type"] != "result":
            if m["type"] == "error":
                errors.append(m)
            if m["type"] == "frame" and m["stage"] not in typed and m["stage_remaining_s"] < 60:
                typed.add(m["stage"])
                ws.send_json({"hr": rates[m["stage"]]})
        result = m
    assert errors and errors[0]["field"] == "hr"
    assert typed == {1, 2, 3, 4, 5}
    assert result["stop"] == "complete" and result["saved"] is True
    assert [s["hr"] for s in result["stages"]] == [80, 90, 100, 110, 120]
    assert result["angle_deg"] == 101
    blocks = fast.get("/api/v1/today").json()["plan"]["program"]["blocks"]
    assert next(b["joint_angle_deg"] for b in blocks if b["exercise"] == "wall-sit") == 101

    with fast.websocket_connect(WS, headers=SAME) as ws:
        ws.send_json({"run": "monitor", "device": "simulated", "exercise": "wall-sit"})
        ready = ws.receive_json()
        assert ready["run"] == "monitor" and ready["band"]["target"] == 114
        beats = [ws.receive_json() for _ in range(5)]
    assert all(b["type"] == "beat" and 100 <= b["bpm"] <= 130 for b in beats), beats


def test_quitting_saves_nothing(fast: TestClient) -> None:
    fast.post("/api/v1/bp", json={"systolic": 132, "diastolic": 82})
    with fast.websocket_connect(WS, headers=SAME) as ws:
        ws.send_json({"run": "wall-squat-test", "device": "simulated"})
        assert ws.receive_json()["type"] == "ready"
        assert ws.receive_json()["type"] == "frame"
        ws.send_json({"stop": "quit"})
        while (m := ws.receive_json())["type"] != "result":
            pass
    assert m["stop"] == "quit" and m["saved"] is False and m["angle_deg"] is None
    assert fast.get("/api/v1/bp/test").json()["status"]["state"] == "not_done"


def test_the_monitor_follows_todays_gate(fast: TestClient) -> None:
    """The session page's live heart rate is for an exercise today's gate allows: not before
    the day's resting reading, not on a day with a reading that rules exercise out."""
    monitor = '{"run": "monitor", "device": "simulated", "exercise": "wall-sit"}'
    before = _first_answer(fast, monitor)
    assert before["type"] == "error" and before["detail"].startswith("Not today"), before
    fast.post("/api/v1/bp", json={"systolic": 132, "diastolic": 82})
    assert _first_answer(fast, monitor)["type"] == "ready"
    fast.post("/api/v1/bp", json={"systolic": 182, "diastolic": 112})
    after = _first_answer(fast, monitor)
    assert after["type"] == "error" and "no exercise today" in after["detail"], after
