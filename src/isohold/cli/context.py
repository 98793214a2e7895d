"""Opening the services context for a command (database + catalogue)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from isohold.services.context import Context, open_context


@contextmanager
def services(db: str | None, catalogue_path: str | None = None) -> Iterator[Context]:
    ctx = open_context(db, catalogue_path)
    try:
        yield ctx
    finally:
        ctx.close()
