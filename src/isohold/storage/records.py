"""Idempotent writes: a row is found by its client-made UUID before it is inserted."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

T = TypeVar("T")


def by_uuid(session: Session, model: type[T], uuid: str) -> T | None:
    return session.scalars(select(model).where(model.uuid == uuid)).first()  # type: ignore[attr-defined]


def insert_once(session: Session, model: type[T], uuid: str, **values: Any) -> tuple[T, bool]:
    """Insert unless a row with this UUID exists; returns (row, created)."""
    found = by_uuid(session, model, uuid)
    if found is not None:
        return found, False
    row = model(uuid=uuid, **values)  # type: ignore[call-arg]
    session.add(row)
    session.flush()
    return row, True
