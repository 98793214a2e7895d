"""Security for single-user mode: headers with a strict Content-Security-Policy (no inline
script), and CSRF protection on every state-changing request.

- Pages: a double-submit token. A random token lives in a SameSite=Strict cookie and must come
  back in the form field `csrf_token` or the `X-CSRF-Token` header (htmx sends it).
- JSON API: a state-changing request must be `application/json` (a cross-site form cannot send
  that without a CORS preflight, which this app never grants) and, when the browser sends an
  Origin header, it must be this server's own origin.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

COOKIE = "isohold_csrf"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'; manifest-src 'self'; worker-src 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), screen-wake-lock=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
}

Next = Callable[[Request], Awaitable[Response]]


def token_for(request: Request) -> str:
    """The page's CSRF token (the cookie's, or a new one set on the response)."""
    token = request.cookies.get(COOKIE)
    if not token:
        token = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def _origin_ok(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


class SecurityMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Next) -> Response:
        if request.method not in SAFE:
            refused = await self._refuse(request)
            if refused is not None:
                return self._headers(refused)
        response = await call_next(request)
        new = getattr(request.state, "new_csrf", None)
        if new:
            response.set_cookie(COOKIE, new, httponly=True, samesite="strict", path="/")
        return self._headers(response)

    @staticmethod
    def _headers(response: Response) -> Response:
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @staticmethod
    async def _refuse(request: Request) -> Response | None:
        if not _origin_ok(request):
            return PlainTextResponse("cross-site request refused", status_code=403)
        if request.url.path.startswith("/api/"):
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind != "application/json":
                return JSONResponse(
                    {"detail": "send JSON with Content-Type: application/json", "field": "body"},
                    status_code=415,
                )
            return None
        cookie = request.cookies.get(COOKIE, "")
        sent = request.headers.get(HEADER, "")
        if not sent and "form" in request.headers.get("content-type", ""):
            form = await request.form()
            sent = str(form.get(FIELD, ""))
        if not cookie or not hmac.compare_digest(cookie, sent):
            return PlainTextResponse(
                "This form has expired. Go back, reload the page and try again.", status_code=403
            )
        return None
