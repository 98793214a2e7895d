"""Every command's --help reads cleanly (issue 18, finding 13): no '<bool>' placeholders."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from isohold.cli.main import app

COMMANDS = [
    [], ["screen"], ["plan"], ["review"], ["exercises"], ["init"], ["profile", "edit"],
    ["today"], ["session"], ["checkin"], ["bp", "add"], ["log"], ["history"], ["stats"],
    ["progress"], ["export"], ["import"], ["serve"], ["force", "analyze"], ["force", "hold"],
    ["desk"], ["desk", "settings"], ["outcome", "add"], ["outcome", "history"], ["learn"],
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "isohold")
def test_help_has_no_type_placeholders(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output and "Usage" in result.output
