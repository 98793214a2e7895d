"""Opening the services context for a command (database + catalogue)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from isohold.services.context import Context, open_context


@contextmanager
def services(db: str | None) -> Iterator[Context]:
    ctx = open_context(db)
    try:
        yield ctx
    finally:
        ctx.close()
