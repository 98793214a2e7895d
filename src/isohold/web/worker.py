"""The app of one server process when `isohold serve --workers N` runs several.

uvicorn starts each worker as a fresh process and calls `app()` there: the settings come back
from the environment the serving command exported (`Settings.environment`), and each worker
opens its own database connections at start-up. The database is already migrated by then (the
serving command opened it first), so workers only check that it is at the newest revision.
"""

from __future__ import annotations

from fastapi import FastAPI

from isohold.services.settings import Settings
from isohold.web.app import create_app


def app() -> FastAPI:
    return create_app(Settings.load(), server=True)
