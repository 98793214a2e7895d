"""The clinic site's own address (for links it hands out) and its session cookie."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from isohold.services import signin
from isohold.services.settings import Settings
from isohold.web.clinic import COOKIE


def site_url(request: Request) -> str:
    """Where people open the server: the public address when set (behind a proxy), else the
    address this request came to (its Host is one of the allowed hosts)."""
    settings: Settings = request.app.state.settings
    return settings.public_url or str(request.base_url).rstrip("/")


def set_session(response: Response, request: Request, token: str) -> None:
    """The session cookie as at sign-in: HttpOnly, SameSite=Strict, Secure over HTTPS."""
    settings: Settings = request.app.state.settings
    secure = bool(settings.tls_cert or settings.behind_proxy or request.url.scheme == "https")
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=secure,
                        path="/", max_age=int(signin.ABSOLUTE.total_seconds()))  # fmt: skip
