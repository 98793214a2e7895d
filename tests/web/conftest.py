"""Web fixtures: an app on a real SQLite file (TestClient), a real server (tests/support/
servers.py), and Debian's chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, sync_playwright

from isohold.services.context import open_context
from isohold.services.settings import Settings
from isohold.web.app import create_app
from tests.support.browser import ARGS, CHROMIUM
from tests.support.clocks import ShiftedClock
from tests.support.servers import LiveServer


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'web.db'}"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.fixture
def workday_client(tmp_path: Path) -> Iterator[TestClient]:
    """The app on a clock that starts at midday on a Monday (`ShiftedClock`)."""
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'web.db'}")
    ctx = ShiftedClock().drive(open_context(settings.db_url))
    with TestClient(create_app(settings, context=ctx), base_url="http://127.0.0.1:8000") as c:
        yield c
    ctx.close()


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    with LiveServer(tmp_path / "live.db") as server:
        yield server


@pytest.fixture
def workday_live(tmp_path: Path) -> Iterator[LiveServer]:
    """A live server on a clock that starts at midday on a Monday (`ShiftedClock`)."""
    with LiveServer(tmp_path / "live.db", clock=ShiftedClock()) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 800}, bypass_csp=False)
    pg = context.new_page()
    yield pg
    context.close()
