"""The tables of notes and messages (migration 2026_11_30_0011): a clinician's clinical notes
about a patient, the messages between a patient and their clinicians, and how far each reader
has read a patient's thread.

Clinic data like the accounts (clinic_models.py): backups leave them out (`info["clinic"]`)
and a personal database has them empty. Times are UTC without a zone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from isohold.storage.models import Base

#: clinic data (as clinic_models.CLINIC; imported from there, importing this module first
#: would go round in a circle through models.py)
CLINIC = {"info": {"clinic": True}}


class ClinicalNote(Base):
    """A clinician's note about a patient, never shown to the patient. Append-only: a
    correction is a new note whose `corrects_id` names the note it corrects."""

    __tablename__ = "clinical_notes"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    #: the patient's account
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("clinical_notes.id"))
    at: Mapped[datetime] = mapped_column(DateTime)


class Message(Base):
    """One message in a patient's thread, from the patient or one of their clinicians."""

    __tablename__ = "messages"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    #: the patient's account: the thread it belongs to
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    sender_name: Mapped[str] = mapped_column(String(200))
    #: "patient" or "clinician"
    sender_role: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)


class MessageRead(Base):
    """How far `reader_id` has read the thread of `patient_id`: the last message id seen."""

    __tablename__ = "message_reads"
    __table_args__ = CLINIC
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    reader_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    last_read_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
