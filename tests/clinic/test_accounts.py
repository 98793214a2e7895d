"""Accounts through the services: e-mail unique whatever its case, weak passwords refused,
a patient gets a person of their own, links need the right roles; every change is audited."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from isohold.domain.errors import ConflictError, InputError, NotFoundError
from isohold.services import accounts, audit
from isohold.storage.clinic_models import Account
from isohold.storage.models import Person
from tests.support.clinic import START, clinic_context, make_user


def test_accounts_links_and_their_audit_rows(clinic_url: str) -> None:
    with clinic_context(clinic_url) as (ctx, _clock):
        patient = make_user(ctx, "patient", "Ana@Example.org")
        doctor = make_user(ctx, "clinician", "doc@example.org")
        make_user(ctx, "admin", "boss@example.org")
        with pytest.raises(ConflictError, match="exists already"):
            make_user(ctx, "clinician", "ANA@example.org ")
        with ctx.db.reading() as s:
            ana = s.get(Account, patient)
            assert ana is not None and ana.email == "ana@example.org"
            assert ana.person_id is not None and s.get(Person, ana.person_id) is not None
            assert ana.password_hash.startswith("$argon2id$")
            assert s.scalars(select(Person)).all().__len__() == 1  # staff have no person
        assert accounts.link(ctx, "DOC@example.org", "ana@example.org") is True
        assert accounts.link(ctx, "doc@example.org", "ana@example.org") is False
        assert [p.id for p in accounts.patients(ctx, doctor)] == [patient]
        rows = audit.since(ctx, START.date())
        assert [r["action"] for r in rows] == [
            "create-patient",
            "create-clinician",
            "create-admin",
            f"link-clinician-{doctor}",
        ]
        assert rows[0]["patient_id"] == patient and rows[-1]["patient_id"] == patient


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("", "is empty"),
        ("short1", "too short"),
        ("aaaaaaaaaaaa", "too easy"),
        ("x" * 1025, "longer than"),
    ],
)
def test_weak_passwords_are_refused_naming_the_field(password: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        accounts.check_password(password)
    assert caught.value.field == "password"


def test_links_need_a_clinician_and_a_patient(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    with clinic_context(f"sqlite:///{tmp_path / 'c.db'}") as (ctx, _clock):
        make_user(ctx, "patient", "ana@example.org")
        make_user(ctx, "clinician", "doc@example.org")
        with pytest.raises(NotFoundError, match="no account"):
            accounts.link(ctx, "doc@example.org", "nobody@example.org")
        with pytest.raises(InputError, match="is not a clinician's account"):
            accounts.link(ctx, "ana@example.org", "ana@example.org")
        with pytest.raises(InputError, match="not an e-mail"):
            make_user(ctx, "patient", "not-an-address")
        with pytest.raises(InputError, match="role"):
            make_user(ctx, "doctor", "x@example.org")


@given(st.emails())
def test_an_address_is_one_account_whatever_its_case_or_spaces(email: str) -> None:
    typed = f"  {email.upper()} "
    assert accounts.normal_email(typed) == accounts.normal_email(email) == email.lower()
    assert accounts.normal_email(accounts.normal_email(email)) == accounts.normal_email(email)
