"""Passkeys (WebAuthn credentials) of clinic accounts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.clinic_models import Passkey


def add(session: Session, *, account_id: int, credential_id: str, public_key: bytes,
        sign_count: int, name: str, now: datetime) -> Passkey:  # fmt: skip
    passkey = Passkey(account_id=account_id, credential_id=credential_id, public_key=public_key,
                      sign_count=sign_count, name=name, created_at=now)  # fmt: skip
    session.add(passkey)
    session.flush()
    return passkey


def by_credential(session: Session, credential_id: str) -> Passkey | None:
    return session.scalars(select(Passkey).where(Passkey.credential_id == credential_id)).first()


def of_account(session: Session, account_id: int) -> Sequence[Passkey]:
    query = select(Passkey).where(Passkey.account_id == account_id).order_by(Passkey.id)
    return session.scalars(query).all()


def remove(session: Session, account_id: int, passkey_id: int) -> bool:
    found = session.get(Passkey, passkey_id)
    if found is None or found.account_id != account_id:
        return False
    session.delete(found)
    session.flush()
    return True
