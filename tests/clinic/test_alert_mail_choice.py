"""A clinician's choice to be e-mailed about new alerts, through the API and the account
page: off until they turn it on, their own (not another clinician's), audited, refused for
patients and admins, and refused with a clear message while no SMTP server is set up."""

from __future__ import annotations

from pathlib import Path

from isohold.services import audit
from tests.clinic.invite_support import small_clinic
from tests.support.clinic import START

ROUTE = "/api/v1/auth/alert-mail"
MAIL = {"smtp_host": "127.0.0.1", "smtp_port": 2525, "smtp_starttls": False,
        "smtp_sender": "clinic@example.org"}  # fmt: skip


def test_turned_on_and_off_through_the_api_and_the_page(tmp_path: Path, clinic_url: str) -> None:
    with small_clinic(tmp_path, clinic_url, **MAIL) as clinic:
        client = clinic.client
        clinic.sign_in("doc")
        assert client.get(ROUTE).json() == {"alert_mail": False, "mail_ready": True}
        on = client.put(ROUTE, json={"alert_mail": True})
        assert on.status_code == 200 and on.json() == {"alert_mail": True, "mail_ready": True}
        assert client.get(ROUTE).json()["alert_mail"] is True
        assert client.put(ROUTE, json={"alert_mail": "yes"}).status_code == 422
        page = client.get("/account").text
        assert 'name="alert_mail" value="yes" checked' in page and "no health data" in page
        off = client.post("/account/alert-mail", data={"csrf_token": clinic.csrf("/account")})
        assert off.status_code == 200 and "Alert e-mails are off" in off.text
        assert 'name="alert_mail" value="yes">' in off.text  # shown unticked
        assert client.get(ROUTE).json()["alert_mail"] is False
        form = {"csrf_token": clinic.csrf("/account"), "alert_mail": "yes"}
        again = client.post("/account/alert-mail", data=form)
        assert again.status_code == 200 and "You will be e-mailed" in again.text
        assert client.get(ROUTE).json()["alert_mail"] is True
        clinic.sign_in("otherdoc")  # each clinician's own
        assert client.get(ROUTE).json()["alert_mail"] is False
        for who in ("patient", "admin"):
            clinic.sign_in(who)
            assert client.get(ROUTE).status_code == 403, who
            assert client.put(ROUTE, json={"alert_mail": True}).status_code == 403, who
        rows = [(r["action"], r["route"]) for r in audit.since(clinic.ctx, START.date())
                if r["action"].startswith("alert-mail")]  # fmt: skip
        page_route = "POST /account/alert-mail"
        assert rows == [("alert-mail-on", f"PUT {ROUTE}"), ("alert-mail-off", page_route),
                        ("alert-mail-on", page_route)]  # fmt: skip


def test_without_an_smtp_server_it_cannot_be_turned_on(tmp_path: Path) -> None:
    with small_clinic(tmp_path) as clinic:
        client = clinic.client
        clinic.sign_in("doc")
        refused = client.put(ROUTE, json={"alert_mail": True})
        assert refused.status_code == 503 and "no SMTP server is set up" in refused.text
        assert client.get(ROUTE).json() == {"alert_mail": False, "mail_ready": False}
        assert client.put(ROUTE, json={"alert_mail": False}).status_code == 200
        page = client.get("/account").text
        assert "cannot send e-mail" in page and 'name="alert_mail"' not in page
        form = {"csrf_token": clinic.csrf("/account"), "alert_mail": "yes"}
        by_page = client.post("/account/alert-mail", data=form)
        assert by_page.status_code == 503 and "no SMTP server is set up" in by_page.text
        assert client.get(ROUTE).json()["alert_mail"] is False
        assert not [r for r in audit.since(clinic.ctx, START.date())
                    if r["action"].startswith("alert-mail")]  # fmt: skip
