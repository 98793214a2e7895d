"""SQLAlchemy 2 models. One person per database in single-user mode; every table that a client
can write to carries a client-made UUID (`uuid`, unique) so a replayed write is stored once."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ProfileVersion(Base):
    __tablename__ = "profile_versions"
    __table_args__ = (UniqueConstraint("person_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PlanVersion(Base):
    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("person_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    profile_version_id: Mapped[int | None] = mapped_column(ForeignKey("profile_versions.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10))
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    blocks: Mapped[list[PlanBlock]] = relationship(
        order_by="PlanBlock.position", cascade="all, delete-orphan"
    )


class PlanBlock(Base):
    __tablename__ = "plan_blocks"
    __table_args__ = (UniqueConstraint("plan_version_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise: Mapped[str] = mapped_column(String(80))
    protocol: Mapped[str] = mapped_column(String(80))
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    hold_s: Mapped[float] = mapped_column(Float)
    rest_between_reps_s: Mapped[float] = mapped_column(Float)
    rest_s: Mapped[float] = mapped_column(Float)
    side: Mapped[str] = mapped_column(String(10))
    intensity_kind: Mapped[str] = mapped_column(String(20))
    intensity_value: Mapped[float | None] = mapped_column(Float)
    intent: Mapped[str] = mapped_column(String(20))
    joint_angle_deg: Mapped[float | None] = mapped_column(Float)
    muscle_length: Mapped[str | None] = mapped_column(String(10))
    evidence: Mapped[str] = mapped_column(String(20))


class TrainingSession(Base):
    __tablename__ = "sessions"
    #: one person's days (migration 2026_11_30_0013)
    __table_args__ = (Index("ix_sessions_person_day", "person_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    #: in_progress | complete | partial | stopped (a stop rule fired)
    status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(Text)


class SetRecord(Base):
    __tablename__ = "sets"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    exercise: Mapped[str] = mapped_column(String(80))
    set_number: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(10))
    planned_reps: Mapped[int] = mapped_column(Integer)
    reps_done: Mapped[int] = mapped_column(Integer)
    planned_hold_s: Mapped[float] = mapped_column(Float)
    hold_s: Mapped[float] = mapped_column(Float)
    intensity_kind: Mapped[str] = mapped_column(String(20))
    intensity_value: Mapped[float | None] = mapped_column(Float)
    #: what was actually used: % MVC, kg, effort... in the block's intensity kind
    load_value: Mapped[float | None] = mapped_column(Float)
    effort: Mapped[int | None] = mapped_column(Integer)
    pain_during: Mapped[int | None] = mapped_column(Integer)
    completed_at: Mapped[datetime] = mapped_column(DateTime)


class ExerciseReport(Base):
    """Pain and effort the person reported after finishing an exercise in a session."""

    __tablename__ = "exercise_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    exercise: Mapped[str] = mapped_column(String(80))
    pain_during: Mapped[int] = mapped_column(Integer)
    effort: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CheckIn(Base):
    __tablename__ = "checkins"
    #: one person's days (migration 2026_11_30_0013)
    __table_args__ = (Index("ix_checkins_person_day", "person_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    pain: Mapped[int] = mapped_column(Integer)
    stiffness: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class BloodPressureReading(Base):
    __tablename__ = "bp_readings"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    measured_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    systolic: Mapped[int] = mapped_column(Integer)
    diastolic: Mapped[int] = mapped_column(Integer)
    pulse: Mapped[int | None] = mapped_column(Integer)
    #: the cuff that measured it (its kind and name); None: typed in
    device: Mapped[str | None] = mapped_column(String(80))
    #: seated | standing | lying; None: not said (taken as seated)
    position: Mapped[str | None] = mapped_column(String(10))
    #: what the cuff reported about the measurement: irregular pulse, body movement, ...
    flags: Mapped[list[str] | None] = mapped_column(JSON)


class OutcomeScore(Base):
    __tablename__ = "outcome_scores"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    measure: Mapped[str] = mapped_column(String(40))  # a catalogue test id: pain-nrs, psfs
    score: Mapped[float] = mapped_column(Float)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class ProgramDecision(Base):
    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    from_plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    to_plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    exercise: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class DeskSettings(Base):
    """The person's desk-break schedule (one row a person; absent = the plan's defaults)."""

    __tablename__ = "desk_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class DeskBreak(Base):
    """One desk micro-break and what became of it: done, skipped or snoozed."""

    __tablename__ = "desk_breaks"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    plan_version_id: Mapped[int | None] = mapped_column(ForeignKey("plan_versions.id"))
    due_at: Mapped[datetime] = mapped_column(DateTime)
    #: the person's wall-clock time (weeks and days are counted on it) and the same moment in
    #: UTC (the schedule is worked out on it, whatever time zone the settings name later)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    recorded_utc: Mapped[datetime] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(10))
    #: the holds offered: [{"exercise": id, "hold_s": number}]
    holds: Mapped[list[Any]] = mapped_column(JSON)
    pain: Mapped[int | None] = mapped_column(Integer)


class ForceRecording(Base):
    """A raw force-time recording from a sensor (an MVC test or a %MVC hold), stored packed:
    see storage/force.py for the `encoding`."""

    __tablename__ = "force_recordings"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    #: mvc-test | pct-mvc-hold
    kind: Mapped[str] = mapped_column(String(20))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    sample_rate_hz: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(4))
    sample_count: Mapped[int] = mapped_column(Integer)
    encoding: Mapped[str] = mapped_column(String(20))
    samples: Mapped[bytes] = mapped_column(LargeBinary)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)


class DataVersion(Base):
    """How often a person's data has changed: database triggers add one on every row written
    to any table above (migration 2026_11_30_0005), so whatever is computed from the data (today's
    view, services/today.py) stays valid exactly while this stays. Derived: not in backups."""

    __tablename__ = "data_versions"
    __table_args__ = {"info": {"derived": True}}  # noqa: RUF012
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer)


def data_tables() -> list[Table]:
    """The tables of a person's data, parents before children (backups dump and load these);
    derived tables such as `data_versions` are rebuilt by the database and left out, and so are
    a clinic's accounts, sign-ins and audit log (storage/clinic_models.py), which are nobody's
    training data."""
    return [
        t
        for t in Base.metadata.sorted_tables
        if not t.info.get("derived") and not t.info.get("clinic")
    ]


from isohold.storage import alert_mail_models as _alert_mail_models  # noqa: E402, F401
from isohold.storage import clinic_models as _clinic_models  # noqa: E402, F401  (registers them)
from isohold.storage import message_models as _message_models  # noqa: E402, F401
from isohold.storage import workspace_models as _workspace_models  # noqa: E402, F401
