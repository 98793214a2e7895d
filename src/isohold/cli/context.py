"""Opening the services context for a command (database + catalogue)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from isohold.cli.settings import with_options
from isohold.services.context import Context, open_context
from isohold.services.settings import Settings


def services(db: str | None) -> AbstractContextManager[Context]:
    """The context for a command: `--db` over the settings (ISOHOLD_DB, ISOHOLD_CATALOGUE)."""
    return services_of(with_options(db_url=db))


@contextmanager
def services_of(settings: Settings) -> Iterator[Context]:
    """The context for settings a command has already put together (`isohold serve`)."""
    ctx = open_context(settings.db_url, settings.catalogue_path, settings.tz)
    try:
        yield ctx
    finally:
        ctx.close()
