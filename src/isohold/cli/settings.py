"""The command's settings: read from the environment once per command, kept on the command
line's root context, and handed down to the services, the coach and the server."""

from __future__ import annotations

from typing import Any

import click

from isohold.services.settings import Settings


def current() -> Settings:
    """The settings of the running command (built on first use: `isohold --help` reads none)."""
    context = click.get_current_context(silent=True)
    root = context.find_root() if context is not None else None
    if root is not None and isinstance(root.obj, Settings):
        return root.obj
    settings = Settings.load()
    if root is not None:
        root.obj = settings
    return settings


def with_options(**options: Any) -> Settings:
    """The command's settings with its options over them (None: the option was not given)."""
    return current().with_options(**options)
