"""Commands that only read and write the database start quickly: they import no Alembic (the
database is checked against the newest revision by a constant) and none of the numerical or
document libraries; and `isohold COMMAND` runs the same command as the whole app would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from isohold.cli.main import app, app_for
from tests.support.commands import Run, import_probe
from tests.support.profiles import EXAMPLES

HEAVY = ("alembic", "numpy", "pandas", "scipy", "matplotlib", "pyarrow", "weasyprint", "fhir",
         "jinja2", "fastapi", "uvicorn")  # fmt: skip
PROBE = import_probe("isohold.cli.main")


@pytest.mark.parametrize(
    "command",
    [["today"], ["today", "--format", "json"], ["checkin", "--pain", "2", "--stiffness", "1"],
     ["bp", "add", "128/82"], ["history"]],
    ids=" ".join,
)  # fmt: skip
def test_a_database_command_imports_no_alembic_and_no_numpy(
    isohold: Run, tmp_path: Path, command: list[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'start.db'}"
    assert isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", db
                   ).returncode == 0  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *command, "--db", db], capture_output=True, text=True,
        cwd=tmp_path, timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stderr.splitlines() if x.startswith("LOADED "))
    loaded = set(json.loads(line.removeprefix("LOADED ")))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "sqlalchemy" in loaded  # the probe did reach the database


@pytest.mark.parametrize(
    "args",
    [["today", "--help"], ["bp", "--help"], ["bp", "add", "--help"], ["serve", "--help"],
     ["today", "--no-such-option"], ["force", "analyze", "--help"]],
    ids=" ".join,
)  # fmt: skip
def test_one_command_runs_as_in_the_whole_app(args: list[str]) -> None:
    runner = CliRunner()
    whole = runner.invoke(app, args, prog_name="isohold")
    alone = runner.invoke(app_for(args[:1]), args, prog_name="isohold")
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)


def test_no_command_or_an_unknown_one_gets_the_whole_app() -> None:
    assert app_for([]) is app
    assert app_for(["--help"]) is app
    assert app_for(["no-such-command"]) is app
