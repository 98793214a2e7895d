"""X-Forwarded-* (web/proxy.py): believed from a loopback peer behind a configured proxy, and
never from anyone else; the last value of each header is the proxy's."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.testclient import TestClient

from isohold.services.settings import Settings
from isohold.web.app import create_app
from isohold.web.proxy import ProxyHeadersMiddleware

FORWARDED = [(b"host", b"127.0.0.1:8000"), (b"x-forwarded-proto", b"http, https"),
             (b"x-forwarded-for", b"198.51.100.7, 203.0.113.9"),
             (b"x-forwarded-host", b"clinic.example.org")]  # fmt: skip


def _seen(client: tuple[str, int], headers: list[tuple[bytes, bytes]],
          kind: str = "http") -> dict[str, Any]:  # fmt: skip
    """The scope the app behind the middleware sees."""
    seen: dict[str, Any] = {}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.update(scope)

    scope = {"type": kind, "scheme": "ws" if kind == "websocket" else "http", "client": client,
             "headers": headers, "path": "/"}  # fmt: skip
    asyncio.run(ProxyHeadersMiddleware(app)(scope, None, None))  # type: ignore[arg-type]
    return seen


def test_a_loopback_proxy_is_believed() -> None:
    seen = _seen(("127.0.0.1", 50123), FORWARDED)
    assert seen["scheme"] == "https"
    assert seen["client"] == ("203.0.113.9", 0)
    assert dict(seen["headers"])[b"host"] == b"clinic.example.org"
    assert _seen(("::1", 50123), FORWARDED, "websocket")["scheme"] == "wss"


@pytest.mark.parametrize("peer", ["192.0.2.10", "10.0.0.5", "testclient"])
def test_anyone_else_is_not(peer: str) -> None:
    seen = _seen((peer, 50123), FORWARDED)
    assert seen["scheme"] == "http" and seen["client"] == (peer, 50123)
    assert dict(seen["headers"])[b"host"] == b"127.0.0.1:8000"


def test_values_that_are_not_an_address_or_a_scheme_change_nothing() -> None:
    seen = _seen(("127.0.0.1", 50123), [(b"host", b"127.0.0.1:8000"),
                                        (b"x-forwarded-proto", b"gopher"),
                                        (b"x-forwarded-for", b"not-an-address")])  # fmt: skip
    assert seen["scheme"] == "http" and seen["client"] == ("127.0.0.1", 50123)


def test_without_behind_proxy_the_app_believes_no_forwarded_header(tmp_path: Any) -> None:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'p.db'}"))
    with TestClient(app, base_url="http://127.0.0.1:8000", client=("127.0.0.1", 5000)) as c:
        answer = c.get("/api/v1/health", headers={"X-Forwarded-Proto": "https",
                                                  "X-Forwarded-Host": "evil.example"})  # fmt: skip
    assert answer.status_code == 200
    assert "strict-transport-security" not in answer.headers
