"""Which Host headers the server answers (DNS-rebinding protection).

A web page at attacker.example can make its own name resolve to 127.0.0.1; the browser then
sends `Host: attacker.example` (and a matching Origin) to this server, so Origin checks alone
do not stop it. Every HTTP request and WebSocket handshake must name one of the allowed hosts,
exactly, with the server's port: the loopback names below, the address the server listens on
when it is another one, and the host name of its public address (`public_url`, where a proxy
or the default HTTPS port leaves the port out).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Collection
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from isohold.services.settings import Settings
from isohold.web.refuse import refuse

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def loopback_hosts(port: int) -> frozenset[str]:
    """`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT` (and the bare names on port 80, where
    browsers leave the port out)."""
    hosts = {f"{name}:{port}" for name in LOOPBACK_NAMES}
    if port == 80:
        hosts.update(LOOPBACK_NAMES)
    return frozenset(hosts)


def served_hosts(settings: Settings) -> frozenset[str]:
    """Every Host header the server answers: loopback, its own address (not a wildcard such
    as 0.0.0.0), and its public address with and without the port."""
    hosts = set(loopback_hosts(settings.port))
    bound = settings.bind_host
    if bound not in ("0.0.0.0", "::", ""):
        name = f"[{bound}]" if ":" in bound else bound
        hosts.add(f"{name}:{settings.port}")
        if settings.port == (443 if settings.tls_cert else 80):
            hosts.add(name)
    if settings.public_url is not None:
        public = urlsplit(settings.public_url)
        name = public.hostname or ""
        name = f"[{name}]" if _is_ipv6(name) else name
        default = 443 if public.scheme == "https" else 80
        port = public.port or default
        hosts.add(f"{name}:{port}")
        if port == default:
            hosts.add(name)
    return frozenset(h.lower() for h in hosts)


def _is_ipv6(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).version == 6
    except ValueError:
        return False


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
                             "this server answers only at its own address "
                             "(the Host header names another site)", "host")  # fmt: skip
                return
        await self.app(scope, receive, send)
