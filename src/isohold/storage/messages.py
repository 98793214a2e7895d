"""Clinical notes and a patient's message thread (clinic mode): rows in, rows out."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from isohold.storage.message_models import ClinicalNote, Message, MessageRead


def add_note(
    session: Session, patient_id: int, author_id: int, author_name: str, text: str,
    corrects_id: int | None, at: datetime,
) -> ClinicalNote:  # fmt: skip
    row = ClinicalNote(patient_id=patient_id, author_id=author_id, author_name=author_name,
                       text=text, corrects_id=corrects_id, at=at)  # fmt: skip
    session.add(row)
    session.flush()
    return row


def note(session: Session, patient_id: int, note_id: int) -> ClinicalNote | None:
    """The patient's note `note_id` (None when it is not this patient's)."""
    row = session.get(ClinicalNote, note_id)
    return row if row is not None and row.patient_id == patient_id else None


def notes_of(session: Session, patient_id: int) -> Sequence[ClinicalNote]:
    """The patient's notes, oldest first."""
    return session.scalars(
        select(ClinicalNote).where(ClinicalNote.patient_id == patient_id).order_by(ClinicalNote.id)
    ).all()


def add_message(
    session: Session, patient_id: int, sender_id: int, sender_name: str, sender_role: str,
    text: str, at: datetime,
) -> Message:  # fmt: skip
    row = Message(patient_id=patient_id, sender_id=sender_id, sender_name=sender_name,
                  sender_role=sender_role, text=text, at=at)  # fmt: skip
    session.add(row)
    session.flush()
    return row


def thread(session: Session, patient_id: int, limit: int) -> Sequence[Message]:
    """The newest `limit` messages of the patient's thread, oldest first."""
    rows = session.scalars(
        select(Message)
        .where(Message.patient_id == patient_id)
        .order_by(Message.id.desc())
        .limit(limit)
    ).all()
    return list(reversed(rows))


def last_read(session: Session, patient_id: int, reader_id: int) -> int:
    row = session.get(MessageRead, (patient_id, reader_id))
    return 0 if row is None else row.last_read_id


def mark_read(session: Session, patient_id: int, reader_id: int, up_to: int, at: datetime) -> None:
    """`reader_id` has read the thread up to message `up_to` (never moves back)."""
    row = session.get(MessageRead, (patient_id, reader_id))
    if row is None:
        try:  # the same reader opening the thread twice at once: the other one's row wins
            with session.begin_nested():
                session.add(MessageRead(patient_id=patient_id, reader_id=reader_id,
                                        last_read_id=up_to, at=at))  # fmt: skip
            return
        except IntegrityError:
            row = session.get(MessageRead, (patient_id, reader_id), populate_existing=True)
            if row is None:
                raise
    if up_to > row.last_read_id:
        row.last_read_id, row.at = up_to, at
    session.flush()


def unread(session: Session, patient_ids: Collection[int], reader_id: int,
           from_role: str) -> dict[int, int]:  # fmt: skip
    """Per patient thread: messages sent by `from_role` after what `reader_id` has read
    (threads with none are left out). One query, for a clinician's whole list."""
    seen = (
        select(MessageRead.patient_id, MessageRead.last_read_id)
        .where(MessageRead.reader_id == reader_id)
        .subquery()
    )
    rows = session.execute(
        select(Message.patient_id, func.count(Message.id))
        .outerjoin(seen, seen.c.patient_id == Message.patient_id)
        .where(
            Message.patient_id.in_(list(patient_ids)),
            Message.sender_role == from_role,
            Message.id > func.coalesce(seen.c.last_read_id, 0),
        )
        .group_by(Message.patient_id)
    )
    return {patient: int(count) for patient, count in rows}


def clinicians_of(session: Session, patient_id: int) -> list[str]:
    """The names of the patient's linked clinicians (who read the patient's thread)."""
    from isohold.storage.clinic_models import Account, CareLink  # not at the top: see models.py

    return list(
        session.scalars(
            select(Account.name)
            .join(CareLink, CareLink.clinician_id == Account.id)
            .where(CareLink.patient_id == patient_id)
            .order_by(Account.name)
        )
    )
