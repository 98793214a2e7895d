"""Options shared by several commands."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text or json")]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: $ISOHOLD_DB, else a SQLite file in your data folder).",
    ),
]
