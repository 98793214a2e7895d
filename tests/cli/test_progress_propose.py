"""`isohold progress` on a clinic's database whose patient's review a clinician has set to
"propose": the command goes through the same service as the web, so it saves a proposal and
says so, and the plan stays until the clinician approves."""

from __future__ import annotations

import json
from pathlib import Path

from isohold.catalogue import load_catalogue
from isohold.services import accounts
from isohold.services.context import Context
from isohold.storage.database import open_database
from tests.support.clinic import PASSWORD
from tests.support.commands import runner
from tests.support.workspace import week_ending_now


def _patient(url: str, *, propose: bool) -> None:
    ctx = Context(open_database(url), load_catalogue())
    try:
        ana = accounts.create_user(ctx, role="patient", email="ana@example.org", name="Ana",
                                   password=PASSWORD)  # fmt: skip
        person = accounts.persons_of(ctx, [ana.id])[ana.id]
    finally:
        ctx.close()
    week_ending_now(url, person, propose=propose)


def test_progress_in_propose_mode_waits_for_the_clinician(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'clinic.db'}"
    _patient(db, propose=True)
    isohold = runner(tmp_path)
    said = isohold("progress", "--yes", "--db", db)
    assert said.returncode == 0, said.stderr
    assert "Sent to your clinician for approval; you keep plan version 1" in said.stdout
    as_json = isohold("progress", "--format", "json", "--db", db)
    answer = json.loads(as_json.stdout)
    assert answer["saved"] is False and answer["proposal_id"] == 2
    today = json.loads(isohold("today", "--format", "json", "--db", db).stdout)
    assert today["plan_version"] == 1


def test_progress_in_apply_mode_saves_at_once(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'clinic.db'}"
    _patient(db, propose=False)
    said = runner(tmp_path)("progress", "--yes", "--db", db)
    assert said.returncode == 0 and "Saved as plan version 2" in said.stdout
