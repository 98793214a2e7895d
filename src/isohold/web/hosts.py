"""Which Host headers the server answers (DNS-rebinding protection).

A web page at attacker.example can make its own name resolve to 127.0.0.1; the browser then
sends `Host: attacker.example` (and a matching Origin) to this server, so Origin checks alone
do not stop it. Every HTTP request and WebSocket handshake must name one of the allowed hosts,
exactly, with the server's port: in personal mode the loopback names below. Clinic mode passes
its configured host to `create_app(allowed_hosts=...)`.
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from isohold.web.refuse import refuse

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def loopback_hosts(port: int) -> frozenset[str]:
    """`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT` (and the bare names on port 80, where
    browsers leave the port out)."""
    hosts = {f"{name}:{port}" for name in LOOPBACK_NAMES}
    if port == 80:
        hosts.update(LOOPBACK_NAMES)
    return frozenset(hosts)


class HostMiddleware:
    """Refuses (400, or a closed WebSocket) any request whose Host is not allowed."""

    def __init__(self, app: ASGIApp, allowed: Collection[str]) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = Headers(scope=scope).get("host", "").lower()
            if host not in self.allowed:
                await refuse(scope, receive, send, 400,
                             "this server answers only at its own loopback address "
                             "(the Host header names another site)", "host")  # fmt: skip
                return
        await self.app(scope, receive, send)
