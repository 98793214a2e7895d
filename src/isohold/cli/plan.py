"""`isohold plan`: a profile in, a plan out (contract 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from isohold.cli.options import Format


def plan(
    profile: Annotated[
        Path,
        typer.Option("--profile", "-p", help="Profile file (JSON, YAML or TOML); - for stdin."),
    ],
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json")] = Format.text,
) -> None:
    """Screen a profile and print its isometric program (or a referral)."""
    from isohold.catalogue import load_catalogue
    from isohold.cli.files import read_document
    from isohold.cli.output import print_json
    from isohold.domain.prescription import prescribe
    from isohold.domain.profile import parse_profile

    catalogue = load_catalogue()
    result = prescribe(parse_profile(read_document(profile, "profile")), catalogue)
    if format is Format.json:
        print_json(result.to_dict())
        return
    from isohold.cli.render_plan import render_plan

    render_plan(result, catalogue)
