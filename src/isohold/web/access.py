"""The optional access token of personal mode: on a computer that several people log in to,
any local program could otherwise use the loopback server. With the token on, the server answers
only a browser that holds its access cookie, which a one-time link printed by `isohold serve`
sets (`/login?code=...`): the code works once, the cookie for as long as this server runs.

Open without the cookie, because none of them holds personal data: the health check, the
OpenAPI document, the plan and review calculations of contracts 2 and 3 (they save nothing),
the exercise catalogue, static files and the login link itself.
"""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path

from starlette.datastructures import Headers, QueryParams
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from isohold.web.cookies import cookie
from isohold.web.refuse import refuse

COOKIE = "isohold_access"
LOGIN = "/login"
OPEN = frozenset({"/api/v1/health", "/openapi.json", "/api/v1/plan", "/api/v1/review",
                  "/api/v1/exercises", "/favicon.ico"})  # fmt: skip
OPEN_PREFIXES = ("/static/", "/api/v1/exercises/")
#: the first uid of a person's account on Linux and most Unix systems
FIRST_HUMAN_UID = 1000
NO_LOGIN_SHELLS = ("nologin", "false", "sync", "shutdown", "halt")
NEEDS_LINK = (
    "This isohold server needs its access link: open the address `isohold serve` printed in "
    "the terminal (it signs this browser in)."
)
USED_LINK = (
    "This sign-in link has been used already or is wrong. Open the link that `isohold serve` "
    "printed, or restart it for a new one."
)


def human_users(passwd: Path = Path("/etc/passwd")) -> int:
    """How many people can log in here: accounts with uid >= 1000 (not `nobody`) and a login
    shell. 0 when the file cannot be read (not a Unix system)."""
    try:
        lines = passwd.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 0
    count = 0
    for line in lines:
        parts = line.split(":")
        if len(parts) < 7 or not (parts[2].isascii() and parts[2].isdigit()):
            continue
        uid, shell = int(parts[2]), parts[6].strip()
        if uid < FIRST_HUMAN_UID or uid == 65534 or not shell:
            continue
        if shell.rsplit("/", 1)[-1] not in NO_LOGIN_SHELLS:
            count += 1
    return count


def token_by_default(passwd: Path = Path("/etc/passwd")) -> bool:
    """The token is on by default when more than one person can log in to this computer."""
    return human_users(passwd) > 1


class AccessGate:
    """The secret cookie and the one-time code of the login link, made fresh for each run."""

    def __init__(self) -> None:
        self.token = secrets.token_urlsafe(32)
        self._code: str | None = secrets.token_urlsafe(32)

    def login_path(self) -> str:
        """The path of the one-time link (`/login?code=...`); empty once it has been used."""
        return "" if self._code is None else f"{LOGIN}?code={self._code}"

    def redeem(self, code: str) -> bool:
        """True (once) for the link's code."""
        if self._code is None or not hmac.compare_digest(code.encode(), self._code.encode()):
            return False
        self._code = None
        return True

    def admits(self, headers: Headers) -> bool:
        value = cookie(headers, COOKIE)
        return bool(value) and hmac.compare_digest(value.encode(), self.token.encode())


class AccessMiddleware:
    def __init__(self, app: ASGIApp, gate: AccessGate | None) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        gate = self.gate
        if gate is None or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if path == LOGIN and scope["type"] == "http":
            code = QueryParams(scope.get("query_string", b"")).get("code", "")
            if gate.redeem(code):
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(COOKIE, gate.token, httponly=True, samesite="strict",
                                    path="/")  # fmt: skip
                await response(scope, receive, send)
                return
            await refuse(scope, receive, send, 403, USED_LINK, None)
            return
        if path in OPEN or path.startswith(OPEN_PREFIXES) or gate.admits(Headers(scope=scope)):
            await self.app(scope, receive, send)
            return
        await refuse(scope, receive, send, 401, NEEDS_LINK, None)
