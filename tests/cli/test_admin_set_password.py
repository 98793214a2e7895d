"""`isohold admin set-password`: a forgotten password on a clinic without e-mail; the old one
and every session end, and it is audited."""

from __future__ import annotations

from pathlib import Path

import pytest

from isohold.services import audit, signin
from tests.support.clinic import PASSWORD, START, clinic_context, make_user
from tests.support.commands import Run


def test_set_password_from_stdin(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'clinic.db'}"
    with clinic_context(db) as (ctx, _clock):
        make_user(ctx, "patient", "ana@example.org")
        token, _who = signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "127.0.0.1")
    refused = isohold("admin", "set-password", "--email", "ana@example.org", "--db", db)
    assert refused.returncode != 0 and "--password-stdin" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = isohold("admin", "set-password", "--email", "Ana@Example.org", "--password-stdin",
                   "--db", db, stdin="another good one\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "ana@example.org" in done.stdout
    unknown = isohold("admin", "set-password", "--email", "no@example.org", "--password-stdin",
                      "--db", db, stdin="another good one\n")  # fmt: skip
    assert unknown.returncode != 0 and "no account" in unknown.stderr
    with clinic_context(db) as (ctx, _clock):
        assert signin.resolve(ctx, token) is None
        with pytest.raises(Exception, match="not right"):
            signin.sign_in(ctx, "ana@example.org", PASSWORD, None, "127.0.0.1")
        signin.sign_in(ctx, "ana@example.org", "another good one", None, "127.0.0.1")
        assert "password-set" in [r["action"] for r in audit.since(ctx, START.date())]
