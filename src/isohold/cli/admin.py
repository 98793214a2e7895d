"""`isohold admin`: accounts of a clinic server (contract 6) and its audit log."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from isohold.cli.options import DbOption, Format, FormatOption

app = typer.Typer(help="Clinic accounts, care links and the audit log.", no_args_is_help=True)


class Role(StrEnum):
    admin = "admin"
    clinician = "clinician"
    patient = "patient"


class AuditFormat(StrEnum):
    json = "json"
    csv = "csv"


def _password_from_stdin() -> str:
    import sys

    from isohold.domain.errors import InputError

    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("--password-stdin", "pipe the password in (echo ... | isohold admin "
                                             "create-user ... --password-stdin)")  # fmt: skip
    text = sys.stdin.readline()
    return text.removesuffix("\n").removesuffix("\r")


@app.command("create-user")
def create_user(
    role: Annotated[Role, typer.Option(help="admin, clinician or patient.")],
    email: Annotated[str, typer.Option(help="The e-mail address they sign in with.")],
    name: Annotated[str, typer.Option(help="Their name as the clinic shows it.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Make an account and print its id (a patient also gets their own training data)."""
    from isohold.cli.context import services
    from isohold.cli.output import print_json
    from isohold.domain.errors import InputError
    from isohold.services.accounts import create_user as create

    if not password_stdin:
        raise InputError("--password-stdin", "is needed: the password is read from standard "
                                             "input, never from the command line")  # fmt: skip
    password = _password_from_stdin()
    with services(db) as ctx:
        made = create(ctx, role=role.value, email=email, name=name, password=password)
    if format is Format.json:
        print_json({"id": made.id, "email": made.email, "name": made.name, "role": made.role})
    else:
        typer.echo(made.id)


@app.command("link")
def link(
    clinician: Annotated[str, typer.Option(help="The clinician's e-mail address.")],
    patient: Annotated[str, typer.Option(help="The patient's e-mail address.")],
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Let a clinician read and change a patient's data."""
    from isohold.cli.context import services
    from isohold.cli.output import print_json
    from isohold.services.accounts import link as run_link

    with services(db) as ctx:
        created = run_link(ctx, clinician, patient)
    if format is Format.json:
        print_json({"clinician": clinician.strip().lower(), "patient": patient.strip().lower(),
                    "linked": True, "new": created})  # fmt: skip
    else:
        typer.echo("Linked." if created else "They were linked already.")


@app.command("set-password")
def set_password(
    email: Annotated[str, typer.Option(help="The e-mail address of the account.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the new password from standard input.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Set a new password for an account (a forgotten one, without e-mail); its sessions end."""
    from isohold.cli.context import services
    from isohold.domain.errors import InputError
    from isohold.services.accounts import set_password as run_set

    if not password_stdin:
        raise InputError("--password-stdin", "is needed: the password is read from standard "
                                             "input, never from the command line")  # fmt: skip
    password = _password_from_stdin()
    with services(db) as ctx:
        changed = run_set(ctx, email, password)
    typer.echo(f"New password set for {changed.email}; every sign-in of it has ended.")


@app.command("audit")
def audit(
    since: Annotated[
        str | None,
        typer.Option(help="First day (YYYY-MM-DD, UTC) to list; default: 30 days ago."),
    ] = None,
    db: DbOption = None,
    format: Annotated[AuditFormat, typer.Option("--format", "-f", help="json or csv")] = (
        AuditFormat.json
    ),
) -> None:
    """The audit log from a day on: who read or changed whose data, sign-ins and failures."""
    import csv
    import sys
    from datetime import timedelta

    from isohold.cli.context import services
    from isohold.cli.output import print_json
    from isohold.domain.errors import InputError
    from isohold.services import audit as log

    try:
        first = date.fromisoformat(since) if since else date.today() - timedelta(days=30)
    except ValueError:
        raise InputError("--since", f"{since!r:.40} is not a day like 2026-11-30") from None
    with services(db) as ctx:
        rows = log.since(ctx, first)
    if format is AuditFormat.json:
        print_json(rows)
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=log.FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


@app.command("send-alert-mail")
def send_alert_mail(db: DbOption = None, format: FormatOption = Format.text) -> None:
    """E-mail each clinician who asked about their patients' new alerts (for cron; a clinic
    server also does it every ISOHOLD_ALERT_MAIL_MINUTES) and print how many e-mails went."""
    import asyncio

    from isohold.cli.context import services_of
    from isohold.cli.output import print_json
    from isohold.cli.settings import with_options
    from isohold.domain.errors import MailError
    from isohold.services.alert_mail_sender import NO_SMTP, send_pass

    settings = with_options(db_url=db)
    if not settings.mail_ready:
        raise MailError(NO_SMTP)
    with services_of(settings) as ctx:
        sent = asyncio.run(send_pass(ctx, settings))
    if format is Format.json:
        print_json({"sent": sent})
    else:
        typer.echo(f"{sent} e-mail{'' if sent == 1 else 's'} sent.")


@app.command("import-patient")
def import_patient(
    file: Annotated[Path, typer.Argument(help="A JSON file written by `isohold export`.")],
    clinician: Annotated[str, typer.Option(help="The clinician's e-mail address.")],
    email: Annotated[
        str | None, typer.Option(help="The patient's e-mail address, to sign in with.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Their name (default: the backup's).")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read their password from standard input.")
    ] = False,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Bring a personal database's backup into the clinic as one patient of a clinician, and
    print the patient's id (without --email, their account cannot sign in yet)."""
    from isohold.cli.context import services
    from isohold.cli.files import MAX_BACKUP_BYTES, read_document
    from isohold.cli.output import print_json
    from isohold.domain.errors import InputError
    from isohold.services.accounts import import_patient as run_import

    if (email is None) != (not password_stdin):
        raise InputError("--email", "give both --email and --password-stdin, or neither")
    password = _password_from_stdin() if password_stdin else None
    document = read_document(file, "backup", MAX_BACKUP_BYTES)
    with services(db) as ctx:
        made = run_import(ctx, document, clinician, email=email, name=name, password=password)
    if format is Format.json:
        print_json({"id": made.id, "email": made.email, "name": made.name, "role": made.role})
    else:
        typer.echo(made.id)
