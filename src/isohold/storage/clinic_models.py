"""The tables of clinic mode (migration 2026_11_30_0007): accounts, who cares for whom,
sign-in sessions, failed sign-ins (for throttling) and the append-only audit log; 0008 adds
invitation and password-reset links and disabled accounts, 0010 passkeys.

None of them is a person's training data: backups leave them out (`info["clinic"]`), and a
personal database simply has them empty. Times are UTC without a zone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from isohold.storage.models import Base

CLINIC = {"info": {"clinic": True}}


class Account(Base):
    """Someone who signs in: a patient (with their own person), a clinician or an admin.
    `email` is kept lower-case, so it is unique whatever the case typed."""

    __tablename__ = "accounts"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12))
    password_hash: Mapped[str] = mapped_column(String(200))
    #: the TOTP secret (base32): pending until `totp_enabled`
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the last 30-second step whose code was accepted (a code works once)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: an admin disabled the account (migration 2026_11_30_0008): it cannot sign in
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)


class CareLink(Base):
    """A clinician who may read and change a patient's data."""

    __tablename__ = "care_links"
    __table_args__ = CLINIC
    clinician_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SignIn(Base):
    """A server-side sign-in session: the browser holds a random token, the database only its
    SHA-256, so a copy of the database signs nobody in."""

    __tablename__ = "sign_ins"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class SignInFailure(Base):
    """A refused sign-in, counted per e-mail address typed and per network address."""

    __tablename__ = "sign_in_failures"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(45), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


class AuditEntry(Base):
    """One line of the audit log: who (account id, e-mail and role as they were), about which
    patient (account id), what, where and when. Never changed nor deleted (on PostgreSQL and
    SQLite a trigger refuses it); no foreign keys, so it outlives the accounts it names."""

    __tablename__ = "audit_log"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str | None] = mapped_column(String(12))
    patient_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(40))
    route: Mapped[str] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(String(45))


class AccountLink(Base):
    """A link sent to someone (migration 2026_11_30_0008): an invitation to make a patient
    account (`kind` "invitation", for `email`, to be linked to `clinician_id`) or a password
    reset (`kind` "reset", for `account_id`). Only the SHA-256 of the link's secret is kept;
    it works once (`used_at`), until `expires_at`, unless revoked."""

    __tablename__ = "account_links"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    account_id: Mapped[int | None] = mapped_column(Integer)
    clinician_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class Passkey(Base):
    """A passkey (WebAuthn credential, migration 2026_11_30_0010): its id and public key (the
    private key stays on the person's device), and the authenticator's signature counter."""

    __tablename__ = "passkeys"
    __table_args__ = CLINIC
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    #: base64url, as browsers name it
    credential_id: Mapped[str] = mapped_column(String(1400), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
