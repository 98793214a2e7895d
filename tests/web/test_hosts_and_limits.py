"""DNS rebinding and request size, through a real server on a free port.

A page at attacker.example that rebinds its name to 127.0.0.1 reaches the server with its own
name in the Host header (and a matching Origin): every route must refuse it. A request body
above the limit is refused with 413 before it is read, with or without a Content-Length.
"""

from __future__ import annotations

import http.client
import json
import socket
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from isohold.services.settings import Settings
from isohold.web.app import create_app
from isohold.web.hosts import loopback_hosts
from tests.support.profiles import profile_dict
from tests.support.servers import LiveServer

ROUTES = [
    ("GET", "/"), ("GET", "/start"), ("GET", "/history"), ("GET", "/api/v1/stats"),
    ("GET", "/api/v1/health"), ("GET", "/openapi.json"), ("GET", "/static/css/app.css"),
    ("GET", "/sw.js"), ("POST", "/api/v1/checkins"), ("POST", "/api/v1/onboard"),
    ("POST", "/api/v1/plan"),
]  # fmt: skip


def _request(
    server: LiveServer, method: str, path: str, host: str, body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, bytes]:  # fmt: skip
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host)
    for name, value in (headers or {}).items():
        conn.putheader(name, value)
    if body is not None:
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_a_rebound_host_is_refused_on_every_route(live: LiveServer, method: str, path: str) -> None:
    host = f"attacker.example:{live.port}"
    body = json.dumps({"pain": 3, "stiffness": 2}).encode() if method == "POST" else None
    headers = {"Origin": f"http://{host}", "Content-Type": "application/json"}
    status, data = _request(live, method, path, host, body, headers)
    assert status == 400, (path, status)
    assert b"pain" not in data and b"csrf" not in data.lower()


@pytest.mark.parametrize(
    "host", ["127.0.0.1.nip.io:{port}", "127.0.0.1:1", "localhost", "[::2]:{port}", "",
             "127.0.0.1:{port}@evil.example", "LOCALHOST.:{port}"],
)  # fmt: skip
def test_only_exact_loopback_names_with_the_port(live: LiveServer, host: str) -> None:
    status, _ = _request(live, "GET", "/api/v1/health", host.format(port=live.port))
    assert status == 400


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]", "LocalHost"])
def test_loopback_names_are_served(live: LiveServer, name: str) -> None:
    status, data = _request(live, "GET", "/api/v1/health", f"{name}:{live.port}")
    assert (status, json.loads(data)) == (200, {"status": "ok"})


def test_a_rebound_page_gets_no_csrf_token_and_cannot_onboard(live: LiveServer) -> None:
    host = f"attacker.example:{live.port}"
    status, data = _request(live, "GET", "/start", host)
    assert status == 400 and b"csrf_token" not in data
    body = json.dumps({"profile": profile_dict(red_flags=["saddle_anaesthesia"])}).encode()
    headers = {"Origin": f"http://{host}", "Content-Type": "application/json"}
    status, _ = _request(live, "POST", "/api/v1/onboard", host, body, headers)
    assert status == 400
    ok, _ = _request(live, "GET", "/api/v1/today", f"127.0.0.1:{live.port}")
    assert ok == 404  # nothing was saved


def test_a_rebound_websocket_is_refused(live: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", live.port), timeout=10) as sock:
        sock.sendall(
            b"GET /ws/force HTTP/1.1\r\nHost: attacker.example:%d\r\n"
            b"Origin: http://attacker.example:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            % (live.port, live.port)
        )
        answer = sock.recv(1024)
    assert not answer.startswith(b"HTTP/1.1 101")


def test_the_allowed_hosts_are_a_parameter_of_the_app(tmp_path: Path) -> None:
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'c.db'}")
    allowed = loopback_hosts(8000) | {"clinic.example:8000"}
    app = create_app(settings, allowed_hosts=allowed)
    with TestClient(app, base_url="http://clinic.example:8000") as clinic:
        assert clinic.get("/api/v1/health").status_code == 200
    with TestClient(app, base_url="http://other.example:8000") as other:
        assert other.get("/api/v1/health").status_code == 400


# --- request size ------------------------------------------------------------------------------

LIMIT = 1024 * 1024


@pytest.mark.parametrize("path", ["/api/v1/plan", "/api/v1/checkins", "/start", "/checkin",
                                  "/api/v1/desk/settings"])  # fmt: skip
def test_a_body_over_one_megabyte_is_refused_before_it_is_read(live: LiveServer, path: str) -> None:
    """The server answers 413 as soon as it sees the Content-Length: it never waits for (or
    reads) the body, which this client never sends."""
    with socket.create_connection(("127.0.0.1", live.port), timeout=10) as sock:
        sock.sendall(
            b"POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n{" % (path.encode(), live.port, LIMIT + 1)
        )
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:80]


def test_a_chunked_body_over_the_limit_is_refused(live: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", live.port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/plan HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" % live.port
        )
        chunk = b"x" * 65536
        try:
            for _ in range(LIMIT // len(chunk) + 2):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the server answered and closed while the client was still sending
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:80]


def test_a_body_under_the_limit_is_served(live: LiveServer) -> None:
    profile = profile_dict()
    profile["conditions"] = ["low_back_pain"]
    body = json.dumps(profile).encode()
    status, data = _request(live, "POST", "/api/v1/plan", f"127.0.0.1:{live.port}", body,
                            {"Content-Type": "application/json"})  # fmt: skip
    assert status == 200 and json.loads(data)["schema"] == "isohold.plan/1"


def test_the_limit_holds_for_cross_site_and_pure_routes(client: TestClient) -> None:
    big = b"[" + b"0," * (LIMIT // 2) + b"0]"
    for headers in ({}, {"Origin": "http://evil.example"}):
        out = client.post("/api/v1/review", content=big,
                          headers={"Content-Type": "text/plain", **headers})  # fmt: skip
        assert out.status_code == 413
        assert out.json()["field"] == "body"


def test_with_the_access_token_pages_api_and_websocket_need_the_cookie(tmp_path: Path) -> None:
    from starlette.websockets import WebSocketDisconnect

    settings = Settings(db_url=f"sqlite:///{tmp_path / 't.db'}", access_token=True)
    app = create_app(settings)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 401
        assert c.post("/api/v1/checkins", json={"pain": 3, "stiffness": 2}).status_code == 401
        assert c.get("/static/css/app.css").status_code == 200  # no personal data
        ws = "ws://127.0.0.1:8000/ws/force"
        origin = {"origin": "http://127.0.0.1:8000"}
        with pytest.raises(WebSocketDisconnect), c.websocket_connect(ws, headers=origin):
            pass
        link = app.state.access.login_path()
        assert c.get(link, follow_redirects=False).status_code == 303
        assert c.get("/").status_code == 200  # the cookie is kept by the client
        assert app.state.access.login_path() == ""  # used once
