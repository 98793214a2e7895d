"""A clinician's day in Debian's chromium against `isohold serve --clinic` (a subprocess):
sign in with a two-step code, see an alert on the patient list, open the patient, acknowledge
the alert, change a dose with a reason, approve the weekly review that waited; the patient
then sees who changed their plan and the new dose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyotp
from playwright.sync_api import Browser, Page

from isohold.catalogue import load_catalogue
from isohold.services import accounts, signin
from isohold.services.access import acting
from isohold.services.context import Context
from isohold.services.progress import weekly_review
from isohold.storage.database import open_database
from tests.serving.server import serving
from tests.support.browser import shoot
from tests.support.clinic import PASSWORD
from tests.support.clocks import FakeClock
from tests.support.workspace import session, week_ending_now

WAIT_MS = 120_000  # a hang guard, not a time budget


def _clinic(url: str) -> tuple[str, int]:
    """Dr Kim (two-step sign-in on; the TOTP secret is returned) and her patient Ana (account
    id returned): a week of training ending yesterday, a weekly review waiting for approval,
    and a session a stop rule ended."""
    real = Context(open_database(url), load_catalogue())  # the browser's clock
    try:
        accounts.create_user(real, role="clinician", email="kim@example.org", name="Dr Kim",
                             password=PASSWORD)  # fmt: skip
        ana = accounts.create_user(real, role="patient", email="ana@example.org", name="Ana",
                                   password=PASSWORD)  # fmt: skip
        accounts.link(real, "kim@example.org", "ana@example.org")
        _, who = signin.sign_in(real, "kim@example.org", PASSWORD, None, "127.0.0.1")
        secret = signin.totp_start(real, who).secret
        before = pyotp.TOTP(secret).at(real.utc() - timedelta(seconds=30))
        signin.totp_confirm(real, who, before, "127.0.0.1")
        person = accounts.persons_of(real, [ana.id])[ana.id]
    finally:
        real.close()
    week_ending_now(url, person, propose=True)
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2))
    past = Context(open_database(url), load_catalogue(),
                   now=lambda: clock().replace(tzinfo=None), utc=clock)  # fmt: skip
    try:
        with acting(person):
            assert weekly_review(past).proposal_id is not None
            assert session(past, pain=6) == "stopped"
    finally:
        past.close()
    return secret, ana.id


def test_a_clinician_acknowledges_edits_and_approves(
    tmp_path: Path, page: Page, browser: Browser
) -> None:
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    secret, ana = _clinic(url)
    with serving(url, "--clinic", home=tmp_path, workers=1) as served:
        base = f"http://{served.host}"
        page.set_default_timeout(WAIT_MS)
        page.goto(f"{base}/signin")
        page.get_by_label("E-mail address").fill("kim@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/account")
        page.get_by_role("link", name="Your patients").click()
        page.wait_for_url(f"{base}/patients")
        assert "A stop rule ended the session" in page.locator("main").inner_text()
        page.get_by_role("link", name="Ana").click()
        page.wait_for_url(f"{base}/patients/{ana}")
        shoot(page, "clinician-patient")
        page.get_by_role("button", name="Acknowledge").click()
        page.get_by_text("No open alerts.").wait_for()
        block = page.locator("details.edit-block", has_text="Change Bird dog")
        block.locator("summary").click()
        block.get_by_label("Hold, seconds").fill("20")
        block.get_by_role("button", name="Save Bird dog").click()
        page.get_by_role("alert").wait_for()  # refused: beyond the limits without a reason
        assert "field 'reason'" in page.get_by_role("alert").inner_text()
        block = page.locator("details.edit-block", has_text="Change Bird dog")
        block.locator("summary").click()
        block.get_by_label("Hold, seconds").fill("20")
        block.get_by_label("Reason").fill("Longer holds ease her pain")
        block.get_by_role("button", name="Save Bird dog").click()
        page.get_by_text("Changed by Dr Kim: Bird dog: hold 10 s → 20 s").wait_for()
        page.get_by_role("button", name="Approve").click()
        page.get_by_text("None waiting.").wait_for()
        assert "Approved by Dr Kim" in page.locator("main").inner_text()
        patient = browser.new_context(viewport={"width": 1024, "height": 800})
        try:
            mine = patient.new_page()
            mine.set_default_timeout(WAIT_MS)
            mine.goto(f"{base}/signin")
            mine.get_by_label("E-mail address").fill("ana@example.org")
            mine.get_by_label("Password").fill(PASSWORD)
            mine.get_by_role("button", name="Sign in").click()
            mine.wait_for_url(f"{base}/")
            said = mine.locator("#plan-change").inner_text()
            assert said.startswith("Dr Kim approved your weekly review")
            mine.goto(f"{base}/plan")
            bird_dog = mine.locator("article, li, section", has_text="Bird dog").last
            assert "20 s hold" in bird_dog.inner_text()
        finally:
            patient.close()
