"""Plan versions: the full contract-2 document plus its blocks as rows (history is kept)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from isohold.domain.plan import Plan, plan_from_dict
from isohold.storage.models import Person, PlanBlock, PlanVersion


def add_plan(
    session: Session,
    person: Person,
    plan: Plan,
    *,
    reason: str,
    now: datetime,
    profile_version_id: int | None,
) -> PlanVersion:
    last = session.scalar(
        select(func.max(PlanVersion.version)).where(PlanVersion.person_id == person.id)
    )
    row = PlanVersion(
        person_id=person.id,
        version=(last or 0) + 1,
        profile_version_id=profile_version_id,
        created_at=now,
        reason=reason,
        status=plan.status,
        document=plan.to_dict(),
    )
    blocks = plan.program.blocks if plan.program is not None else ()
    row.blocks = [
        PlanBlock(
            position=i,
            exercise=b.exercise,
            protocol=b.protocol,
            sets=b.sets,
            reps=b.reps,
            hold_s=b.hold_s,
            rest_between_reps_s=b.rest_between_reps_s,
            rest_s=b.rest_s,
            side=b.side,
            intensity_kind=b.intensity_kind,
            intensity_value=b.intensity_value,
            intent=b.intent,
            joint_angle_deg=b.joint_angle_deg,
            muscle_length=b.muscle_length,
            evidence=b.evidence,
        )
        for i, b in enumerate(blocks)
    ]
    session.add(row)
    session.flush()
    return row


def planned_dose(
    session: Session | Connection, plan_version_id: int, exercise: str
) -> tuple[int, float, str, float | None] | None:
    """(reps, hold_s, intensity_kind, intensity_value) of an exercise in a plan version."""
    row = session.execute(
        select(
            PlanBlock.reps, PlanBlock.hold_s, PlanBlock.intensity_kind, PlanBlock.intensity_value
        ).where(PlanBlock.plan_version_id == plan_version_id, PlanBlock.exercise == exercise)
    ).first()
    return None if row is None else (row[0], row[1], row[2], row[3])


def current_plan(session: Session, person: Person) -> PlanVersion | None:
    return session.scalars(
        select(PlanVersion)
        .where(PlanVersion.person_id == person.id)
        .order_by(PlanVersion.version.desc())
    ).first()


def plan_of(row: PlanVersion) -> Plan:
    return plan_from_dict(row.document)


def plan_history(session: Session, person: Person) -> list[PlanVersion]:
    return list(
        session.scalars(
            select(PlanVersion)
            .where(PlanVersion.person_id == person.id)
            .order_by(PlanVersion.version)
        )
    )


def set_joint_angles(session: Session, row: PlanVersion, plan: Plan) -> None:
    """Calibrate a plan version in place: its blocks' joint angles (and its document) become
    `plan`'s, everything else stays (a test's angle sets the dose the plan already holds)."""
    blocks = plan.program.blocks if plan.program is not None else ()
    assert len(blocks) == len(row.blocks)
    for stored, block in zip(row.blocks, blocks, strict=True):
        assert stored.exercise == block.exercise
        stored.joint_angle_deg = block.joint_angle_deg
    row.document = plan.to_dict()
    session.flush()
