"""Invitation and password-reset links (clinic mode): found by the hash of their secret, used
once by a conditional update (two people opening the same link at once: one wins)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from isohold.storage.clinic_models import AccountLink, AuditEntry


def add(
    session: Session, *, kind: str, token_hash: str, email: str, now: datetime,
    expires_at: datetime, account_id: int | None = None, clinician_id: int | None = None,
    created_by: int | None = None,
) -> AccountLink:  # fmt: skip
    link = AccountLink(kind=kind, token_hash=token_hash, email=email, account_id=account_id,
                       clinician_id=clinician_id, created_by=created_by, created_at=now,
                       expires_at=expires_at)  # fmt: skip
    session.add(link)
    session.flush()
    return link


def by_hash(session: Session, token_hash: str) -> AccountLink | None:
    return session.scalars(select(AccountLink).where(AccountLink.token_hash == token_hash)).first()


def by_id(session: Session, link_id: int) -> AccountLink | None:
    return session.get(AccountLink, link_id)


def use(session: Session, link_id: int, now: datetime) -> bool:
    """Mark a link used; False when it was used or withdrawn meanwhile."""
    result = session.execute(
        update(AccountLink)
        .where(AccountLink.id == link_id, AccountLink.used_at.is_(None),
               AccountLink.revoked_at.is_(None))
        .values(used_at=now)
    )  # fmt: skip
    return int(getattr(result, "rowcount", 0) or 0) == 1


def open_invitations(
    session: Session, now: datetime, created_by: int | None
) -> Sequence[AccountLink]:
    """Invitations not used, withdrawn nor expired (made by `created_by`; None: anyone's)."""
    query = select(AccountLink).where(
        AccountLink.kind == "invitation",
        AccountLink.used_at.is_(None),
        AccountLink.revoked_at.is_(None),
        AccountLink.expires_at > now,
    )
    if created_by is not None:
        query = query.where(AccountLink.created_by == created_by)
    return session.scalars(query.order_by(AccountLink.id)).all()


def revoke_open(session: Session, kind: str, account_id: int, now: datetime) -> None:
    """Withdraw an account's open links of one kind (a new reset link replaces the last)."""
    session.execute(
        update(AccountLink)
        .where(AccountLink.kind == kind, AccountLink.account_id == account_id,
               AccountLink.used_at.is_(None), AccountLink.revoked_at.is_(None))
        .values(revoked_at=now)
    )  # fmt: skip


def audited_since(session: Session, action: str, email: str, address: str, since: datetime) -> int:
    """Audit rows of `action` since `since` for this e-mail or from this address."""
    count = session.scalar(
        select(func.count()).where(
            AuditEntry.action == action,
            AuditEntry.at >= since,
            or_(AuditEntry.actor_email == email, AuditEntry.address == address),
        )
    )
    return int(count or 0)
