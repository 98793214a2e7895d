"""Inviting a patient: a clinician (for their own list) or an admin makes a link for an
e-mail address; whoever opens it chooses a name and a password, and becomes a patient account
linked to that clinician, signed in. The link works once, for INVITATION_VALID, unless
withdrawn; making and using it are written to the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from isohold.domain.errors import (
    ConflictError,
    InputError,
    LinkGoneError,
    MailError,
    NotAllowedError,
    NotFoundError,
)
from isohold.services import audit, links, mail
from isohold.services.accounts import check_password, hasher, normal_email, utc
from isohold.services.context import Context
from isohold.services.settings import Settings
from isohold.services.signin import Who, token_hash
from isohold.storage import account_links as store
from isohold.storage import accounts as account_store
from isohold.storage.clinic_models import AccountLink
from isohold.storage.people import add_person

ROUTE = "/api/v1/invitations"
OWN_LIST_ONLY = "A clinician invites patients to their own list only."


@dataclass(frozen=True)
class Invitation:
    id: int
    email: str
    clinician_id: int | None
    created_by: int | None
    created_at: datetime
    expires_at: datetime

    @classmethod
    def of(cls, link: AccountLink) -> Invitation:
        return cls(link.id, link.email, link.clinician_id, link.created_by, link.created_at,
                   link.expires_at)  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "email": self.email, "clinician_id": self.clinician_id,
                "created_by": self.created_by, "created_at": self.created_at.isoformat() + "Z",
                "expires_at": self.expires_at.isoformat() + "Z"}  # fmt: skip


@dataclass(frozen=True)
class Issued:
    """A new invitation with its link (shown once: the server keeps only its hash)."""

    invitation: Invitation
    url: str
    qr_svg: str


def create(
    ctx: Context, who: Who, email: str, base_url: str, address: str | None,
    clinician_id: int | None = None,
) -> Issued:  # fmt: skip
    """An invitation for `email`, to be linked to `clinician_id` (a clinician: themselves)."""
    if who.role == "clinician":
        if clinician_id not in (None, who.account_id):
            raise NotAllowedError(OWN_LIST_ONLY)
        clinician_id = who.account_id
    elif who.role != "admin":
        raise NotAllowedError("Only a clinician or an administrator invites patients.")
    address_typed = normal_email(email)
    token, hashed = links.new_token()
    now = utc(ctx)
    with ctx.db.transaction() as s:
        if clinician_id is not None:
            clinician = account_store.by_id(s, clinician_id)
            if clinician is None or clinician.role != "clinician":
                raise InputError("clinician_id", f"{clinician_id} is not a clinician's account")
        if account_store.by_email(s, address_typed) is not None:
            raise ConflictError(f"an account with the e-mail {address_typed} exists already")
        link = store.add(s, kind="invitation", token_hash=hashed, email=address_typed, now=now,
                         expires_at=now + links.INVITATION_VALID, clinician_id=clinician_id,
                         created_by=who.account_id)  # fmt: skip
        audit.write(s, audit.Entry("invitation-created", f"POST {ROUTE}", now,
                                   actor=who.actor(address)))  # fmt: skip
        made = Invitation.of(link)
    url = links.address(base_url, "invite", token)
    return Issued(made, url, links.qr_svg(url))


def open_for(ctx: Context, who: Who) -> list[Invitation]:
    """The open invitations a clinician made (an admin: everyone's)."""
    mine = None if who.role == "admin" else who.account_id
    with ctx.db.reading() as s:
        return [Invitation.of(link) for link in store.open_invitations(s, utc(ctx), mine)]


def withdraw(ctx: Context, who: Who, invitation_id: int, address: str | None) -> None:
    """Withdraw an open invitation (a clinician: one they made); its link stops working."""
    now = utc(ctx)
    with ctx.db.transaction() as s:
        link = store.by_id(s, invitation_id)
        if (
            link is None
            or link.kind != "invitation"
            or (who.role != "admin" and link.created_by != who.account_id)
        ):
            raise NotFoundError("not found")
        if link.used_at is not None:
            raise ConflictError("this invitation has been used already: the account exists")
        if link.revoked_at is None:
            link.revoked_at = now
            audit.write(s, audit.Entry("invitation-withdrawn", f"DELETE {ROUTE}/{link.id}",
                                       now, actor=who.actor(address)))  # fmt: skip


def check(ctx: Context, token: str) -> Invitation:
    """The invitation a link opens; LinkError or LinkGoneError (with the reason) otherwise."""
    hashed = links.hash_of("invitation", token)
    with ctx.db.reading() as s:
        return Invitation.of(links.check("invitation", store.by_hash(s, hashed), utc(ctx)))


def accept(ctx: Context, token: str, name: str, password: str, address: str) -> str:
    """Make the invited patient's account and sign it in: the new session's token."""
    import secrets

    hashed = links.hash_of("invitation", token)
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise InputError("name", "must be 1 to 200 characters")
    check_password(password)
    password_hash = hasher().hash(password)
    session_token = secrets.token_urlsafe(32)
    now = utc(ctx)
    with ctx.db.transaction() as s:
        link = links.check("invitation", store.by_hash(s, hashed), now)
        if account_store.by_email(s, link.email) is not None:
            raise ConflictError(f"an account with the e-mail {link.email} exists already: "
                                "sign in with it")  # fmt: skip
        if not store.use(s, link.id, now):
            raise LinkGoneError("This invitation has been used already. Sign in with your "
                                "e-mail address and password.")  # fmt: skip
        person = add_person(s, now, name=name)
        account = account_store.add_account(s, email=link.email, name=name, role="patient",
                                            password_hash=password_hash, person_id=person.id,
                                            now=now)  # fmt: skip
        link.account_id = account.id
        clinician = account_store.by_id(s, link.clinician_id) if link.clinician_id else None
        if clinician is not None and clinician.role == "clinician":
            account_store.link(s, clinician.id, account.id, now)
        account_store.add_sign_in(s, account.id, token_hash(session_token), now)
        actor = audit.Actor(account.id, account.email, "patient", address)
        audit.write(s, audit.Entry("invitation-used", "POST /invite", now,
                                   patient_id=account.id, actor=actor))  # fmt: skip
        audit.write(s, audit.Entry("sign-in", "POST /invite", now, actor=actor))
    return session_token


NO_MAIL = ("This server cannot send e-mail: no SMTP server is set up (ISOHOLD_SMTP_HOST and "
           "ISOHOLD_SMTP_SENDER). Give the patient the link or its QR code instead.")  # fmt: skip
INVITE_SUBJECT = "Your invitation to isohold"
INVITE_BODY = """\
You are invited to set up an account on isohold at {site}, the exercise program your clinic
uses.

Open this link to choose your name and password (it works once, within {days} days):

{url}

If you did not expect this, you can ignore this e-mail.
"""


def can_mail(settings: Settings) -> None:
    """MailError unless the server can send the invitation by e-mail."""
    if not settings.mail_ready:
        raise MailError(NO_MAIL)


def invitation_mail(settings: Settings, issued: Issued, site: str) -> EmailMessage:
    """The e-mail with an invitation's link: no name of anyone and no health data."""
    body = INVITE_BODY.format(site=site, days=links.INVITATION_VALID.days, url=issued.url)
    return mail.message(settings, issued.invitation.email, INVITE_SUBJECT, body)
