"""Changing one's password on the account page: the current one must be right and the new one
long enough (each refusal names the field); afterwards every sign-in has ended."""

from __future__ import annotations

from pathlib import Path

from isohold.web.clinic import COOKIE
from tests.clinic.invite_support import small_clinic
from tests.support.clinic import PASSWORD


def test_change_the_password_on_the_account_page(tmp_path: Path) -> None:
    with small_clinic(tmp_path) as clinic:
        clinic.sign_in("patient")
        old_session = clinic.client.cookies[COOKIE]
        token = clinic.csrf("/account")
        form = {"csrf_token": token, "current_password": "not it", "new_password": "new one here"}
        wrong = clinic.client.post("/account/password", data=form)
        assert wrong.status_code == 422 and "current_password" in wrong.text
        short = clinic.client.post(
            "/account/password", data={**form, "current_password": PASSWORD, "new_password": "x"}
        )
        assert short.status_code == 422 and "at least 8" in short.text
        done = clinic.client.post("/account/password", data={**form, "current_password": PASSWORD})
        assert done.status_code == 200 and "every sign-in has ended" in done.text
        clinic.client.cookies.clear()
        clinic.client.cookies.set(COOKIE, old_session)
        assert clinic.client.get("/api/v1/auth/me").status_code == 401
        clinic.client.cookies.clear()
        body = {"email": "patient@example.org", "password": "new one here"}
        assert clinic.client.post("/api/v1/auth/login", json=body).status_code == 200
