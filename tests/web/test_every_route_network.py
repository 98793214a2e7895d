"""Every route of the app, as the router lists it (a new route is covered without a change
here), reached over HTTPS: each answer carries HSTS and the security headers, and every
state-changing route refuses a request that the browser says comes from another site, before
the route runs. The plan and review calculations (contracts 2 and 3) save nothing and stay open
to any caller."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Mount
from starlette.websockets import WebSocketDisconnect

from isohold.services.settings import Settings
from isohold.web.app import create_app
from isohold.web.security import HSTS, PURE

ORIGIN = "https://clinic.example.org"
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
FOREIGN = [{"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site", "Origin": ORIGIN},
           {"Origin": "https://evil.example"}, {"Origin": "http://clinic.example.org"}]  # fmt: skip


def _app(tmp_path: Path) -> FastAPI:
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'routes.db'}", public_url=ORIGIN)
    return create_app(settings)


@pytest.fixture
def https(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(_app(tmp_path), base_url=ORIGIN) as c:
        yield c


def _filled(path: str) -> str:
    """A concrete address for a route's pattern (any value: only the middleware is tested)."""
    return re.sub(r"\{[^}]+\}", "00000000-0000-4000-8000-000000000000", path)


def _effective(app: FastAPI) -> list[tuple[BaseRoute, str]]:
    """Every route with its full path, through the routers the app includes."""
    found = []
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is None:
            found.append((route, str(getattr(route, "path", ""))))
        else:
            found += [(c.original_route, c.path or str(getattr(c.original_route, "path", "")))
                      for c in contexts()]  # fmt: skip
    return [(route, path) for route, path in found if not isinstance(route, Mount)]


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    return [(method, path) for route, path in _effective(app)
            for method in sorted(getattr(route, "methods", None) or ())]  # fmt: skip


def test_every_answer_over_https_carries_hsts_and_the_security_headers(
    https: TestClient,
) -> None:
    routes = _routes(https.app)  # type: ignore[arg-type]  # the app under test
    assert len(routes) > 40
    for method, path in routes:
        if method != "GET":
            continue
        answer = https.get(_filled(path))
        assert answer.headers.get("strict-transport-security") == HSTS, path
        assert answer.headers.get("x-frame-options") == "DENY", path
        assert "content-security-policy" in answer.headers, path


def test_every_state_change_from_another_site_is_refused(https: TestClient) -> None:
    checked = 0
    for method, path in _routes(https.app):  # type: ignore[arg-type]
        if method not in UNSAFE or path in PURE:
            continue
        for headers in FOREIGN:
            answer = https.request(method, _filled(path), json={}, headers=headers)
            assert (answer.status_code, answer.text) == (403, "cross-site request refused"), (
                method, path, headers)  # fmt: skip
        checked += 1
    assert checked > 10


def test_every_websocket_refuses_another_site(https: TestClient) -> None:
    app: FastAPI = https.app  # type: ignore[assignment]
    sockets = [path for route, path in _effective(app) if "WebSocket" in type(route).__name__]
    assert sockets and all(sockets), sockets
    for path in sockets:
        for headers in FOREIGN:
            with (
                pytest.raises(WebSocketDisconnect) as refused,
                https.websocket_connect(path, headers={"Origin": ORIGIN, **headers}),
            ):
                pass
            assert refused.value.code == 1008, (path, headers)
