"""The tables of a clinician's workspace (migration 2026_11_30_0009): alerts acknowledged, who
changed a plan version and why, each patient's review mode and the weekly reviews waiting for
a clinician's approval.

Like the accounts (clinic_models.py) they are clinic data, not a person's training log:
backups leave them out (`info["clinic"]`) and a personal database has them empty. Times are
UTC without a zone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from isohold.storage.clinic_models import CLINIC
from isohold.storage.models import Base


class AlertAck(Base):
    """A clinician has seen an alert: its key names the rule and its evidence, so a new
    occurrence (a later session, another reading) is a new alert."""

    __tablename__ = "alert_acks"
    __table_args__ = (UniqueConstraint("patient_id", "alert_key"), CLINIC)
    id: Mapped[int] = mapped_column(primary_key=True)
    #: the patient's account
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    alert_key: Mapped[str] = mapped_column(String(120))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    by_name: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime)


class PlanEdit(Base):
    """Who made a plan version by hand (a clinician), why, and the limits it crosses."""

    __tablename__ = "plan_edits"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE"), unique=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    #: what changed and the limits crossed, in plain words
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(DateTime)


class ReviewMode(Base):
    """How a patient's weekly review takes effect: "apply" (at once, the default without a
    row) or "propose" (it waits for a clinician's approval)."""

    __tablename__ = "review_modes"
    __table_args__ = CLINIC
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[str] = mapped_column(String(10))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime)


class ReviewProposal(Base):
    """A weekly review's plan waiting for a clinician: pending, then approved (it became
    `to_plan_version_id`), rejected or superseded (the plan changed under it)."""

    __tablename__ = "review_proposals"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    from_plan_version_id: Mapped[int] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: the proposed plan (contract 2) and the review's decisions
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    decisions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10))
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL")
    )
    decided_by_name: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    to_plan_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_versions.id", ondelete="SET NULL")
    )


class ProgramTemplate(Base):
    """A clinician's named program (migration 2026_11_30_0012): the blocks of a patient's plan
    as they were saved (exercise, dose, intensity, angle, side and their sources), nothing of
    the patient's; applied to another patient block by block through the prescribing rules."""

    __tablename__ = "program_templates"
    __table_args__ = (UniqueConstraint("owner_id", "name"), CLINIC)
    id: Mapped[int] = mapped_column(primary_key=True)
    #: the clinician whose template it is
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    #: the blocks, as a plan document's program holds them
    blocks: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
