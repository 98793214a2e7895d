"""Client-made identifiers: every repeatable write carries a UUID so a replay is stored once."""

from __future__ import annotations

import uuid as uuidlib

from isohold.domain.errors import InputError


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def check_uuid(value: str | None, field: str = "uuid") -> str:
    """A client UUID as canonical text (a new one when none is given)."""
    if value is None:
        return new_uuid()
    try:
        return str(uuidlib.UUID(str(value)))
    except ValueError:
        raise InputError(field, f"{value!r} is not a UUID") from None
