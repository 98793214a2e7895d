"""One error tree for isohold. Leaves also inherit a builtin so callers may catch either.

The edges map these to messages in one place each (`cli/errors.py`, later `web/`).
"""

from __future__ import annotations


class IsoholdError(Exception):
    """Root of every error isohold raises on purpose."""


class CatalogueError(ValueError, IsoholdError):
    """A catalogue file is malformed; the message names the file, the entry and the field."""


class ProfileError(ValueError, IsoholdError):
    """A profile (contract 1) is invalid; the message names the field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"profile field '{field}': {reason}")
        self.field = field
        self.reason = reason


class InputError(ValueError, IsoholdError):
    """A plan or responses document is invalid; the message names the field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"field '{field}': {reason}")
        self.field = field
        self.reason = reason


class StorageError(IsoholdError):
    """The database cannot be used (unreadable, not an isohold database, newer schema...)."""


class NotFoundError(LookupError, IsoholdError):
    """A requested record (person, plan, session) does not exist."""


class ConflictError(ValueError, IsoholdError):
    """The request contradicts saved state (for example a second onboarding without --force)."""


class SensorError(OSError, IsoholdError):
    """A force sensor could not be reached (switched off, out of range, no Bluetooth)."""
