"""Passkeys over HTTP with a software authenticator: a patient adds one and signs in with it;
a clinician's passkey stands for password and two-step code; a replayed answer, another
origin, an expired challenge, a cloned key (its counter going back), a removed passkey and a
disabled account are refused; failures are throttled; every step is audited."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from isohold.services import audit
from isohold.web.clinic import COOKIE
from tests.clinic.invite_support import Clinic, small_clinic
from tests.clinic.soft_authenticator import SoftPasskey
from tests.support.clinic import START


@pytest.fixture
def clinic(tmp_path: Path, clinic_url: str) -> Iterator[Clinic]:
    with small_clinic(tmp_path, clinic_url) as found:
        yield found


def _add(clinic: Clinic, who: str, verified: bool = True) -> tuple[SoftPasskey, Any]:
    clinic.sign_in(who)
    key = SoftPasskey("testserver", "http://testserver")
    options = clinic.client.post("/api/v1/auth/passkeys/options", json={}).json()
    assert options["rp"]["id"] == "testserver"
    answer = clinic.client.post(
        "/api/v1/auth/passkeys", json={"credential": key.create(options, verified), "name": "Phone"}
    )
    return key, answer


def _sign_in(clinic: Clinic, key: SoftPasskey, **kw: Any) -> Any:
    clinic.client.cookies.clear()
    options = clinic.client.post("/api/v1/auth/passkey-login/options", json={}).json()
    return clinic.client.post(
        "/api/v1/auth/passkey-login", json={"credential": key.get(options, **kw)}
    )


def test_a_patient_adds_a_passkey_and_signs_in_with_it(clinic: Clinic) -> None:
    key, added = _add(clinic, "patient")
    assert added.status_code == 201 and added.json()["name"] == "Phone"
    assert [p["name"] for p in clinic.client.get("/api/v1/auth/passkeys").json()] == ["Phone"]
    answer = _sign_in(clinic, key)
    assert answer.status_code == 200 and answer.json()["email"] == "patient@example.org"
    assert "samesite=strict" in answer.headers["set-cookie"].lower()
    assert clinic.client.get("/api/v1/auth/me").json()["role"] == "patient"
    actions = [r["action"] for r in audit.since(clinic.ctx, START.date())]
    assert "passkey-added" in actions and "sign-in-passkey" in actions


def test_a_clinicians_passkey_stands_for_password_and_code(clinic: Clinic) -> None:
    key, _ = _add(clinic, "doc")
    assert _sign_in(clinic, key).json()["next"] == "/account"
    assert clinic.client.get("/api/v1/patients").status_code == 200  # two-step is satisfied


def test_refusals(clinic: Clinic) -> None:
    key, _ = _add(clinic, "patient")
    _unverified, refused = _add(clinic, "otherdoc", verified=False)
    assert refused.status_code == 422 and refused.json()["field"] == "credential"
    clinic.client.cookies.clear()
    options = clinic.client.post("/api/v1/auth/passkey-login/options", json={}).json()
    answer = key.get(options)
    assert (
        clinic.client.post("/api/v1/auth/passkey-login", json={"credential": answer}).status_code
        == 200
    )
    clinic.client.cookies.clear()
    replay = clinic.client.post("/api/v1/auth/passkey-login", json={"credential": answer})
    assert replay.status_code == 401 and "did not sign you in" in replay.json()["detail"]
    assert _sign_in(clinic, key, origin="https://evil.example").status_code == 401
    assert _sign_in(clinic, key, count=1).status_code == 401  # the counter went back: a clone
    assert _sign_in(clinic, key).status_code == 200  # the real one still works
    clinic.client.cookies.clear()
    options = clinic.client.post("/api/v1/auth/passkey-login/options", json={}).json()
    clinic.clock.advance(minutes=5)
    late = clinic.client.post("/api/v1/auth/passkey-login", json={"credential": key.get(options)})
    assert late.status_code == 401
    assert "set-cookie" not in replay.headers and COOKIE not in clinic.client.cookies
    junk = clinic.client.post("/api/v1/auth/passkey-login", json={"credential": {"id": "x"}})
    assert junk.status_code == 401
    throttled = _sign_in(clinic, key)
    assert throttled.status_code == 429  # five failures from this address in 15 minutes


def test_a_removed_passkey_and_a_disabled_account(clinic: Clinic) -> None:
    key, added = _add(clinic, "patient")
    other, _ = _add(clinic, "otherdoc")
    clinic.sign_in("admin")
    clinic.client.post(f"/api/v1/accounts/{clinic.ids['otherdoc']}/disable", json={})
    assert _sign_in(clinic, other).status_code == 401
    clinic.sign_in("patient")
    passkey = added.json()["id"]
    clinic.sign_in("doc")
    assert clinic.client.delete(f"/api/v1/auth/passkeys/{passkey}").status_code == 404
    clinic.sign_in("patient")
    assert clinic.client.delete(f"/api/v1/auth/passkeys/{passkey}").json() == {"removed": True}
    assert _sign_in(clinic, key).status_code == 401
    assert "passkey-removed" in [r["action"] for r in audit.since(clinic.ctx, START.date())]


def test_the_account_page_lists_and_removes_passkeys(clinic: Clinic) -> None:
    _key, added = _add(clinic, "patient")
    page = clinic.client.get("/account").text
    assert "Phone, added 2026-11-30" in page and "Add a passkey" in page
    token = clinic.csrf("/account")
    gone = clinic.client.post(
        f"/account/passkeys/{added.json()['id']}/remove",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert (gone.status_code, gone.headers["location"]) == (303, "/account")
    assert clinic.client.get("/api/v1/auth/passkeys").json() == []
