"""Acknowledged alerts: which alert keys a clinician has seen, per patient account."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.workspace_models import AlertAck


def keys_of(session: Session, patient_ids: Collection[int]) -> dict[int, frozenset[str]]:
    """Each patient's acknowledged alert keys (patients without any are left out)."""
    found: dict[int, set[str]] = defaultdict(set)
    rows = session.execute(
        select(AlertAck.patient_id, AlertAck.alert_key).where(
            AlertAck.patient_id.in_(list(patient_ids))
        )
    )
    for patient, key in rows:
        found[patient].add(key)
    return {patient: frozenset(keys) for patient, keys in found.items()}


def acks_of(session: Session, patient_id: int) -> dict[str, AlertAck]:
    rows = session.scalars(select(AlertAck).where(AlertAck.patient_id == patient_id))
    return {row.alert_key: row for row in rows}


def add(
    session: Session, patient_id: int, key: str, by_id: int, by_name: str, at: datetime
) -> tuple[AlertAck, bool]:
    """The acknowledgement of `key` (made now unless it was already): (row, made now)."""
    found = session.scalar(
        select(AlertAck).where(AlertAck.patient_id == patient_id, AlertAck.alert_key == key)
    )
    if found is not None:
        return found, False
    row = AlertAck(patient_id=patient_id, alert_key=key, by_id=by_id, by_name=by_name, at=at)
    session.add(row)
    session.flush()
    return row, True


def persons_of(session: Session, patient_ids: Collection[int]) -> dict[int, int]:
    """Each patient account's person id, in one query (a list of hundreds stays quick)."""
    from isohold.storage.clinic_models import Account

    rows = session.execute(
        select(Account.id, Account.person_id).where(
            Account.id.in_(list(patient_ids)), Account.person_id.is_not(None)
        )
    )
    return {account: person for account, person in rows if person is not None}
