"""Each patient's review mode and the weekly reviews proposed for a clinician's approval."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from isohold.storage.workspace_models import ReviewMode, ReviewProposal

APPLY, PROPOSE = "apply", "propose"
MODES = (APPLY, PROPOSE)
PENDING, APPROVED, REJECTED, SUPERSEDED = "pending", "approved", "rejected", "superseded"


def mode_of(session: Session, person_id: int) -> str:
    row = session.get(ReviewMode, person_id)
    return row.mode if row is not None else APPLY


def set_mode(session: Session, person_id: int, mode: str, by_id: int | None, at: datetime) -> None:
    row = session.get(ReviewMode, person_id)
    if row is None:
        session.add(ReviewMode(person_id=person_id, mode=mode, by_id=by_id, at=at))
    else:
        row.mode, row.by_id, row.at = mode, by_id, at
    session.flush()


def propose(session: Session, row: ReviewProposal) -> ReviewProposal:
    """A new pending proposal; earlier pending ones of the person are superseded."""
    session.execute(
        update(ReviewProposal)
        .where(ReviewProposal.person_id == row.person_id, ReviewProposal.status == PENDING)
        .values(status=SUPERSEDED)
    )
    session.add(row)
    session.flush()
    return row


def proposals_of(session: Session, person_id: int) -> list[ReviewProposal]:
    """Newest first."""
    return list(
        session.scalars(
            select(ReviewProposal)
            .where(ReviewProposal.person_id == person_id)
            .order_by(ReviewProposal.id.desc())
        )
    )


def proposal(session: Session, person_id: int, proposal_id: int) -> ReviewProposal | None:
    row = session.get(ReviewProposal, proposal_id)
    return row if row is not None and row.person_id == person_id else None


def pending_counts(session: Session, person_ids: list[int]) -> dict[int, int]:
    """How many proposals wait for approval, per person (none: left out)."""
    from sqlalchemy import func

    rows = session.execute(
        select(ReviewProposal.person_id, func.count(ReviewProposal.id))
        .where(ReviewProposal.person_id.in_(person_ids), ReviewProposal.status == PENDING)
        .group_by(ReviewProposal.person_id)
    )
    return {person: int(n) for person, n in rows}
