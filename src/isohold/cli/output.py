"""Printing: exact JSON for machines, Rich text for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(document: Any) -> None:
    sys.stdout.write(json_text(document))


def json_text(document: Any) -> str:
    """The JSON a command prints: indented, UTF-8 as is, no NaN, a line end after."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)
