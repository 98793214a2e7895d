"""The live force WebSocket through the app: origin checks, errors as messages, a saved run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from isohold.web.app import create_app
from isohold.web.settings import Settings
from tests.conftest import profile_dict

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


def test_a_non_loopback_host_is_refused(fast: TestClient) -> None:
    url = "ws://rebound.example:8000/ws/force"
    with (
        pytest.raises(WebSocketDisconnect),
        fast.websocket_connect(url, headers={"origin": "http://rebound.example:8000"}),
    ):
        pass


def test_bad_requests_get_an_error_message_naming_the_field(fast: TestClient) -> None:
    fast.post("/api/v1/onboard", json={"profile": profile_dict()})
    for sent, field in [("not json", None), ('{"run": "mvc", "device": "bt"}', "device"),
                        ('{"run": "hold", "pct": 30, "seconds": 30}', "mvc")]:  # fmt: skip
        with fast.websocket_connect(WS, headers=SAME) as ws:
            ws.send_text(sent)
            message = ws.receive_json()
        assert message["type"] == "error" and message["field"] == field, message
        assert "Traceback" not in message["detail"]


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
    assert 'aria-label="Rate of force development by test (N/s)"' in history
