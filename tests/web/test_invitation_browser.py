"""Inviting a patient in Debian's chromium against `isohold serve --clinic` (a subprocess): an
admin signs in, makes an invitation for a clinician's list on the admin page, and the patient
opens the link in another browser (their phone), chooses a name and a password and lands
signed in; the link then refuses a second use."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page

from isohold.catalogue import load_catalogue
from isohold.services import accounts
from isohold.services.context import Context
from isohold.storage.database import open_database
from tests.serving.server import serving
from tests.support.browser import axe_check, shoot
from tests.support.clinic import PASSWORD

#: hang guards, not time budgets
WAIT_MS = 120_000


def _staff(url: str) -> None:
    ctx = Context(open_database(url), load_catalogue())
    try:
        accounts.create_user(ctx, role="admin", email="boss@example.org", name="Sam Boss",
                             password=PASSWORD)  # fmt: skip
        accounts.create_user(ctx, role="clinician", email="kim@example.org", name="Kim Physio",
                             password=PASSWORD)  # fmt: skip
    finally:
        ctx.close()


def test_an_admin_invites_and_the_patient_joins(
    tmp_path: Path, page: Page, browser: Browser
) -> None:
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    _staff(url)
    with serving(url, "--clinic", home=tmp_path, workers=1) as served:
        base = f"http://{served.host}"
        page.goto(f"{base}/signin")
        page.get_by_label("E-mail address").fill("boss@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/account", timeout=WAIT_MS)
        page.goto(f"{base}/admin")
        page.get_by_label("Patient's e-mail address").fill("nia@example.org")
        page.get_by_label("Their clinician").select_option(label="Kim Physio (kim@example.org)")
        page.get_by_role("button", name="Make an invitation link").click()
        link = page.locator("code.invite-url")
        link.wait_for(timeout=WAIT_MS)
        assert page.locator(".qr svg").count() == 1
        shoot(page, "clinic-admin-invitation")
        invitation = link.inner_text().strip()
        assert invitation.startswith(f"{base}/invite/")
        axe_check(browser, invitation)  # the page the patient sees first

        phone = browser.new_context(viewport={"width": 390, "height": 844})
        try:
            patient = phone.new_page()
            patient.goto(invitation)
            assert "nia@example.org" in patient.locator("main").inner_text()
            patient.get_by_label("Your name").fill("Nia Patel")
            patient.get_by_label("Password").fill("nia's own good password")
            patient.get_by_role("button", name="Make my account").click()
            patient.wait_for_url(lambda at: "/invite/" not in at, timeout=WAIT_MS)
            patient.goto(f"{base}/account")
            main = patient.locator("main").inner_text()
            assert "Signed in as Nia Patel (nia@example.org), patient." in main
            again = patient.goto(invitation)
            assert again is not None and again.status == 410
            assert "used already" in patient.locator("main").inner_text()
        finally:
            phone.close()
    ctx = Context(open_database(url), load_catalogue())
    try:
        kim = next(a for a in accounts.everyone(ctx) if a.email == "kim@example.org")
        assert [p.email for p in accounts.patients(ctx, kim.id)] == ["nia@example.org"]
    finally:
        ctx.close()
