"""The `isohold` command: one Typer app; each command group lives in its own module.

Importing this module stays cheap (`isohold --help` must start fast): the domain, catalogue
and Rich are imported inside the commands that need them.
"""

from __future__ import annotations

import typer

from isohold.cli import (
    admin,
    backup,
    bp,
    checkin,
    desk,
    exercises,
    force,
    history,
    init,
    learn,
    log,
    outcome,
    plan,
    profile,
    progress,
    report,
    review,
    screen,
    serve,
    session,
    today,
)

app = typer.Typer(
    name="isohold",
    help="Evidence-based isometric exercise therapy: screen, plan, review.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("screen")(screen.screen)
app.command("plan")(plan.plan)
app.command("review")(review.review)
app.add_typer(exercises.app, name="exercises")
app.command("init")(init.init)
app.add_typer(profile.app, name="profile")
app.command("today")(today.today)
app.command("session")(session.session)
app.command("checkin")(checkin.checkin)
app.add_typer(bp.app, name="bp")
app.command("log")(log.log)
app.command("history")(history.history)
app.command("stats")(history.stats)
app.command("progress")(progress.progress)
app.command("export")(backup.export)
app.command("import")(backup.import_)
app.add_typer(outcome.app, name="outcome")
app.command("learn")(learn.learn)
app.command("report")(report.report)
app.command("handout")(report.handout)
app.command("serve")(serve.serve)
app.add_typer(force.app, name="force")
app.add_typer(desk.app, name="desk")
app.add_typer(admin.app, name="admin")


def run() -> None:
    """Console-script entry point: maps isohold errors to a message and an exit code."""
    import sys

    from isohold.cli.errors import report
    from isohold.domain.errors import IsoholdError

    try:
        app_for(sys.argv[1:2])()
    except IsoholdError as error:
        raise SystemExit(report(error)) from None


def app_for(first: list[str]) -> typer.Typer:
    """For `isohold COMMAND ...` an app that holds that command alone (Typer builds the options
    of every command it holds before it runs one: a tenth of a quick command's start-up); for
    anything else (no command, `--help`, an unknown name) the whole app."""
    name = first[0] if first else None
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    one = typer.Typer(name="isohold", no_args_is_help=True, pretty_exceptions_enable=False,
                      add_completion=False)  # fmt: skip
    one.registered_commands, one.registered_groups = commands, groups
    one.callback()(_no_options)  # a group like the whole app: `isohold NAME --help` reads the same
    return one


def _no_options() -> None:
    """Evidence-based isometric exercise therapy: screen, plan, review."""
