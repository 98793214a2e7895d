"""The audit log: rows are only ever added (and read); a trigger refuses changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.clinic_models import AuditEntry


def append(session: Session, entry: AuditEntry) -> None:
    session.add(entry)
    session.flush()


def since(session: Session, first: datetime, limit: int | None = None) -> Sequence[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.at >= first).order_by(AuditEntry.id)
    if limit is not None:
        query = query.limit(limit)
    return session.scalars(query).all()
