"""One error tree for isohold. Leaves also inherit a builtin so callers may catch either.

The edges map these to messages in one place each (`cli/errors.py`, later `web/`).
"""

from __future__ import annotations

#: The longest message or field name an error shows: values echoed from input are shortened
#: (a 100,000-character value is not printed back, nor sent in an HTTP response).
MAX_MESSAGE_CHARS = 1000
MAX_FIELD_CHARS = 120


def shorten(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """`text` cut in the middle to `limit` characters (its start and its end, which often
    lists the allowed values, are kept)."""
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]} … {text[-half:]}"


class IsoholdError(Exception):
    """Root of every error isohold raises on purpose."""

    def __str__(self) -> str:
        return shorten(super().__str__())


class CatalogueError(ValueError, IsoholdError):
    """A catalogue file is malformed; the message names the file, the entry and the field."""


class ProfileError(ValueError, IsoholdError):
    """A profile (contract 1) is invalid; the message names the field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        field, reason = shorten(str(field), MAX_FIELD_CHARS), shorten(str(reason))
        super().__init__(f"profile field '{field}': {reason}")
        self.field = field
        self.reason = reason


class InputError(ValueError, IsoholdError):
    """A plan or responses document is invalid; the message names the field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        field, reason = shorten(str(field), MAX_FIELD_CHARS), shorten(str(reason))
        super().__init__(f"field '{field}': {reason}")
        self.field = field
        self.reason = reason


class SettingError(InputError):
    """A setting's value, or a combination of settings, that cannot work. `setting` is the
    field's name (`tls_key`); `given` says where the value came from: "environment" (the field
    shown is its variable), "option" (a front-end's option) or "combination" (several settings
    together, `related` naming the others). Each front-end names the settings in its own
    words (`cli/errors.py`)."""

    def __init__(
        self, setting: str, reason: str, *, field: str, given: str, related: tuple[str, ...] = ()
    ) -> None:
        super().__init__(field, reason)
        self.setting = setting
        self.given = given
        self.related = related


class StorageError(IsoholdError):
    """The database cannot be used (unreadable, not an isohold database, newer schema...)."""


class BusyError(StorageError):
    """Other writers held the database past the wait (SQLite's busy timeout), or PostgreSQL
    ended this transaction to break a deadlock or a serialization conflict: nothing of it was
    saved, and the same work may be tried again."""


class NotFoundError(LookupError, IsoholdError):
    """A requested record (person, plan, session) does not exist."""


class NoProfileError(NotFoundError):
    """Nobody has answered the questions yet: each front-end says where to do so."""

    def __init__(self, what: str = "no profile yet") -> None:
        super().__init__(what)


class NoDeskBreaksError(NotFoundError):
    """The plan has no desk micro-breaks (they come with the desk_worker condition); each
    front-end says where to add it."""

    def __init__(self) -> None:
        super().__init__(
            "your plan has no desk micro-breaks: they come with 'desk_worker' among the "
            "profile's conditions"
        )


class ConflictError(ValueError, IsoholdError):
    """The request contradicts saved state (for example a second onboarding of a person who
    already has a profile)."""


class ProfileExistsError(ConflictError):
    """A second onboarding without saying that it replaces the first; each front-end says how."""


class SensorError(OSError, IsoholdError):
    """A force sensor could not be reached (switched off, out of range, no Bluetooth)."""

    def __str__(self) -> str:
        return shorten(OSError.__str__(self))


class SignInError(IsoholdError):
    """A sign-in refused, or a request with no valid sign-in: one message whatever the cause
    (an unknown e-mail and a wrong password read the same)."""


class ThrottledError(IsoholdError):
    """Too many failed sign-ins for an account or from an address: wait, then try again."""


class NotAllowedError(PermissionError, IsoholdError):
    """Signed in, but this account's role does not do this (or two-step sign-in is not set up)."""


class LinkError(ValueError, IsoholdError):
    """A link sent to someone (an invitation, a password reset) that is not one: incomplete,
    changed, or never made here."""


class LinkGoneError(LinkError):
    """A link that worked once and no longer does: used, expired or withdrawn."""


class MailError(IsoholdError):
    """No e-mail can be sent: no SMTP server is set up (or it could not be reached)."""
