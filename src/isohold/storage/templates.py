"""A clinician's program templates (workspace_models.ProgramTemplate)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.workspace_models import ProgramTemplate


def add(session: Session, row: ProgramTemplate) -> ProgramTemplate:
    session.add(row)
    session.flush()
    return row


def named(session: Session, owner_id: int, name: str) -> ProgramTemplate | None:
    return session.scalars(
        select(ProgramTemplate).where(
            ProgramTemplate.owner_id == owner_id, ProgramTemplate.name == name
        )
    ).first()


def owned(session: Session, owner_id: int) -> Sequence[ProgramTemplate]:
    """The clinician's templates by name."""
    return session.scalars(
        select(ProgramTemplate)
        .where(ProgramTemplate.owner_id == owner_id)
        .order_by(ProgramTemplate.name, ProgramTemplate.id)
    ).all()


def own(session: Session, owner_id: int, template_id: int) -> ProgramTemplate | None:
    """The template when it is this clinician's (None: no such template, or another's)."""
    row = session.get(ProgramTemplate, template_id)
    return row if row is not None and row.owner_id == owner_id else None


def delete(session: Session, row: ProgramTemplate) -> None:
    session.delete(row)
    session.flush()
