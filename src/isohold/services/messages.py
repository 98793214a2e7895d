"""Clinical notes and messages (clinic mode, issue 14 item 5).

- Notes: a clinician's notes about a linked patient, never shown to the patient. Append-only:
  a correction is a new note naming the note it corrects (`corrects`); nothing is deleted.
- Messages: one thread per patient between the patient and their clinicians. Plain text
  (pages escape it). Opening a thread marks it read for the reader; the unread count of a
  reader is the messages from the other side sent after what they last opened.

The clinic gate (web/clinic.py) has checked that a clinician is linked to the patient and
written the audit row before any of this runs; a patient only ever reaches their own thread.
"""

from __future__ import annotations

import re
from typing import Any

from isohold.domain.errors import ConflictError, InputError, NotAllowedError
from isohold.services.accounts import utc
from isohold.services.context import Context
from isohold.services.signin import Who
from isohold.storage import messages as store
from isohold.storage.message_models import ClinicalNote, Message

MAX_NOTE_CHARS = 5000
MAX_MESSAGE_CHARS = 2000
#: the newest messages a thread shows
THREAD_LIMIT = 200
PATIENT, CLINICIAN = "patient", "clinician"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NO_CLINICIAN = ("No clinician is linked to your account yet, so there is no one to read a "
                "message: it was not sent. Your clinic links you when it invites you.")  # fmt: skip
ONLY_PATIENTS = ("Messages here are a patient's own thread with their clinician; a clinician "
                 "opens a patient's thread at /api/v1/patients/{id}/messages.")  # fmt: skip
JSON = dict[str, Any]


def clean_text(raw: object, limit: int, field: str = "text") -> str:
    """The text as stored: a string, not blank, at most `limit` characters, no control
    characters but line breaks and tabs. InputError naming `field` and the reason otherwise."""
    if not isinstance(raw, str):
        raise InputError(field, "give the text as a string")
    text = raw.replace("\r\n", "\n").strip()
    if not text:
        raise InputError(field, "is empty: write something first")
    if len(text) > limit:
        raise InputError(field, f"is {len(text)} characters long; the most is {limit}")
    if _CONTROL.search(text):
        raise InputError(field, "contains control characters; send plain text")
    return text


def _time(row: ClinicalNote | Message) -> str:
    return row.at.isoformat(timespec="seconds") + "Z"


def _note(row: ClinicalNote, corrected_by: list[int]) -> JSON:
    return {"id": row.id, "text": row.text, "author": row.author_name, "author_id": row.author_id,
            "at": _time(row), "corrects": row.corrects_id,
            "corrected_by": corrected_by}  # fmt: skip


def _message(row: Message, new: bool = False) -> JSON:
    return {"id": row.id, "text": row.text, "from": row.sender_role, "sender": row.sender_name,
            "at": _time(row), "new": new}  # fmt: skip


def _clinician(who: Who) -> None:
    if who.role != CLINICIAN:
        raise NotAllowedError("Only a clinician writes and reads clinical notes.")


def add_note(ctx: Context, who: Who, patient_id: int, body: object) -> JSON:
    """A new note about the patient by `who`: {"text", "corrects"?: the id of an earlier note
    of this patient that it corrects}."""
    _clinician(who)
    if not isinstance(body, dict):
        raise InputError("text", 'send {"text": "..."} (and "corrects": a note id, optional)')
    text = clean_text(body.get("text"), MAX_NOTE_CHARS)
    corrects = body.get("corrects")
    if corrects is not None and (isinstance(corrects, bool) or not isinstance(corrects, int)):
        raise InputError("corrects", "give the id (a number) of the note this one corrects")
    with ctx.db.transaction() as s:
        if corrects is not None and store.note(s, patient_id, corrects) is None:
            raise InputError("corrects", f"this patient has no note {corrects}")
        row = store.add_note(s, patient_id, who.account_id, who.name, text, corrects, utc(ctx))
        return _note(row, [])


def notes(ctx: Context, who: Who, patient_id: int) -> list[JSON]:
    """The patient's notes, newest first; each says which later notes correct it."""
    _clinician(who)
    with ctx.db.reading() as s:
        rows = list(store.notes_of(s, patient_id))
    corrected: dict[int, list[int]] = {}
    for row in rows:
        if row.corrects_id is not None:
            corrected.setdefault(row.corrects_id, []).append(row.id)
    return [_note(row, corrected.get(row.id, [])) for row in reversed(rows)]


def _side(who: Who) -> tuple[str, str]:
    """(the reader's side, the other side) of a thread."""
    if who.role == PATIENT:
        return PATIENT, CLINICIAN
    if who.role == CLINICIAN:
        return CLINICIAN, PATIENT
    raise NotAllowedError(ONLY_PATIENTS)


def own_thread(who: Who) -> int:
    """The patient account whose thread a patient reaches at /api/v1/messages."""
    if who.role != PATIENT:
        raise NotAllowedError(ONLY_PATIENTS)
    return who.account_id


def send(ctx: Context, who: Who, patient_id: int, body: object) -> JSON:
    """A message from `who` in the patient's thread: {"text"}."""
    mine, _ = _side(who)
    if not isinstance(body, dict):
        raise InputError("text", 'send {"text": "..."}')
    text = clean_text(body.get("text"), MAX_MESSAGE_CHARS)
    with ctx.db.transaction() as s:
        if mine == PATIENT and not store.clinicians_of(s, patient_id):
            raise ConflictError(NO_CLINICIAN)
        row = store.add_message(s, patient_id, who.account_id, who.name, mine, text, utc(ctx))
        # what one writes, one has read: the thread up to here is read for the sender
        store.mark_read(s, patient_id, who.account_id, row.id, row.at)
        return _message(row)


def open_thread(ctx: Context, who: Who, patient_id: int, mark: bool = True) -> JSON:
    """The thread's newest messages (oldest first), `unread`: how many from the other side
    were new to the reader, each marked `new`, and the names of the patient's `clinicians`;
    opening it marks it read (unless `mark` is False)."""
    _, other = _side(who)
    with ctx.db.reading() as s:
        seen = store.last_read(s, patient_id, who.account_id)
        rows = list(store.thread(s, patient_id, THREAD_LIMIT))
        unread = store.unread(s, [patient_id], who.account_id, other).get(patient_id, 0)
        clinicians = store.clinicians_of(s, patient_id)
    if mark and rows and rows[-1].id > seen:  # a write only when there is something new
        with ctx.db.transaction() as s:
            store.mark_read(s, patient_id, who.account_id, rows[-1].id, utc(ctx))
    shown = [_message(r, new=r.sender_role == other and r.id > seen) for r in rows]
    return {"messages": shown, "unread": unread, "clinicians": clinicians,
            "max_chars": MAX_MESSAGE_CHARS}  # fmt: skip


def unread_counts(ctx: Context, who: Who, patient_ids: list[int]) -> dict[int, int]:
    """For a clinician's list: each patient's messages the clinician has not opened yet."""
    with ctx.db.reading() as s:
        return store.unread(s, patient_ids, who.account_id, PATIENT)


def unread_for_patient(ctx: Context, who: Who) -> int:
    """For a patient's menu: their clinicians' messages they have not opened yet."""
    with ctx.db.reading() as s:
        return store.unread(s, [own_thread(who)], who.account_id, CLINICIAN).get(who.account_id, 0)
