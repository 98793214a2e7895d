"""Opening the services context for a command (database + catalogue)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from isohold.services.context import Context, open_context
from isohold.services.settings import Settings


@contextmanager
def services(db: str | None, catalogue_path: str | None = None) -> Iterator[Context]:
    """The context for a command: `--db` over the settings (ISOHOLD_DB, ISOHOLD_CATALOGUE)."""
    settings = Settings.load(db_url=db, catalogue_path=catalogue_path)
    ctx = open_context(settings.db_url, settings.catalogue_path, settings.tz)
    try:
        yield ctx
    finally:
        ctx.close()
