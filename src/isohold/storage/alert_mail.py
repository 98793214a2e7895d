"""Alert e-mails: who asked for them, and which alerts each clinician has been mailed about.

A sender claims the alerts it is about to mail in one unit of work: a new row per alert (the
unique key refuses a second sender's row for the same alert), or a claim left by a sender that
stopped before it finished (older than `stale_before`). It then marks its rows sent, or gives
them back when the e-mail did not go, so the next pass tries again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from isohold.storage.alert_mail_models import AlertMailed, AlertMailOptIn
from isohold.storage.clinic_models import Account


def is_on(session: Session, clinician_id: int) -> bool:
    return session.get(AlertMailOptIn, clinician_id) is not None


def set_on(session: Session, clinician_id: int, on: bool, at: datetime) -> bool:
    """Turn alert e-mails on or off for a clinician: whether that changed anything."""
    row = session.get(AlertMailOptIn, clinician_id)
    if on and row is None:
        session.add(AlertMailOptIn(clinician_id=clinician_id, at=at))
        session.flush()
        return True
    if not on and row is not None:
        session.delete(row)
        session.flush()
        return True
    return False


def opted_in(session: Session) -> list[tuple[int, str]]:
    """The clinicians (id, e-mail address) who asked for alert e-mails, their account still a
    clinician's and not disabled."""
    rows = session.execute(
        select(Account.id, Account.email)
        .join(AlertMailOptIn, AlertMailOptIn.clinician_id == Account.id)
        .where(Account.role == "clinician", Account.disabled_at.is_(None))
        .order_by(Account.id)
    )
    return [(account, email) for account, email in rows]


def claim(
    session: Session, clinician_id: int, keys: Mapping[int, Sequence[str]], token: str,
    now: datetime, stale_before: datetime,
) -> dict[int, list[str]]:  # fmt: skip
    """Claim for `token` each patient's alert keys that no one has mailed or is mailing to
    this clinician: the keys claimed, by patient (those with none left out)."""
    known = {
        (row.patient_id, row.alert_key): row
        for row in session.scalars(
            select(AlertMailed).where(
                AlertMailed.clinician_id == clinician_id,
                AlertMailed.patient_id.in_(list(keys)),
            )
        )
    }
    claimed: dict[int, list[str]] = {}
    # in one order, so two senders on PostgreSQL wait on each other's rows without a deadlock
    for patient, key in sorted((p, k) for p, ks in keys.items() for k in set(ks)):
        row = known.get((patient, key))
        if row is None:
            mailed = AlertMailed(clinician_id=clinician_id, patient_id=patient, alert_key=key,
                                 claim=token, claimed_at=now)  # fmt: skip
            taken = _insert(session, mailed)
        elif row.sent_at is None and row.claimed_at < stale_before:
            taken = _take_over(session, row, token, now)
        else:
            taken = False
        if taken:
            claimed.setdefault(patient, []).append(key)
    return claimed


def _insert(session: Session, row: AlertMailed) -> bool:
    try:  # another sender's row for the same alert: theirs to mail
        with session.begin_nested():
            session.add(row)
        return True
    except IntegrityError:
        return False


def _take_over(session: Session, row: AlertMailed, token: str, now: datetime) -> bool:
    """A stale claim becomes `token`'s, unless another sender took it over first."""
    done = session.execute(
        update(AlertMailed)
        .where(AlertMailed.id == row.id, AlertMailed.claim == row.claim)
        .where(AlertMailed.sent_at.is_(None))
        .values(claim=token, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(done, "rowcount", 0) == 1)


def mark_sent(session: Session, token: str, at: datetime) -> None:
    session.execute(
        update(AlertMailed)
        .where(AlertMailed.claim == token, AlertMailed.sent_at.is_(None))
        .values(sent_at=at)
        .execution_options(synchronize_session=False)
    )


def give_back(session: Session, token: str) -> None:
    """The claim's alerts were not mailed: the next pass claims them again."""
    session.execute(
        delete(AlertMailed)
        .where(AlertMailed.claim == token, AlertMailed.sent_at.is_(None))
        .execution_options(synchronize_session=False)
    )
