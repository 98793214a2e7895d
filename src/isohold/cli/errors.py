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
    StorageError,
)

#: Exit codes: 2 for bad input (as for usage errors), 3 for a broken catalogue, 4 for a
#: database that cannot be used, 1 otherwise (nothing saved yet, a conflict).
EXIT_INPUT = 2
EXIT_CATALOGUE = 3
EXIT_STORAGE = 4
EXIT_OTHER = 1


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
    print(f"isohold: error: {error}{hint}", file=sys.stderr)
    return exit_code(error)
