"""Behind a reverse proxy (`--behind-proxy`): the proxy on this computer (Caddy, nginx) ends TLS
and passes each request on over loopback, saying in `X-Forwarded-Proto`, `X-Forwarded-For` and
`X-Forwarded-Host` what the browser used. Only a loopback peer is believed, and only when the
server is set up behind a proxy: anyone else could write those headers themselves.

Believed, they become the request's scheme (https: Secure cookies and HSTS), its client address
(throttling, the audit log) and its Host (the Host and Origin checks, web/hosts.py and
web/security.py). Each header's last value is the one the proxy wrote: a proxy appends to what
the browser sent.
"""

from __future__ import annotations

import contextlib
import ipaddress

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

SCHEMES = {"http": ("http", "ws"), "https": ("https", "wss")}


def loopback(client: tuple[str, int] | list[object] | None) -> bool:
    if not client:
        return False
    try:
        return ipaddress.ip_address(str(client[0])).is_loopback
    except ValueError:
        return False


def _last(value: str | None) -> str:
    return value.rsplit(",", 1)[-1].strip() if value else ""


class ProxyHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and loopback(scope.get("client")):
            scope = _forwarded(scope)
        await self.app(scope, receive, send)


def _forwarded(scope: Scope) -> Scope:
    headers = Headers(scope=scope)
    scope = dict(scope)
    proto = _last(headers.get("x-forwarded-proto")).lower()
    if proto in SCHEMES:
        scope["scheme"] = SCHEMES[proto][scope["type"] == "websocket"]
    address = _last(headers.get("x-forwarded-for"))
    with contextlib.suppress(ValueError):  # none, or not an address: the proxy's own stays
        scope["client"] = (str(ipaddress.ip_address(address)), 0)
    host = _last(headers.get("x-forwarded-host"))
    if host and host.isascii() and host.isprintable():
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k != b"host"]
        scope["headers"].append((b"host", host.encode("ascii")))
    return scope
