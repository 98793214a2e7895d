"""Training sessions, their sets and the pain/effort reported after each exercise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Dialect, TextClause, bindparam, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from isohold.storage.models import ExerciseReport, Person, SetRecord, TrainingSession
from isohold.storage.records import insert_once

OPEN = "in_progress"


def start(
    session: Session, person: Person, plan_version_id: int, uuid: str, now: datetime
) -> tuple[TrainingSession, bool]:
    return insert_once(
        session,
        TrainingSession,
        uuid,
        person_id=person.id,
        plan_version_id=plan_version_id,
        day=now.date(),
        started_at=now,
        status=OPEN,
    )


def open_sessions(session: Session, person: Person) -> list[TrainingSession]:
    return list(
        session.scalars(
            select(TrainingSession)
            .where(TrainingSession.person_id == person.id, TrainingSession.status == OPEN)
            .order_by(TrainingSession.started_at)
        )
    )


# The hot path of a guided session is one fixed statement, compiled once per database kind and
# run on the driver's own cursor (SQLAlchemy's statement building and execution cost more than
# the insert itself): it copies the planned dose from the session's plan and lets the unique
# index drop a replay. It runs on SQLite and PostgreSQL.
_DONE = (
    "uuid", "exercise", "set_number", "side", "reps_done", "hold_s", "load_value", "effort",
    "pain_during", "completed_at",
)  # fmt: skip
_INSERT_SET = text(
    "INSERT INTO sets (session_id, planned_reps, planned_hold_s, intensity_kind, "
    f"intensity_value, {', '.join(_DONE)}) "
    "SELECT t.id, b.reps, b.hold_s, b.intensity_kind, b.intensity_value, "
    f"{', '.join(':' + c for c in _DONE)} "
    "FROM sessions t JOIN plan_blocks b "
    "ON b.plan_version_id = t.plan_version_id AND b.exercise = :exercise "
    "WHERE t.uuid = :session ON CONFLICT (uuid) DO NOTHING"
).bindparams(bindparam("completed_at", type_=DateTime()))
_SESSION_AND_BLOCK = text(
    "SELECT t.id, b.id FROM sessions t LEFT JOIN plan_blocks b "
    "ON b.plan_version_id = t.plan_version_id AND b.exercise = :exercise WHERE t.uuid = :session"
)


@dataclass(frozen=True)
class _Driver:
    """A statement in the driver's own words: its text, and how to lay out its parameters."""

    sql: str
    names: tuple[str, ...] | None  # positional parameters in this order; None: by name
    stamp: Callable[[Any], Any] | None  # the driver's form of `completed_at`

    def params(self, values: dict[str, Any]) -> Any:
        if self.stamp is not None:
            values = {**values, "completed_at": self.stamp(values["completed_at"])}
        return values if self.names is None else tuple(values[n] for n in self.names)


#: by database kind and statement (module constants: their ids stay theirs)
_DRIVERS: dict[tuple[str, str, int], _Driver] = {}


def _driver(dialect: Dialect, statement: TextClause) -> _Driver:
    key = (dialect.name, str(dialect.driver), id(statement))
    found = _DRIVERS.get(key)
    if found is None:
        compiled = statement.compile(dialect=dialect)
        names = tuple(compiled.positiontup or ()) if dialect.positional else None
        stamp = DateTime().dialect_impl(dialect).bind_processor(dialect)
        found = _DRIVERS[key] = _Driver(compiled.string, names, stamp)
    return found


def insert_sets(conn: Connection, sets: list[dict[str, Any]]) -> list[bool | None]:
    """Save sets in the connection's transaction, each a dict of `session` (its UUID) and the
    set's fields. For each: True when stored, False for a replay (its UUID is already there: the
    unique index decides, so two processes replaying it store it once), None when the session
    does not exist or does not plan this exercise. A driver error is raised as SQLAlchemy's."""
    insert = _driver(conn.dialect, _INSERT_SET)
    found = _driver(conn.dialect, _SESSION_AND_BLOCK)
    dbapi = conn.dialect.loaded_dbapi
    cursor = conn.connection.cursor()
    results: list[bool | None] = []
    sql, params = insert.sql, None
    try:
        for values in sets:
            sql, params = insert.sql, insert.params(values)
            cursor.execute(sql, params)
            if cursor.rowcount:
                results.append(True)
                continue
            sql, params = found.sql, found.params(values)
            cursor.execute(sql, params)
            row = cursor.fetchone()
            results.append(False if row is not None and row[1] is not None else None)
    except dbapi.Error as error:
        raise DBAPIError.instance(sql, params, error, dbapi.Error) from None
    finally:
        cursor.close()
    return results


def session_exists(conn: Connection, session: str) -> bool:
    return (
        conn.execute(select(TrainingSession.id).where(TrainingSession.uuid == session)).first()
        is not None
    )


def add_report(
    session: Session, training: TrainingSession, uuid: str, **values: Any
) -> tuple[ExerciseReport, bool]:
    return insert_once(session, ExerciseReport, uuid, session_id=training.id, **values)


def sets_of(session: Session, training_id: int) -> list[SetRecord]:
    return list(
        session.scalars(
            select(SetRecord).where(SetRecord.session_id == training_id).order_by(SetRecord.id)
        )
    )


def reports_of(session: Session, training_id: int) -> list[ExerciseReport]:
    return list(
        session.scalars(
            select(ExerciseReport)
            .where(ExerciseReport.session_id == training_id)
            .order_by(ExerciseReport.id)
        )
    )


def sessions_between(
    session: Session, person: Person, first: date, last: date
) -> list[TrainingSession]:
    return list(
        session.scalars(
            select(TrainingSession)
            .where(
                TrainingSession.person_id == person.id,
                TrainingSession.day >= first,
                TrainingSession.day <= last,
            )
            .order_by(TrainingSession.started_at)
        )
    )


def training_days(session: Session, person_id: int, first: date, last: date) -> set[date]:
    """Days in the range with at least one saved set."""
    has_sets = select(SetRecord.id).where(SetRecord.session_id == TrainingSession.id).exists()
    rows = session.execute(
        select(TrainingSession.day)
        .where(
            TrainingSession.person_id == person_id,
            TrainingSession.day >= first,
            TrainingSession.day <= last,
            has_sets,
        )
        .distinct()
    )
    return {row[0] for row in rows}


def worst_pain(session: Session, training_id: int) -> int | None:
    """The highest pain reported in a session (after an exercise, or with a logged set)."""
    reported = session.scalar(
        select(func.max(ExerciseReport.pain_during)).where(ExerciseReport.session_id == training_id)
    )
    logged = session.scalar(
        select(func.max(SetRecord.pain_during)).where(SetRecord.session_id == training_id)
    )
    known = [p for p in (reported, logged) if p is not None]
    return max(known) if known else None


def last_training_before(session: Session, person_id: int, day: date) -> TrainingSession | None:
    """The latest session before `day` that has at least one saved set."""
    has_sets = select(SetRecord.id).where(SetRecord.session_id == TrainingSession.id).exists()
    return session.scalars(
        select(TrainingSession)
        .where(TrainingSession.person_id == person_id, TrainingSession.day < day, has_sets)
        .order_by(TrainingSession.day.desc(), TrainingSession.started_at.desc())
    ).first()


def worst_pain_by_exercise(session: Session, plan_version_id: int) -> dict[str, int]:
    """The highest pain reported per exercise in the sessions of one plan version."""
    rows = session.execute(
        select(ExerciseReport.exercise, func.max(ExerciseReport.pain_during))
        .join(TrainingSession, TrainingSession.id == ExerciseReport.session_id)
        .where(TrainingSession.plan_version_id == plan_version_id)
        .group_by(ExerciseReport.exercise)
    )
    return {exercise: pain for exercise, pain in rows}
