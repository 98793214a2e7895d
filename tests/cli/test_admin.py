"""`isohold admin` (contract 6): create-user prints the id, link assigns a patient, audit
lists what happened as JSON or CSV; clear errors and exit codes, never a traceback."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.support.commands import Run

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
