"""`create_app(settings)`: builds the web app; nothing happens at import time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager, suppress
from importlib.metadata import version
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

from isohold.services.context import Context, open_context
from isohold.services.settings import Settings
from isohold.web import errors
from isohold.web.access import AccessGate, AccessMiddleware
from isohold.web.assets import STATIC
from isohold.web.hosts import HostMiddleware, served_hosts
from isohold.web.limits import BodyLimitMiddleware
from isohold.web.proxy import ProxyHeadersMiddleware
from isohold.web.security import SecurityMiddleware
from isohold.web.server_memory import settle_memory


class RevalidatedStatic(StaticFiles):
    """Static files the browser checks again on every use (a cheap 304 by ETag), so that ES
    modules imported by other modules never run an old version after an upgrade."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "no-cache"
        return response


def _alert_mail(ctx: Context, settings: Settings) -> asyncio.Task[None] | None:
    """A clinic server that can send e-mail looks for new alerts to e-mail to the clinicians
    who asked, every ISOHOLD_ALERT_MAIL_MINUTES; each worker process does, and the claims in
    the database keep each alert to one e-mail (services/alert_mail_sender.py)."""
    if not (settings.clinic and settings.mail_ready and settings.alert_mail_minutes):
        return None
    from isohold.services.alert_mail_sender import keep_sending

    return asyncio.create_task(keep_sending(ctx, settings, settings.alert_mail_minutes * 60.0))


def _alerts_ahead(ctx: Context, settings: Settings, server: bool) -> asyncio.Task[None] | None:
    """A clinic server works out every linked patient's alerts at start and after each
    midnight, so a clinician's first list of the day is quick (services/alerts_ahead.py)."""
    if not (server and settings.clinic):
        return None
    from isohold.services.alerts_ahead import keep_ahead

    return asyncio.create_task(keep_ahead(ctx))


def create_app(
    settings: Settings | None = None,
    context: Context | None = None,
    allowed_hosts: Collection[str] | None = None,
    *,
    server: bool = False,
) -> FastAPI:
    """Build the app. Pass `context` to share an open services context (tests, `isohold
    serve`); otherwise the database and catalogue are opened at start-up and closed at shutdown.

    `allowed_hosts`: the exact Host headers served (`name:port`); every other one is refused on
    every route (DNS rebinding). Default: the loopback names with `settings.port`, the address
    it listens on and its public address (web/hosts.py).

    `server`: this process serves the app until it ends (`isohold serve`): its memory is
    settled once started (web/server_memory.py).
    """
    settings = settings or Settings.load()
    settings.check()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = context is None
        app.state.ctx = context or open_context(
            settings.db_url, settings.catalogue_path, settings.tz
        )
        if server:
            settle_memory()
        app.state.alert_mail = _alert_mail(app.state.ctx, settings)
        app.state.alerts_ahead = _alerts_ahead(app.state.ctx, settings, server)
        tasks = [t for t in (app.state.alert_mail, app.state.alerts_ahead) if t is not None]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
            writer = getattr(app.state, "set_writer", None)
            if writer is not None:  # the sets waiting are written before the database closes
                del app.state.set_writer
                await asyncio.to_thread(writer.close)
            if owned:
                app.state.ctx.close()

    app = FastAPI(
        title="isohold",
        version=version("isohold"),
        summary="Evidence-based isometric exercise therapy: plans, guided holds, progress.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # no OpenTelemetry: nothing here exports it, and its check costs every request
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.state.settings = settings
    if context is not None:
        app.state.ctx = context
    app.add_middleware(SecurityMiddleware)
    app.state.access = AccessGate() if settings.access_token else None
    app.add_middleware(AccessMiddleware, gate=app.state.access)
    if settings.clinic:  # accounts: who asks, what they may reach and about whom (contract 6)
        from isohold.web.clinic import ClinicMiddleware

        app.add_middleware(ClinicMiddleware)
    # added last = runs first: the Host, then the body's size, before anything reads it
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    hosts = served_hosts(settings) if allowed_hosts is None else allowed_hosts
    app.add_middleware(HostMiddleware, allowed=frozenset(hosts))
    if settings.behind_proxy:  # first of all: the browser's scheme, address and host
        app.add_middleware(ProxyHeadersMiddleware)
    errors.install(app)
    from isohold.web.routes.api import router as api_router
    from isohold.web.routes.bp_api import api as bp_api
    from isohold.web.routes.desk import api as desk_api
    from isohold.web.routes.desk import router as desk_router
    from isohold.web.routes.force import router as force_router
    from isohold.web.routes.learn import api as learn_api
    from isohold.web.routes.learn import router as learn_router
    from isohold.web.routes.outcomes import api as outcomes_api
    from isohold.web.routes.outcomes import router as outcomes_router
    from isohold.web.routes.pages_main import router as pages_router
    from isohold.web.routes.pages_session import router as session_router
    from isohold.web.routes.reports import router as reports_router
    from isohold.web.routes.wall_squat import router as wall_squat_router

    app.include_router(api_router)
    if settings.clinic:
        from isohold.web.routes.clinic import router as clinic_router

        app.include_router(clinic_router)
        from isohold.web.routes.workspace import router as workspace_router

        app.include_router(workspace_router)
        from isohold.web.routes.account_pages import router as account_pages

        app.include_router(account_pages)
        from isohold.web.routes.invitations import router as invitations_api
        from isohold.web.routes.invite_pages import router as invite_pages

        app.include_router(invitations_api)
        app.include_router(invite_pages)
        from isohold.web.routes.password_reset import router as password_reset

        app.include_router(password_reset)
        from isohold.web.routes.admin_pages import router as admin_pages

        app.include_router(admin_pages)
        from isohold.web.routes.passkeys import router as passkeys_router

        app.include_router(passkeys_router)
        from isohold.web.routes.alert_mail import router as alert_mail_router

        app.include_router(alert_mail_router)
    app.include_router(bp_api)
    app.include_router(pages_router)
    app.include_router(session_router)
    app.include_router(reports_router)
    app.include_router(force_router)
    app.include_router(wall_squat_router)
    app.include_router(desk_api)
    app.include_router(desk_router)
    app.include_router(outcomes_api)
    app.include_router(outcomes_router)
    app.include_router(learn_api)
    app.include_router(learn_router)
    app.mount("/static", RevalidatedStatic(directory=STATIC), name="static")
    from isohold.web import hot

    app.router.routes[0:0] = hot.routes()  # matched first: the busiest two API routes
    return app
