"""Helpers for tests in chromium: screenshots, the axe-core accessibility check, and talking
to the live server behind the page (the `browser` and `page` fixtures are in tests/web)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from tests.support.profiles import EXAMPLES
from tests.support.servers import LiveServer

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
AXE = ROOT / "tests" / "web" / "vendor" / "axe-core-4.14.1.min.js"
#: Debian's chromium, as `make system` installs it
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot. Chromium takes it by growing the viewport to the page's height,
    which leaves the page scrolled where the next click misses its target (seen: a form's
    submit button clicked on the form behind it); the scroll position is put back."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    where = page.evaluate("() => [window.scrollX, window.scrollY]")
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.evaluate("([x, y]) => window.scrollTo(x, y)", where)


def axe_check(browser: Browser, url: str) -> None:
    """axe-core needs its script injected, so it runs in a context that bypasses the CSP."""
    context = browser.new_context(bypass_csp=True)
    pg = context.new_page()
    pg.goto(url)
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{url}: {bad}"


def post_json(server: LiveServer, path: str, body: Any) -> Any:
    request = urllib.request.Request(
        server.url + path, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def rows(server: LiveServer, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(server.db) as conn:
        return conn.execute(sql).fetchall()


def onboard(server: LiveServer) -> None:
    profile = json.loads((EXAMPLES / "low-back-pain.json").read_text())
    post_json(server, "/api/v1/onboard", {"profile": profile})
