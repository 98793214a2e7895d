"""Outcome scores (the `outcome_scores` table): one row a result, its measure a catalogue test
id. A side (left, right), the PSFS activities and who entered it live in `detail`."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.models import OutcomeScore, Person
from isohold.storage.records import insert_once


def add_score(
    session: Session,
    person: Person,
    uuid: str,
    measure: str,
    score: float,
    detail: dict[str, Any],
    at: datetime,
) -> tuple[OutcomeScore, bool]:
    """Save a score unless this UUID was saved before; returns (row, created)."""
    return insert_once(
        session, OutcomeScore, uuid, person_id=person.id, measure=measure, score=score,
        detail=detail, recorded_at=at,
    )  # fmt: skip


def scores_of(
    session: Session,
    person: Person,
    measures: Collection[str],
    first: datetime | None = None,
    last: datetime | None = None,
) -> list[OutcomeScore]:
    """The person's scores of these measures, oldest first (within first..last when given)."""
    query = select(OutcomeScore).where(
        OutcomeScore.person_id == person.id, OutcomeScore.measure.in_(list(measures))
    )
    if first is not None:
        query = query.where(OutcomeScore.recorded_at >= first)
    if last is not None:
        query = query.where(OutcomeScore.recorded_at <= last)
    return list(session.scalars(query.order_by(OutcomeScore.recorded_at, OutcomeScore.id)))
