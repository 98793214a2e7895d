"""Security headers with a strict Content-Security-Policy (no inline script), and CSRF
protection on every state-changing request, in personal and clinic mode alike.

- Pages: a double-submit token. A random token lives in a SameSite=Strict cookie and must come
  back in the form field `csrf_token` or the `X-CSRF-Token` header (htmx sends it).
- Every state-changing request: when the browser says where it comes from, it must be this
  server itself: `Sec-Fetch-Site` same-origin (or none: typed by the person), an Origin of
  exactly this scheme, host and port.
- JSON API: a state-changing request must be `application/json` (a cross-site form cannot send
  that without a CORS preflight, which this app never grants). Every JSON body is checked strictly
  before a route sees it (no NaN, no 1e308, no absurd nesting: domain/strict_json.py).
- WebSockets (live force feedback): the handshake must carry an Origin header naming this
  server's own address (browsers always send one; cross-site pages cannot fake it), else the
  connection is refused with HTTP 403 before it opens.
- Every request and handshake must name an allowed Host (web/hosts.py), checked before this.
- Over HTTPS (TLS here, or a proxy's, web/proxy.py) every answer carries HSTS (the browser
  comes back only over HTTPS for a year) and the CSRF cookie is Secure. API answers are never
  cached (`Cache-Control: no-store`) unless a route says otherwise.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import parse_qs

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocketClose

from isohold.domain.errors import InputError
from isohold.domain.strict_json import loads
from isohold.web.cookies import cookie

COOKIE = "isohold_csrf"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
#: POST routes that compute without changing anything (contracts 2 and 3): no CSRF risk, and
#: other tools may call them with any JSON body
PURE = frozenset({"/api/v1/plan", "/api/v1/review"})

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'; manifest-src 'self'; worker-src 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), screen-wake-lock=(self)",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
HSTS = "max-age=31536000"
#: HEADERS as raw ASGI pairs, encoded once: every answer gets those it does not set itself
_RAW = tuple((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items())
_RAW_HSTS = (b"strict-transport-security", HSTS.encode("latin-1"))
#: API answers hold a person's health data: no browser or shared cache keeps them (a clinic's
#: computers are shared); the app's offline copy is the service worker's, which it stores itself
_RAW_NO_STORE = (b"cache-control", b"no-store")
#: what Sec-Fetch-Site may say on a state-changing request: from this origin, or the person's
#: own doing (a typed address, a bookmark)
OWN_FETCH = frozenset({"same-origin", "none"})


def token_for(request: Request) -> str:
    """The page's CSRF token (the cookie's, or a new one set on the response)."""
    token = request.cookies.get(COOKIE)
    if not token:
        token = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def secure(scope: Scope) -> bool:
    """The browser reached the server over HTTPS (or WSS)."""
    return scope.get("scheme") in ("https", "wss")


def _origin_ok(scope: Scope, headers: Headers) -> bool:
    """No Origin and no Sec-Fetch-Site (not a browser, or an old one), or both name this server:
    the same scheme, host and port."""
    if headers.get("sec-fetch-site", "same-origin") not in OWN_FETCH:
        return False
    origin = headers.get("origin")
    if origin is None:
        return True
    own = f"{'https' if secure(scope) else 'http'}://{headers.get('host', '')}"
    return origin.lower() == own.lower()


def _websocket_origin_ok(scope: Scope, headers: Headers) -> bool:
    """A present, same-origin Origin (guards against cross-site WebSocket hijacking); the Host
    itself is one of the allowed hosts (web/hosts.py: DNS rebinding)."""
    return headers.get("origin") is not None and _origin_ok(scope, headers)


class SecurityMiddleware:
    """Pure ASGI (it must read a form body and hand it on intact to the page's handler)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and not _websocket_origin_ok(scope, Headers(scope=scope)):
            await WebSocketClose(code=1008, reason="cross-site connection refused")(
                scope, receive, send
            )
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        new_cookie: list[str] = []

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", ()))
                ours = (*_RAW, _RAW_HSTS) if secure(scope) else _RAW
                if scope["path"].startswith("/api/"):
                    ours = (*ours, _RAW_NO_STORE)
                named = {name.lower() for name, _ in raw}
                raw.extend(pair for pair in ours if pair[0] not in named)
                state = scope.get("state") or {}
                token = state.get("new_csrf") if isinstance(state, dict) else None
                if token and not new_cookie:
                    new_cookie.append(token)
                    cookie = f"{COOKIE}={token}; HttpOnly; Path=/; SameSite=Strict"
                    if secure(scope):
                        cookie += "; Secure"
                    raw.append((b"set-cookie", cookie.encode("latin-1")))
                message = {**message, "headers": raw}
            await send(message)

        path = scope["path"]
        if scope["method"] in SAFE:
            await self.app(scope, receive, send_with_headers)
            return
        headers = Headers(scope=scope)
        body, replay = await _buffer(receive)  # at most the body limit (web/limits.py)
        refusal = None if path in PURE else _refusal(scope, headers, body)
        if refusal is None and path.startswith("/api/"):
            refusal = _unsafe_json(body, scope)
        if refusal is not None:
            await refusal(scope, replay, send_with_headers)
            return
        await self.app(scope, replay, send_with_headers)


async def _buffer(receive: Receive) -> tuple[bytes, Receive]:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


#: the scope key of the JSON body as parsed here (web/hot.py takes it instead of parsing again)
PARSED = "isohold.json"


def _unsafe_json(body: bytes, scope: Scope) -> ASGIApp | None:
    """A JSON body that no route may parse: not JSON, NaN or Infinity, nested too deeply,
    integers of thousands of digits or numbers like 1e308 (domain/strict_json.py). A body that
    passes is kept in the scope as parsed (PARSED)."""
    if not body.strip():
        return None
    try:
        scope[PARSED] = loads(body, "body", prefix=False)
    except InputError as error:
        return JSONResponse({"detail": str(error), "field": error.field}, status_code=422)
    return None


def _refusal(scope: Scope, headers: Headers, body: bytes) -> ASGIApp | None:
    if not _origin_ok(scope, headers):
        return PlainTextResponse("cross-site request refused", status_code=403)
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    if scope["path"].startswith("/api/"):
        # no body and no type (sign out, start TOTP set-up): nothing to parse, and a form from
        # another site always names its type
        bare = not body.strip() and "content-type" not in headers
        if kind != "application/json" and not bare:
            return JSONResponse(
                {"detail": "send JSON with Content-Type: application/json", "field": "body"},
                status_code=415,
            )
        return None
    token = cookie(headers, COOKIE)
    sent = headers.get(HEADER, "")
    if not sent and kind == "application/x-www-form-urlencoded":
        sent = parse_qs(body.decode("latin-1")).get(FIELD, [""])[0]
    if not token or not hmac.compare_digest(token.encode(), sent.encode()):
        return PlainTextResponse(
            "This form has expired. Go back, reload the page and try again.", status_code=403
        )
    return None
