"""The admin's pages over HTTP: the accounts list, a staff account made, a role changed, an
account disabled and enabled, an invitation for a clinician's list, the audit log filtered and
downloaded as CSV (with no cell a spreadsheet would run), CSRF on every form."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from isohold.services import audit
from isohold.web.clinic import COOKIE
from tests.clinic.invite_support import Clinic, small_clinic
from tests.support.clinic import PASSWORD, START


@pytest.fixture
def clinic(tmp_path: Path, clinic_url: str) -> Iterator[Clinic]:
    with small_clinic(tmp_path, clinic_url) as found:
        found.sign_in("admin")
        yield found


def _post(clinic: Clinic, path: str, **form: str):  # type: ignore[no-untyped-def]
    return clinic.client.post(path, data={"csrf_token": clinic.csrf("/admin"), **form})


def _row(page: str, email: str) -> str:
    found = re.search(rf"<tr>\s*<td>[^<]*</td><td>{re.escape(email)}</td>.*?</tr>", page, re.S)
    assert found is not None, email
    return found.group(0)


def test_the_accounts_list(clinic: Clinic) -> None:
    page = clinic.client.get("/admin")
    assert page.status_code == 200
    doc = _row(page.text, "doc@example.org")
    assert "<td>clinician</td>" in doc and "<td>on</td>" in doc and "never" in doc
    me = _row(page.text, "admin@example.org")
    assert "<td>off</td>" in me and "2026-11-30 12:00" in me and "Disable" not in me
    listed = clinic.client.get("/api/v1/accounts").json()
    mine = next(a for a in listed if a["email"] == "admin@example.org")
    assert mine["last_sign_in"] == "2026-11-30T12:00:00Z" and mine["disabled"] is False


def test_making_a_staff_account_and_changing_its_role(clinic: Clinic) -> None:
    form = {"role": "clinician", "name": "Kim Physio", "email": "kim@example.org",
            "password": "a long enough one"}  # fmt: skip
    made = _post(clinic, "/admin/accounts", **form)
    assert made.status_code == 200 and "Account made for Kim Physio" in made.text
    again = _post(clinic, "/admin/accounts", **form)
    assert again.status_code == 409 and "exists already" in again.text
    assert 'value="Kim Physio"' in again.text and "a long enough one" not in again.text
    patient = _post(clinic, "/admin/accounts", **{**form, "role": "patient", "email": "p@x.org"})
    assert patient.status_code == 422 and "invite a patient" in patient.text
    kim = next(a for a in clinic.client.get("/api/v1/accounts").json() if a["name"] == "Kim Physio")
    changed = _post(clinic, f"/admin/accounts/{kim['id']}/role", role="admin")
    assert changed.status_code == 200 and "Kim Physio is now admin" in changed.text
    wrong = _post(clinic, f"/admin/accounts/{clinic.ids['patient']}/role", role="admin")
    assert wrong.status_code == 422 and "patient" in wrong.text
    actions = [r["action"] for r in audit.since(clinic.ctx, START.date())]
    assert "create-clinician" in actions and "role-clinician-to-admin" in actions


def test_a_disabled_account_cannot_sign_in_until_enabled(clinic: Clinic) -> None:
    clinic.sign_in("patient")
    patient_session = clinic.client.cookies[COOKIE]
    clinic.sign_in("admin")
    patient = clinic.ids["patient"]
    done = _post(clinic, f"/admin/accounts/{patient}/disable")
    assert done.status_code == 200 and "cannot sign in" in done.text
    assert "disabled" in _row(done.text, "patient@example.org")
    admin_session = clinic.client.cookies[COOKIE]
    clinic.client.cookies.clear()
    clinic.client.cookies.set(COOKIE, patient_session)
    assert clinic.client.get("/api/v1/auth/me").status_code == 401
    clinic.client.cookies.clear()
    body = {"email": "patient@example.org", "password": PASSWORD}
    refused = clinic.client.post("/api/v1/auth/login", json=body)
    assert refused.status_code == 401 and "disabled" in refused.json()["detail"]
    wrong = clinic.client.post("/api/v1/auth/login", json={**body, "password": "not it at all"})
    assert "disabled" not in wrong.json()["detail"]  # told only with the right password
    clinic.client.cookies.clear()
    clinic.client.cookies.set(COOKIE, admin_session)
    itself = clinic.client.post(f"/api/v1/accounts/{clinic.ids['admin']}/disable", json={})
    assert itself.status_code == 422 and itself.json()["field"] == "account_id"
    enabled = clinic.client.post(f"/api/v1/accounts/{patient}/enable", json={})
    assert enabled.status_code == 200 and enabled.json()["disabled"] is False
    clinic.client.cookies.clear()
    assert clinic.client.post("/api/v1/auth/login", json=body).status_code == 200
    actions = [r["action"] for r in audit.since(clinic.ctx, START.date())]
    assert actions.count("account-disabled") == 1 and actions.count("account-enabled") == 1


def test_an_invitation_from_the_admin_page(clinic: Clinic) -> None:
    page = clinic.client.get("/admin")
    assert f'<option value="{clinic.ids["otherdoc"]}">' in page.text
    made = _post(clinic, "/admin/invitations", email="ana@example.org",
                 clinician_id=str(clinic.ids["otherdoc"]))  # fmt: skip
    assert made.status_code == 201 and "<svg" in made.text
    link = re.search(r"http://testserver/invite/([A-Za-z0-9_-]+)", made.text)
    assert link is not None
    clinic.client.cookies.clear()
    form = {"csrf_token": clinic.csrf(), "name": "Ana", "password": "ana's good password"}
    assert clinic.client.post(f"/invite/{link.group(1)}", data=form).status_code == 200
    clinic.sign_in("otherdoc")
    assert [p["name"] for p in clinic.client.get("/api/v1/patients").json()] == ["Ana"]


def test_the_audit_log_filtered_and_as_csv(clinic: Clinic) -> None:
    clinic.client.cookies.clear()
    sneaky = '=HYPERLINK("http://evil.example")@x.org'
    clinic.client.post("/api/v1/auth/login", json={"email": sneaky, "password": "whatever it is"})
    clinic.sign_in("doc")
    clinic.client.get(f"/api/v1/patients/{clinic.ids['patient']}")
    clinic.sign_in("admin")
    page = clinic.client.get("/admin/audit", params={"action": "sign-in"})
    assert page.status_code == 200 and "sign-in-failed" in page.text and "create-" not in page.text
    by_doc = clinic.client.get("/admin/audit", params={"actor": "DOC@example.org"})
    assert "doc@example.org" in by_doc.text and "admin@example.org" not in by_doc.text
    bad = clinic.client.get("/admin/audit", params={"since": "yesterday", "patient_id": "1"})
    assert bad.status_code == 422 and "since" in bad.text and "2026-11-30" in bad.text
    bad = clinic.client.get("/admin/audit", params={"patient_id": "one"})
    assert bad.status_code == 422 and "patient_id" in bad.text
    assert 'href="/admin/audit.csv?action=sign-in&amp;since=2026-10-31"' in page.text
    download = clinic.client.get("/admin/audit.csv", params={"action": "sign-in"})
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert {r["action"] for r in rows} == {"sign-in", "sign-in-failed"}
    failed = next(r for r in rows if r["action"] == "sign-in-failed")
    assert failed["actor_email"] == "'" + sneaky.lower()  # a spreadsheet shows it, never runs it
    json_rows = clinic.client.get("/api/v1/audit", params={"action": "export-audit"}).json()
    assert [r["actor_email"] for r in json_rows] == ["admin@example.org"]


def test_forms_need_the_csrf_token_and_the_admin_role(clinic: Clinic) -> None:
    sent = clinic.client.post("/admin/accounts/1/disable", data={})
    assert sent.status_code == 403
    assert 'href="/admin"' in clinic.client.get("/account").text
    clinic.sign_in("doc")
    account = clinic.client.get("/account").text
    assert 'href="/invitations"' in account and 'href="/admin"' not in account
    assert clinic.client.get("/admin", follow_redirects=False).headers["location"] == "/account"
    clinic.sign_in("patient")
    assert clinic.client.get("/admin").status_code == 403
    assert clinic.client.get("/admin/audit.csv").status_code == 403
