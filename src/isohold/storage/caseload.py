"""What the caseload figures need of many patients at once (services/caseload.py): each
one's first plan day, the pain in their first answers and their morning check-ins."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from isohold.storage.models import CheckIn, PlanVersion, ProfileVersion


def first_plans(session: Session, person_ids: Collection[int]) -> dict[int, datetime]:
    """When each patient's first plan version was made (patients without a plan left out)."""
    rows = session.execute(
        select(PlanVersion.person_id, func.min(PlanVersion.created_at))
        .where(PlanVersion.person_id.in_(person_ids))
        .group_by(PlanVersion.person_id)
    )
    return {pid: at for pid, at in rows if at is not None}


def first_answers(session: Session, person_ids: Collection[int]) -> dict[int, dict[str, object]]:
    """Each patient's first answers (profile version 1, or their earliest)."""
    first = (
        select(ProfileVersion.person_id, func.min(ProfileVersion.version).label("version"))
        .where(ProfileVersion.person_id.in_(person_ids))
        .group_by(ProfileVersion.person_id)
        .subquery()
    )
    rows = session.execute(
        select(ProfileVersion.person_id, ProfileVersion.data).join(
            first,
            and_(
                ProfileVersion.person_id == first.c.person_id,
                ProfileVersion.version == first.c.version,
            ),
        )
    )
    return {pid: data if isinstance(data, dict) else {} for pid, data in rows}


def mornings(session: Session, person_ids: Collection[int]) -> dict[int, list[tuple[date, int]]]:
    """Each patient's morning check-ins (day, pain) by day; a day with several keeps its latest."""
    rows = session.execute(
        select(CheckIn.person_id, CheckIn.day, CheckIn.pain)
        .where(CheckIn.person_id.in_(person_ids))
        .order_by(CheckIn.day, CheckIn.created_at, CheckIn.id)
    )
    by: dict[int, dict[date, int]] = defaultdict(dict)
    for pid, day, pain in rows:
        by[pid][day] = pain
    return {pid: sorted(days.items()) for pid, days in by.items()}
