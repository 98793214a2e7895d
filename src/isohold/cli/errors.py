"""The one place where isohold errors become command-line messages and exit codes."""

from __future__ import annotations

import sys

from isohold.domain.errors import (
    CatalogueError,
    InputError,
    IsoholdError,
    NoDeskBreaksError,
    NoProfileError,
    ProfileError,
    ProfileExistsError,
    SettingError,
    StorageError,
)

#: Exit codes: 2 for bad input (as for usage errors), 3 for a broken catalogue, 4 for a
#: database that cannot be used, 1 otherwise (nothing saved yet, a conflict).
EXIT_INPUT = 2
EXIT_CATALOGUE = 3
EXIT_STORAGE = 4
EXIT_OTHER = 1
#: the options whose name is not the setting's (`db_url` is `--db`)
_FLAGS = {"db_url": "--db", "access_token": "--token/--no-token"}


def exit_code(error: IsoholdError) -> int:
    if isinstance(error, ProfileError | InputError):
        return EXIT_INPUT
    if isinstance(error, CatalogueError):
        return EXIT_CATALOGUE
    if isinstance(error, StorageError):
        return EXIT_STORAGE
    return EXIT_OTHER


def report(error: IsoholdError) -> int:
    """Print a one-line error (no traceback) to standard error; return the exit code."""
    hint = ": run `isohold init` first" if isinstance(error, NoProfileError) else ""
    if isinstance(error, ProfileExistsError):
        hint = " (use --force, or `isohold profile edit` to change one answer)"
    if isinstance(error, NoDeskBreaksError):
        hint = " (add it with `isohold profile edit conditions=...`)"
    message = _setting_message(error) if isinstance(error, SettingError) else str(error)
    print(f"isohold: error: {message}{hint}", file=sys.stderr)
    return exit_code(error)


def _setting_message(error: SettingError) -> str:
    """A setting named as the command line knows it: its option, or its environment variable
    when the value came from there; settings that cannot work together point to the help."""
    if error.given == "environment":
        return str(error)
    hint = ""
    if error.given == "combination":
        others = ", ".join(_flag(name) for name in error.related)
        hint = f" (see {others + ' in ' if others else ''}`isohold serve --help`)"
    return f"field '{_flag(error.setting)}': {error.reason}{hint}"


def _flag(setting: str) -> str:
    return _FLAGS.get(setting, f"--{setting.replace('_', '-')}")
