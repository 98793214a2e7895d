"""`isohold admin` (contract 6): create-user prints the id, link assigns a patient, audit
lists what happened as JSON or CSV; clear errors and exit codes, never a traceback."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from isohold.domain.errors import NoProfileError
from isohold.services import accounts, today
from isohold.services.access import acting
from tests.support.clinic import clinic_context
from tests.support.commands import Run
from tests.support.profiles import profile_dict

PASSWORD = "correct horse battery\n"


def test_create_link_and_audit(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'clinic.db'}"
    made = isohold(
        "admin",
        "create-user",
        "--role",
        "patient",
        "--email",
        "Ana@Example.org",
        "--name",
        "Ana",
        "--password-stdin",
        "--db",
        db,
        stdin=PASSWORD,
    )
    assert made.returncode == 0, made.stderr
    patient = int(made.stdout)
    made = isohold(
        "admin",
        "create-user",
        "--role",
        "clinician",
        "--email",
        "doc@example.org",
        "--name",
        "Dr Doc",
        "--password-stdin",
        "--db",
        db,
        "--format",
        "json",
        stdin=PASSWORD,
    )
    assert made.returncode == 0, made.stderr
    doc = json.loads(made.stdout)
    assert doc["role"] == "clinician" and doc["email"] == "doc@example.org" and doc["id"] > patient
    linked = isohold(
        "admin",
        "link",
        "--clinician",
        "doc@example.org",
        "--patient",
        "ana@example.org",
        "--db",
        db,
        "--format",
        "json",
    )
    assert linked.returncode == 0 and json.loads(linked.stdout)["linked"] is True
    rows = json.loads(isohold("admin", "audit", "--since", "2020-01-01", "--db", db).stdout)
    assert [r["action"] for r in rows] == [
        "create-patient",
        "create-clinician",
        f"link-clinician-{doc['id']}",
    ]
    text = isohold("admin", "audit", "--since", "2020-01-01", "--format", "csv", "--db", db)
    table = list(csv.DictReader(io.StringIO(text.stdout)))
    assert [r["patient_id"] for r in table] == [str(patient), "", str(patient)]


def test_clear_errors(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'clinic.db'}"

    def create(email: str, password: str) -> tuple[int, str]:
        done = isohold(
            "admin",
            "create-user",
            "--role",
            "admin",
            "--email",
            email,
            "--name",
            "Boss",
            "--password-stdin",
            "--db",
            db,
            stdin=password,
        )
        assert "Traceback" not in done.stderr
        return done.returncode, done.stderr

    assert create("boss@example.org", PASSWORD)[0] == 0
    assert create("BOSS@example.org", PASSWORD) == (
        1,
        "isohold: error: an account with the e-mail boss@example.org exists already\n",
    )
    code, message = create("other@example.org", "\n")
    assert code == 2 and "'password': is empty" in message
    code, message = create("other@example.org", "short\n")
    assert code == 2 and "too short" in message
    unknown = isohold(
        "admin",
        "link",
        "--clinician",
        "boss@example.org",
        "--patient",
        "nobody@example.org",
        "--db",
        db,
    )
    assert unknown.returncode == 2 and "is not a clinician's account" in unknown.stderr
    made = isohold(
        "admin",
        "create-user",
        "--role",
        "clinician",
        "--email",
        "doc@example.org",
        "--name",
        "Doc",
        "--password-stdin",
        "--db",
        db,
        stdin=PASSWORD,
    )
    assert made.returncode == 0
    unknown = isohold(
        "admin",
        "link",
        "--clinician",
        "doc@example.org",
        "--patient",
        "nobody@example.org",
        "--db",
        db,
    )
    assert unknown.returncode == 1
    assert "no account with the e-mail nobody@example.org" in unknown.stderr
    wrong = isohold("admin", "audit", "--since", "yesterday", "--db", db)
    assert wrong.returncode == 2 and "--since" in wrong.stderr


def test_a_personal_backup_becomes_one_patient_of_a_clinician(isohold: Run, tmp_path: Path) -> None:
    personal = f"sqlite:///{tmp_path / 'personal.db'}"
    (tmp_path / "profile.json").write_text(json.dumps(profile_dict()))
    assert isohold("init", "--profile", "profile.json", "--db", personal).returncode == 0
    assert isohold("checkin", "--pain", "3", "--stiffness", "2", "--db", personal).returncode == 0
    assert isohold("export", "--out", "backup.json", "--db", personal).returncode == 0
    with clinic_context(personal) as (ctx, _clock):
        plan = today.today(ctx).plan.to_dict()
    clinic = f"sqlite:///{tmp_path / 'clinic.db'}"
    for role, email in (("patient", "first@example.org"), ("clinician", "doc@example.org")):
        made = isohold(
            "admin",
            "create-user",
            "--role",
            role,
            "--email",
            email,
            "--name",
            "X",
            "--password-stdin",
            "--db",
            clinic,
            stdin=PASSWORD,
        )
        assert made.returncode == 0, made.stderr
    imported = isohold(
        "admin",
        "import-patient",
        "backup.json",
        "--clinician",
        "doc@example.org",
        "--email",
        "ana@example.org",
        "--name",
        "Ana",
        "--password-stdin",
        "--db",
        clinic,
        "--format",
        "json",
        stdin=PASSWORD,
    )
    assert imported.returncode == 0, imported.stderr
    patient = json.loads(imported.stdout)
    assert (patient["email"], patient["role"]) == ("ana@example.org", "patient")
    again = isohold(
        "admin", "import-patient", "backup.json", "--clinician", "doc@example.org", "--db", clinic
    )
    assert again.returncode == 2 and "imported before" in again.stderr
    rows = json.loads(isohold("admin", "audit", "--since", "2000-01-01", "--db", clinic).stdout)
    assert rows[-1]["action"] == "import-patient" and rows[-1]["patient_id"] == patient["id"]

    with clinic_context(clinic) as (ctx, _clock):
        assert [p.id for p in accounts.patients(ctx, 2)] == [patient["id"]]
        persons = accounts.persons_of(ctx, [1, patient["id"]])
        with acting(persons[patient["id"]]):
            assert today.today(ctx).plan.to_dict() == plan
        with acting(persons[1]), pytest.raises(NoProfileError):  # the first has no plan yet
            today.today(ctx)
