"""`isohold learn [TOPIC]`: short explanations, each read in under a minute."""

from __future__ import annotations

from typing import Annotated

import typer

from isohold.cli.options import Format, FormatOption


def learn(
    topic: Annotated[str | None, typer.Argument(help="A topic id (default: list them).")] = None,
    format: FormatOption = Format.text,
) -> None:
    """Short explanations: pain during exercise, load, flare-ups, staying active, tendons, blood
    pressure. Each says when to stop and see a clinician."""
    from isohold.catalogue import load_catalogue
    from isohold.cli.output import console, print_json
    from isohold.cli.settings import current
    from isohold.services.education import topic_dict, topic_named

    catalogue = load_catalogue(current().catalogue_path)
    if topic is None:
        items = list(catalogue.education.values())
        if format is Format.json:
            print_json({"topics": [topic_dict(t, catalogue) for t in items]})
            return
        con = console()
        for t in items:
            con.print(f"[bold]{t.id}[/]: {t.title}. {t.summary}")
        con.print("[dim]Read one with `isohold learn TOPIC`.[/]")
        return
    found = topic_named(catalogue, topic)
    if format is Format.json:
        print_json(topic_dict(found, catalogue))
        return
    con = console()
    con.print(f"[bold]{found.title}[/]")
    con.print(found.summary + "\n")
    for paragraph in found.body:
        con.print(paragraph + "\n")
    con.print(f"[bold yellow]When to stop:[/] {found.stop}\n")
    con.print("[dim]Sources: " + ", ".join(catalogue.refs(found.sources)) + "[/]")
