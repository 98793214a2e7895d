"""Clinic mode in Debian's chromium against `isohold serve --clinic` (a subprocess): a patient
signs in with a two-step code, sees today and the session page, and signs out; every page
then sends the browser back to sign-in."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pyotp
from playwright.sync_api import Page

from isohold.catalogue import load_catalogue
from isohold.services import accounts, onboarding, signin
from isohold.services.access import acting
from isohold.services.context import Context
from isohold.storage.database import open_database
from tests.serving.server import serving
from tests.support.clinic import PASSWORD
from tests.support.profiles import profile_dict


def _patient_with_totp(url: str) -> str:
    """A patient with a plan and two-step sign-in on; returns the TOTP secret. The enrolment
    uses the code of the step before this one, so the code shown now is still unused."""
    ctx = Context(open_database(url), load_catalogue())  # real clocks: the browser's time
    try:
        made = accounts.create_user(ctx, role="patient", email="ana@example.org", name="Ana",
                                    password=PASSWORD)  # fmt: skip
        with acting(accounts.persons_of(ctx, [made.id])[made.id]):
            onboarding.onboard(ctx, profile_dict())
        _, who = signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "127.0.0.1")
        secret = signin.totp_start(ctx, who).secret
        before = pyotp.TOTP(secret).at(ctx.utc() - timedelta(seconds=30))
        signin.totp_confirm(ctx, who, before, "127.0.0.1")
        return secret
    finally:
        ctx.close()


def test_sign_in_with_a_code_the_session_page_and_sign_out(tmp_path: Path, page: Page) -> None:
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    secret = _patient_with_totp(url)
    with serving(url, "--clinic", home=tmp_path, workers=1) as served:
        base = f"http://{served.host}"
        page.goto(f"{base}/")
        assert page.url == f"{base}/signin"
        page.get_by_label("E-mail address").fill("ana@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/")
        assert page.locator("h1").inner_text().startswith("Today")
        page.goto(f"{base}/session")
        assert page.locator("h1").first.inner_text() in ("Guided session", "No session today")
        page.goto(f"{base}/account")
        assert "Signed in as Ana (ana@example.org), patient." in page.locator("main").inner_text()
        page.get_by_role("button", name="Sign out", exact=True).click()
        page.wait_for_url(f"{base}/signin")
        page.goto(f"{base}/history")
        assert page.url == f"{base}/signin"
        cookies = {c["name"] for c in page.context.cookies()}
        assert "isohold_session" not in cookies
