"""Clinic mode's gate, in front of every route and WebSocket: who is asking (the session
cookie), what they may reach (services/access.py decides), and which person the request is
about (`storage.people.acting_person`, which every service's `require_person` reads).

A request without a valid session gets 401 on the API (and WebSocket handshakes are closed);
a page sends the browser to the sign-in page. A clinician's request under
`/api/v1/patients/{id}/...` is routed to the personal-mode route of the same name, acting on
that patient, and written to the audit log first.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from isohold.domain.errors import IsoholdError, NotAllowedError, NotFoundError
from isohold.services import access, signin
from isohold.services.context import Context
from isohold.web.cookies import cookie
from isohold.web.refuse import refuse

COOKIE = "isohold_session"
SIGN_IN_PAGE = "/signin"
ACCOUNT_PAGE = "/account"


def _page(scope: Scope, path: str) -> bool:
    """A page a browser asks for (not the API, not a WebSocket, nothing sent to it)."""
    return (
        scope["type"] == "http"
        and scope.get("method") in ("GET", "HEAD")
        and not (path.startswith("/api/"))
    )


def address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0])[:45] if client else ""


class ClinicMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if access.is_open(path):
            await self._run(scope, receive, send, access.NOBODY)
            return
        ctx: Context = scope["app"].state.ctx
        token = cookie(Headers(scope=scope), COOKIE)
        who = await run_in_threadpool(signin.resolve, ctx, token) if token else None
        if who is None:
            if _page(scope, path):
                await RedirectResponse(SIGN_IN_PAGE, status_code=303)(scope, receive, send)
                return
            await refuse(scope, receive, send, 401, signin.ENDED, None)
            return
        try:
            grant = await run_in_threadpool(access.authorize, ctx, who, path)
        except (NotAllowedError, NotFoundError) as error:
            if isinstance(error, NotAllowedError) and _page(scope, path) and who.staff:
                # a clinician or admin on a patient's page: their own page says what they do
                await RedirectResponse(ACCOUNT_PAGE, status_code=303)(scope, receive, send)
                return
            status = 403 if isinstance(error, NotAllowedError) else 404
            await refuse(scope, receive, send, status, str(error), None)
            return
        except IsoholdError as error:  # the database is unavailable: say so, do not guess
            await refuse(scope, receive, send, 503, str(error), None)
            return
        method = str(scope.get("method", "WEBSOCKET"))
        await run_in_threadpool(access.record_access, ctx, who, grant, method, path,
                                address(scope))  # fmt: skip
        scope = dict(scope)
        scope.setdefault("state", {})
        scope["state"] = {**scope["state"], "who": who}
        if grant.path != path:
            scope["path"] = grant.path
            scope["raw_path"] = grant.path.encode("utf-8")
        await self._run(scope, receive, send, grant.person_id)

    async def _run(self, scope: Scope, receive: Receive, send: Send, person: int) -> None:
        with access.acting(person):
            await self.app(scope, receive, send)
