"""Accounts, care links, sign-in sessions and failed sign-ins (clinic mode)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from isohold.storage.clinic_models import Account, CareLink, SignIn, SignInFailure


def by_email(session: Session, email: str) -> Account | None:
    return session.scalars(select(Account).where(Account.email == email)).first()


def by_id(session: Session, account_id: int) -> Account | None:
    return session.get(Account, account_id)


def add_account(
    session: Session, *, email: str, name: str, role: str, password_hash: str,
    person_id: int | None, now: datetime,
) -> Account:  # fmt: skip
    account = Account(email=email, name=name, role=role, password_hash=password_hash,
                      totp_enabled=False, person_id=person_id, created_at=now)  # fmt: skip
    session.add(account)
    session.flush()
    return account


def link(session: Session, clinician_id: int, patient_id: int, now: datetime) -> bool:
    """Link a clinician to a patient; False when they were linked already."""
    if session.get(CareLink, (clinician_id, patient_id)) is not None:
        return False
    session.add(CareLink(clinician_id=clinician_id, patient_id=patient_id, created_at=now))
    session.flush()
    return True


def linked(session: Session, clinician_id: int, patient_id: int) -> bool:
    return session.get(CareLink, (clinician_id, patient_id)) is not None


def patients_of(session: Session, clinician_id: int) -> Sequence[Account]:
    return session.scalars(
        select(Account)
        .join(CareLink, CareLink.patient_id == Account.id)
        .where(CareLink.clinician_id == clinician_id)
        .order_by(Account.name, Account.id)
    ).all()


def linked_patients(session: Session) -> list[int]:
    """Every patient account some clinician is linked to."""
    return list(session.scalars(select(CareLink.patient_id).distinct()))


def all_accounts(session: Session) -> Sequence[Account]:
    return session.scalars(select(Account).order_by(Account.id)).all()


def add_sign_in(session: Session, account_id: int, token_hash: str, now: datetime) -> SignIn:
    row = SignIn(token_hash=token_hash, account_id=account_id, created_at=now, last_seen_at=now)
    session.add(row)
    session.flush()
    return row


def sign_in_by_hash(session: Session, token_hash: str) -> SignIn | None:
    return session.scalars(select(SignIn).where(SignIn.token_hash == token_hash)).first()


def revoke(session: Session, token_hash: str, now: datetime) -> None:
    session.execute(
        update(SignIn)
        .where(SignIn.token_hash == token_hash, SignIn.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def revoke_all(session: Session, account_id: int, now: datetime) -> int:
    """End every sign-in of an account; how many were open."""
    result = session.execute(
        update(SignIn)
        .where(SignIn.account_id == account_id, SignIn.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def add_failure(session: Session, email: str, address: str, now: datetime) -> None:
    session.add(SignInFailure(email=email, address=address, at=now))
    session.flush()


def failures_since(session: Session, email: str, address: str, since: datetime) -> int:
    """Failed sign-ins since `since` for this e-mail or from this address, the larger count."""
    by_email = session.scalar(
        select(func.count()).where(SignInFailure.email == email, SignInFailure.at >= since)
    )
    by_address = session.scalar(
        select(func.count()).where(SignInFailure.address == address, SignInFailure.at >= since)
    )
    return max(int(by_email or 0), int(by_address or 0))


def session_person(session: Session, session_uuid: str) -> int | None:
    """The person a training session belongs to (None: no such session)."""
    from isohold.storage.models import TrainingSession

    return session.scalar(
        select(TrainingSession.person_id).where(TrainingSession.uuid == session_uuid)
    )


def last_sign_ins(session: Session) -> dict[int, datetime]:
    """Each account's latest sign-in."""
    rows = session.execute(
        select(SignIn.account_id, func.max(SignIn.created_at)).group_by(SignIn.account_id)
    ).all()
    return {int(account_id): at for account_id, at in rows}
