"""Invitation links over HTTP: a clinician or admin makes one, the patient opens it once,
chooses a name and password and lands signed in, linked to the clinician. Expired, reused,
changed and withdrawn links are refused with their reason; only staff invite, a clinician
only into their own list; making and using a link are audited."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from isohold.services import audit
from isohold.storage.clinic_models import AccountLink
from tests.clinic.invite_support import Clinic, small_clinic
from tests.support.clinic import START

NEW = "new.patient@example.org"


@pytest.fixture
def clinic(tmp_path: Path, clinic_url: str) -> Iterator[Clinic]:
    with small_clinic(tmp_path, clinic_url) as found:
        yield found


def _invite(clinic: Clinic, who: str = "doc", **body: object) -> dict[str, object]:
    clinic.sign_in(who)
    answer = clinic.client.post("/api/v1/invitations", json={"email": NEW, **body})
    assert answer.status_code == 201, answer.text
    found: dict[str, object] = answer.json()
    return found


def _token(made: dict[str, object]) -> str:
    return str(made["url"]).rsplit("/", 1)[1]


def _accept(clinic: Clinic, token: str, password: str = "a fine long password"):  # type: ignore[no-untyped-def]
    clinic.client.cookies.clear()
    form = {"csrf_token": clinic.csrf(), "name": "Nia Patel", "password": password}
    return clinic.client.post(f"/invite/{token}", data=form, follow_redirects=False)


def test_an_invited_patient_joins_once_signed_in_and_linked(clinic: Clinic) -> None:
    made = _invite(clinic)
    url = str(made["url"])
    assert url.startswith("http://testserver/invite/") and "<svg" in str(made["qr_svg"])
    assert [i["email"] for i in clinic.client.get("/api/v1/invitations").json()] == [NEW]
    with clinic.ctx.db.reading() as s:  # only the hash is kept
        stored = s.query(AccountLink).one()
        assert _token(made) not in (stored.token_hash, stored.email)
    clinic.client.cookies.clear()
    page = clinic.client.get(f"/invite/{_token(made)}")
    assert page.status_code == 200 and NEW in page.text
    weak = _accept(clinic, _token(made), "short")
    assert weak.status_code == 422 and "password" in weak.text and "at least 8" in weak.text
    done = _accept(clinic, _token(made))
    assert (done.status_code, done.headers["location"]) == (303, "/")
    me = clinic.client.get("/api/v1/auth/me").json()
    assert (me["email"], me["role"], me["name"]) == (NEW, "patient", "Nia Patel")
    again = _accept(clinic, _token(made))
    assert again.status_code == 410 and "used already" in again.text
    assert clinic.client.get(f"/invite/{_token(made)}").status_code == 410
    clinic.sign_in("doc")
    assert NEW in [p["email"] for p in clinic.client.get("/api/v1/patients").json()]
    assert clinic.client.get("/api/v1/invitations").json() == []
    rows = audit.since(clinic.ctx, START.date())
    created = [r for r in rows if r["action"] == "invitation-created"]
    used = [r for r in rows if r["action"] == "invitation-used"]
    assert [r["actor_email"] for r in created] == ["doc@example.org"]
    assert [(r["actor_email"], r["patient_id"]) for r in used] == [(NEW, me["id"])]


def test_an_expired_link_is_refused_with_its_date(clinic: Clinic) -> None:
    token = _token(_invite(clinic))
    clinic.clock.advance(days=7)
    clinic.client.cookies.clear()
    page = clinic.client.get(f"/invite/{token}")
    assert page.status_code == 410 and "expired at 12:0" in page.text
    assert "7 December 2026" in page.text
    assert _accept(clinic, token).status_code == 410
    clinic.sign_in("doc")
    assert clinic.client.get("/api/v1/patients").json() == []


def test_a_changed_or_cut_link_is_not_valid(clinic: Clinic) -> None:
    token = _token(_invite(clinic))
    changed = ("A" if token[0] != "A" else "B") + token[1:]
    clinic.client.cookies.clear()
    for bad in (changed, token[:-1], token + "x", "%00"):
        page = clinic.client.get(f"/invite/{bad}")
        assert page.status_code in (400, 404), bad
        if page.status_code == 400:
            assert "not complete or has been changed" in page.text
        assert _accept(clinic, changed).status_code == 400
    assert clinic.client.get(f"/invite/{token}").status_code == 200  # the real one still works


def test_a_withdrawn_link_and_whose_list_it_is(clinic: Clinic) -> None:
    made = _invite(clinic)
    clinic.sign_in("otherdoc")
    assert clinic.client.get("/api/v1/invitations").json() == []
    assert clinic.client.delete(f"/api/v1/invitations/{made['id']}").status_code == 404
    refused = clinic.client.post(
        "/api/v1/invitations", json={"email": "x@example.org", "clinician_id": clinic.ids["doc"]}
    )
    assert refused.status_code == 403 and "own list" in refused.json()["detail"]
    clinic.sign_in("patient")
    assert (
        clinic.client.post("/api/v1/invitations", json={"email": "x@example.org"}).status_code
        == 403
    )
    assert clinic.client.get("/api/v1/invitations").status_code == 403
    clinic.sign_in("doc")
    assert clinic.client.delete(f"/api/v1/invitations/{made['id']}").json() == {"withdrawn": True}
    clinic.client.cookies.clear()
    page = clinic.client.get(f"/invite/{_token(made)}")
    assert page.status_code == 410 and "withdrawn" in page.text
    actions = [r["action"] for r in audit.since(clinic.ctx, START.date())]
    assert actions.count("invitation-withdrawn") == 1


def test_an_admin_invites_for_a_clinician(clinic: Clinic) -> None:
    clinic.sign_in("admin")
    wrong = clinic.client.post(
        "/api/v1/invitations", json={"email": NEW, "clinician_id": clinic.ids["patient"]}
    )
    assert wrong.status_code == 422 and wrong.json()["field"] == "clinician_id"
    taken = clinic.client.post("/api/v1/invitations", json={"email": "Patient@Example.org"})
    assert taken.status_code == 409
    bad = clinic.client.post("/api/v1/invitations", json={"email": "not an address"})
    assert bad.status_code == 422 and bad.json()["field"] == "email"
    made = _invite(clinic, "admin", clinician_id=clinic.ids["otherdoc"])
    assert _accept(clinic, _token(made)).status_code == 303
    clinic.sign_in("otherdoc")
    assert [p["email"] for p in clinic.client.get("/api/v1/patients").json()] == [NEW]
    clinic.sign_in("doc")
    assert clinic.client.get("/api/v1/patients").json() == []


def test_the_invitations_page_makes_a_link_with_its_qr_code(clinic: Clinic) -> None:
    clinic.sign_in("doc")
    token = clinic.csrf("/invitations")
    page = clinic.client.post("/invitations", data={"csrf_token": token, "email": NEW})
    assert (
        page.status_code == 201 and "<svg" in page.text and "http://testserver/invite/" in page.text
    )
    again = clinic.client.post("/invitations", data={"csrf_token": token, "email": "nope"})
    assert again.status_code == 422 and "not an e-mail address" in again.text
    listed = clinic.client.get("/invitations")
    assert NEW in listed.text and "Withdraw" in listed.text
