"""The live force WebSocket through the app: origin checks, errors as messages, a saved run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from isohold.services.settings import Settings
from isohold.web.app import create_app
from tests.support.profiles import profile_dict

WS = "ws://127.0.0.1:8000/ws/force"
SAME = {"origin": "http://127.0.0.1:8000"}


@pytest.fixture
def fast(tmp_path: Path) -> Any:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'w.db'}", time_scale=0.004))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        yield c


def _until_end(ws: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    frames = []
    while (m := ws.receive_json())["type"] == "frame" or m["type"] == "ready":
        frames.append(m)
    return frames, m


@pytest.mark.parametrize("headers", [{}, {"origin": "http://evil.example"},
                                     {"origin": "null"}])  # fmt: skip
def test_cross_site_or_originless_connections_are_refused(fast: TestClient, headers: Any) -> None:
    with pytest.raises(WebSocketDisconnect) as refused, fast.websocket_connect(WS, headers=headers):
        pass
    assert refused.value.code == 1008


@pytest.mark.parametrize("host", ["rebound.example", "127.evil.example", "127.0.0.1.nip.io"])
def test_a_non_loopback_host_is_refused(fast: TestClient, host: str) -> None:
    url = f"ws://{host}:8000/ws/force"
    with (
        pytest.raises(WebSocketDisconnect),
        fast.websocket_connect(url, headers={"origin": f"http://{host}:8000"}),
    ):
        pass


def test_bad_requests_get_an_error_message_naming_the_field(fast: TestClient) -> None:
    fast.post("/api/v1/onboard", json={"profile": profile_dict()})
    huge = '{"run": "hold", "pct": 1' + "0" * 400 + ', "seconds": 10}'
    for sent, field in [("not json", "body"), ('{"run": "mvc", "device": "bt"}', "device"),
                        ('{"run": "hold", "pct": 30, "seconds": 30}', "mvc"), (huge, "pct"),
                        (b"\x00binary", "body")]:  # fmt: skip
        with fast.websocket_connect(WS, headers=SAME) as ws:
            if isinstance(sent, bytes):
                ws.send_bytes(sent)
            else:
                ws.send_text(sent)
            message = ws.receive_json()
        assert message["type"] == "error" and message["field"] == field, message
        assert "Traceback" not in message["detail"]


def _refusal(fast: TestClient, run: dict[str, Any]) -> str | None:
    with fast.websocket_connect(WS, headers=SAME) as ws:
        ws.send_json({**run, "device": "simulated"})
        first = ws.receive_json()
    return first["detail"] if first["type"] == "error" else None


def test_force_runs_follow_the_plans_safety_rules(tmp_path: Path) -> None:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'bp.db'}", time_scale=0.004))
    with TestClient(app, base_url="http://127.0.0.1:8000") as fast:
        # resting BP above the gate and not cleared: heavy work waits, light holds are fine
        raised = profile_dict(conditions=["hypertension"], goals=["blood_pressure"],
                              resting_bp={"systolic": 165, "diastolic": 95},
                              equipment=["wall", "handgrip_dynamometer"])  # fmt: skip
        assert fast.post("/api/v1/onboard", json={"profile": raised}).status_code == 200
        assert "maximal efforts" in (_refusal(fast, {"run": "mvc"}) or "")
        from isohold.services.force import save_mvc

        save_mvc(app.state.ctx, [300.0])
        assert "70% of MVC" in (_refusal(fast, {"run": "hold", "pct": 70, "seconds": 5}) or "")
        assert _refusal(fast, {"run": "hold", "pct": 30, "seconds": 5}) is None
        page = fast.get("/force").text
        assert "Maximal efforts and holds at 70% of MVC or more wait today" in page


def test_after_a_referral_there_are_no_force_runs(tmp_path: Path) -> None:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'ref.db'}", time_scale=0.004))
    with TestClient(app, base_url="http://127.0.0.1:8000") as fast:
        flagged = profile_dict(red_flags=["saddle_anaesthesia"])
        assert fast.post("/api/v1/onboard", json={"profile": flagged}).status_code == 200
        assert "emergency department" in (_refusal(fast, {"run": "mvc"}) or "")
        moved = fast.get("/force", follow_redirects=False)  # to the referral, and nothing else
        assert moved.headers["location"] == "/referral"
        page = fast.get("/force")
        assert page.status_code == 200 and "Go to an emergency department now" in page.text
        assert 'id="force-start' not in page.text


def test_page_needs_a_profile_then_runs_are_saved(fast: TestClient) -> None:
    assert fast.get("/force", follow_redirects=False).headers["location"] == "/start"
    fast.post("/api/v1/onboard", json={"profile": profile_dict()})
    page = fast.get("/force").text
    assert "No MVC saved yet." in page and re.search(r'id="force-start-hold"[^>]*disabled', page)
    with fast.websocket_connect(WS, headers=SAME) as ws:
        ws.send_json({"run": "mvc", "device": "simulated"})
        frames, result = _until_end(ws)
    assert frames[0]["type"] == "ready" and frames[0]["efforts"] == 3
    assert result["type"] == "result" and len(result["efforts_n"]) == 3
    with fast.websocket_connect(WS, headers=SAME) as ws:
        ws.send_json({"run": "hold", "pct": 25, "seconds": 8})
        frames, result = _until_end(ws)
    assert frames[0]["band_pct"] == 5 and frames[0]["mvc_n"] == pytest.approx(result["mvc_n"])
    assert {f["phase"] for f in frames[1:]} == {"get-ready", "hold"}
    assert result["run"] == "hold" and 6 < result["time_in_band_s"] <= 8
    page = fast.get("/force").text
    assert f"Your latest MVC: {result['mvc_n']:.0f} N" in page
    history = fast.get("/history").text
    assert "Strength: MVC and rate of force development" in history
    assert "Rate of force development by test, newtons per second</figcaption>" in history
    assert '<span class="chart-unit" title="unit of the vertical axis">N/s</span>' in history


def test_a_hold_above_the_blood_pressure_dose_carries_a_caution(tmp_path: Path) -> None:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'bp.db'}", time_scale=0.004))
    with TestClient(app, base_url="http://127.0.0.1:8000") as fast:
        cleared = profile_dict(conditions=["hypertension"], goals=["blood_pressure"],
                               resting_bp={"systolic": 138, "diastolic": 86}, bp_cleared=True,
                               equipment=["handgrip_dynamometer"])  # fmt: skip
        assert fast.post("/api/v1/onboard", json={"profile": cleared}).status_code == 200
        from isohold.services.force import save_mvc

        save_mvc(app.state.ctx, [300.0])
        notes = {}
        for pct in (30, 45):
            with fast.websocket_connect(WS, headers=SAME) as ws:
                ws.send_json({"run": "hold", "pct": pct, "seconds": 5, "device": "simulated"})
                notes[pct] = ws.receive_json()["note"]
        assert notes[30] is None
        assert "above the 30% of MVC your plan sets for blood-pressure training" in notes[45]
