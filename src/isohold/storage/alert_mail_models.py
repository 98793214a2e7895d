"""The tables of alert e-mails (migration 2026_11_30_0014): the clinicians who asked to be
e-mailed when a patient has a new alert, and the alerts each has been e-mailed about.

Clinic data like the accounts (clinic_models.py): backups leave them out (`info["clinic"]`)
and a personal database has them empty. Times are UTC without a zone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from isohold.storage.models import Base

#: clinic data (as clinic_models.CLINIC; kept here, as message_models.py does, so that this
#: module imports first without going round in a circle through models.py)
CLINIC = {"info": {"clinic": True}}


class AlertMailOptIn(Base):
    """A clinician asked to be e-mailed when a patient has a new alert (no row: they did not)."""

    __tablename__ = "alert_mail_opt_ins"
    __table_args__ = CLINIC
    clinician_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    at: Mapped[datetime] = mapped_column(DateTime)


class AlertMailed(Base):
    """An alert of a patient's that a clinician has been e-mailed about (`sent_at`), or is
    being: a sender claimed it (`claim`, `claimed_at`) and has not finished. The unique key is
    what keeps two senders (two worker processes, a cron job) from mailing it twice."""

    __tablename__ = "alert_mails"
    __table_args__ = (UniqueConstraint("clinician_id", "patient_id", "alert_key"), CLINIC)
    id: Mapped[int] = mapped_column(primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    #: the patient's account
    patient_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    alert_key: Mapped[str] = mapped_column(String(120))
    #: the sender's random token: it marks as sent, or gives back, only its own rows
    claim: Mapped[str] = mapped_column(String(32), index=True)
    claimed_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
