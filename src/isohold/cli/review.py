"""`isohold review`: apply one week's responses to a plan (contract 3)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from isohold.cli.options import Format


def review(
    plan: Annotated[Path, typer.Option("--plan", help="Plan file (isohold.plan/1 JSON).")],
    responses: Annotated[
        Path, typer.Option("--responses", "-r", help="This week's responses (JSON).")
    ],
    tests: Annotated[
        Path | None,
        typer.Option(
            "--tests",
            help='Latest capacity test results, for moving on a stage (JSON: {"tests": '
            '[{"test": ID, "value": N, "side": "left"|"right"}]}).',
        ),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text or json")] = Format.text,
) -> None:
    """Progress, repeat, regress or stop each exercise by the pain-monitoring model; a stage
    moves on only when its entry is met (pain, and the capacity tests given with --tests)."""
    from isohold.catalogue import load_catalogue
    from isohold.cli.files import read_document
    from isohold.cli.output import print_json
    from isohold.domain.capacity import parse_results
    from isohold.domain.plan import plan_from_dict
    from isohold.domain.responses import parse_responses
    from isohold.domain.review import Week
    from isohold.domain.review import review as run_review

    catalogue = load_catalogue()
    current = plan_from_dict(read_document(plan, "plan"))
    week = parse_responses(read_document(responses, "responses"))
    results = (
        None if tests is None else parse_results(read_document(tests, "tests"), catalogue.tests)
    )
    result = run_review(current, week, catalogue, Week(tests=results))
    if format is Format.json:
        print_json(result.to_dict())
        return
    from isohold.cli.render_plan import render_review

    render_review(result, catalogue)
