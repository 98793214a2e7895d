"""Passkeys in Debian's chromium against `isohold serve --clinic`, with Chromium's virtual
authenticator (DevTools WebAuthn domain, user verification on): a patient signs in with their
password, adds a passkey on the account page, signs out, and signs in again with the passkey
alone."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from isohold.catalogue import load_catalogue
from isohold.services import accounts
from isohold.services.context import Context
from isohold.storage.database import open_database
from tests.serving.server import serving
from tests.support.browser import shoot
from tests.support.clinic import PASSWORD

#: a hang guard, not a time budget
WAIT_MS = 120_000


def test_add_a_passkey_and_sign_in_with_it(tmp_path: Path, page: Page) -> None:
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    ctx = Context(open_database(url), load_catalogue())
    try:
        accounts.create_user(ctx, role="patient", email="ana@example.org", name="Ana",
                             password=PASSWORD)  # fmt: skip
    finally:
        ctx.close()
    with serving(url, "--clinic", home=tmp_path, workers=1) as served:
        base = f"http://localhost:{served.port}"  # a passkey's site is a host name, not an IP
        devtools = page.context.new_cdp_session(page)
        devtools.send("WebAuthn.enable")
        devtools.send("WebAuthn.addVirtualAuthenticator", {"options": {
            "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
            "hasUserVerification": True, "isUserVerified": True,
            "automaticPresenceSimulation": True}})  # fmt: skip
        page.goto(f"{base}/signin")
        page.get_by_label("E-mail address").fill("ana@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(lambda at: "/signin" not in at, timeout=WAIT_MS)
        page.goto(f"{base}/account")
        page.get_by_label("Name for a new passkey").fill("Ana's laptop")
        page.get_by_role("button", name="Add a passkey").click()
        page.get_by_text("Ana's laptop, added").wait_for(timeout=WAIT_MS)
        shoot(page, "clinic-account-passkey")
        page.get_by_role("button", name="Sign out", exact=True).click()
        page.wait_for_url(f"{base}/signin", timeout=WAIT_MS)
        page.get_by_role("button", name="Use a passkey instead").click()
        page.wait_for_url(lambda at: "/signin" not in at, timeout=WAIT_MS)
        page.goto(f"{base}/account")
        assert "Signed in as Ana (ana@example.org), patient." in page.locator("main").inner_text()
        assert "last used" in page.locator("main").inner_text()
