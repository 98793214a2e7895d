"""Clinic accounts: creating them (a patient gets their own person), linking a clinician to a
patient, and the list of a clinician's patients. Passwords are hashed with argon2id and never
kept or written anywhere else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from isohold.domain.errors import ConflictError, InputError, NotFoundError
from isohold.services import audit
from isohold.services.context import Context
from isohold.storage import accounts as store
from isohold.storage.people import add_person

if TYPE_CHECKING:
    from argon2 import PasswordHasher
    from sqlalchemy.orm import Session

    from isohold.storage.clinic_models import Account

ROLES = ("patient", "clinician", "admin")
STAFF = frozenset({"clinician", "admin"})
#: NIST SP 800-63B, 3.1.1.2: at least 8 characters for a password a person chooses
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 1024


@dataclass(frozen=True)
class AccountView:
    id: int
    email: str
    name: str
    role: str
    totp_enabled: bool

    @classmethod
    def of(cls, account: Account) -> AccountView:
        return cls(account.id, account.email, account.name, account.role,
                   bool(account.totp_enabled))  # fmt: skip


@cache
def hasher() -> PasswordHasher:
    """argon2id with the library's recommended costs (RFC 9106, low-memory profile)."""
    from argon2 import PasswordHasher

    return PasswordHasher()


def normal_email(raw: str) -> str:
    """An e-mail address trimmed and in lower case (one account per address, whatever the
    case typed)."""
    email = (raw or "").strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or any(c.isspace() for c in email) or len(email) > 254:
        raise InputError("email", f"{(raw or '')[:80]!r} is not an e-mail address")
    return email


def check_password(password: str) -> None:
    if not password:
        raise InputError("password", "is empty")
    if len(password) < MIN_PASSWORD_CHARS:
        raise InputError("password", f"is too short: use at least {MIN_PASSWORD_CHARS} "
                                     "characters (a few words make a strong one)")  # fmt: skip
    if len(password) > MAX_PASSWORD_CHARS:
        raise InputError("password", f"is longer than {MAX_PASSWORD_CHARS} characters")
    if len(set(password)) < 4:
        raise InputError("password", "is too easy to guess (too few different characters)")


def create_user(
    ctx: Context, *, role: str, email: str, name: str, password: str,
    by: audit.Actor | None = None, route: str = "isohold admin create-user",
) -> AccountView:  # fmt: skip
    """A new account; a patient gets their own (empty) person for their training data."""
    if role not in ROLES:
        raise InputError("role", f"must be one of {', '.join(ROLES)}, got {role[:40]!r}")
    address = normal_email(email)
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise InputError("name", "must be 1 to 200 characters")
    check_password(password)
    hashed = hasher().hash(password)
    now = utc(ctx)
    with ctx.db.transaction() as s:
        if store.by_email(s, address) is not None:
            raise ConflictError(f"an account with the e-mail {address} exists already")
        person_id = add_person(s, now, name=name).id if role == "patient" else None
        account = store.add_account(s, email=address, name=name, role=role,
                                    password_hash=hashed, person_id=person_id, now=now)  # fmt: skip
        patient = account.id if role == "patient" else None
        audit.write(s, audit.Entry(f"create-{role}", route, now, patient_id=patient, actor=by))
        return AccountView.of(account)


def link(ctx: Context, clinician_email: str, patient_email: str) -> bool:
    """Let a clinician read and change a patient's data; False when already linked."""
    now = utc(ctx)
    with ctx.db.transaction() as s:
        clinician = _account(s, clinician_email, "clinician")
        patient = _account(s, patient_email, "patient")
        created = store.link(s, clinician.id, patient.id, now)
        if created:
            audit.write(s, audit.Entry(action=f"link-clinician-{clinician.id}",
                                       route="isohold admin link", at=now,
                                       patient_id=patient.id))  # fmt: skip
        return created


def patients(ctx: Context, clinician_id: int) -> list[AccountView]:
    with ctx.db.reading() as s:
        return [AccountView.of(a) for a in store.patients_of(s, clinician_id)]


def everyone(ctx: Context) -> list[AccountView]:
    with ctx.db.reading() as s:
        return [AccountView.of(a) for a in store.all_accounts(s)]


def _account(s: Session, email: str, role: str) -> Account:
    found = store.by_email(s, normal_email(email))
    if found is None:
        raise NotFoundError(f"no account with the e-mail {email.strip()[:80]}")
    if found.role != role:
        raise InputError(role, f"{found.email} is not a {role}'s account (its role: {found.role})")
    return found


def utc(ctx: Context) -> datetime:
    """Now in UTC without a zone, as the clinic tables keep times."""
    return ctx.utc().replace(tzinfo=None)


def persons_of(ctx: Context, account_ids: list[int]) -> dict[int, int]:
    """Each patient account's person id."""
    from isohold.storage.clinic_models import Account

    with ctx.db.reading() as s:
        found = (s.get(Account, i) for i in account_ids)
        return {a.id: a.person_id for a in found if a is not None and a.person_id is not None}


def import_patient(
    ctx: Context, document: Any, clinician_email: str, *, email: str | None = None,
    name: str | None = None, password: str | None = None,
) -> AccountView:  # fmt: skip
    """A personal backup (`isohold export`) as one patient of a clinic, linked to a clinician.
    Without an e-mail and password the patient's account cannot sign in (yet)."""
    import secrets

    from isohold.domain.strict_json import check_tree
    from isohold.services.backup_rules import check_tables
    from isohold.storage import backup
    from isohold.storage.clinic_import import load_person
    from isohold.storage.migrate import current

    if not isinstance(document, dict) or document.get("schema") != backup.BACKUP_SCHEMA:
        raise InputError("schema", f"not an isohold backup (expected {backup.BACKUP_SCHEMA!r})")
    if document.get("database_revision") not in (None, current(ctx.db.engine)):
        raise InputError("database_revision", "the backup is from another schema: import it "
                         "into a personal database first, then export it again")  # fmt: skip
    tables = document.get("tables")
    check_tree(tables, "tables")
    check_tables(tables)
    assert isinstance(tables, dict)
    person = tables["people"][0] if tables.get("people") else {}
    if email is not None:
        email = normal_email(email)
        check_password(password or "")
    shown = (name or person.get("name") or "Imported patient").strip()[:200]
    hashed = hasher().hash(password) if email and password else f"!{secrets.token_hex(16)}"
    now = utc(ctx)
    with ctx.db.transaction() as s:
        clinician = _account(s, clinician_email, "clinician")
        person_id = load_person(s, tables)
        address = email or f"imported-{person.get('uuid', secrets.token_hex(8))}@isohold.invalid"
        if store.by_email(s, address) is not None:
            raise ConflictError(f"an account with the e-mail {address} exists already")
        account = store.add_account(s, email=address, name=shown, role="patient",
                                    password_hash=hashed, person_id=person_id, now=now)  # fmt: skip
        store.link(s, clinician.id, account.id, now)
        audit.write(s, audit.Entry("import-patient", "isohold admin import-patient", now,
                                   patient_id=account.id))  # fmt: skip
        return AccountView.of(account)


def change_role(ctx: Context, account_id: int, role: str, by: audit.Actor) -> AccountView:
    """Make a clinician an admin or an admin a clinician (a patient's role stays: their data is
    theirs); their sessions end, so the new role applies at their next sign-in."""
    if role not in STAFF:
        raise InputError("role", "must be clinician or admin (a patient's role does not change)")
    now = utc(ctx)
    with ctx.db.transaction() as s:
        account = store.by_id(s, account_id)
        if account is None:
            raise NotFoundError("not found")
        if account.role not in STAFF:
            raise InputError("role", "a patient's role does not change")
        if account.role != role:
            before, account.role = account.role, role
            store.revoke_all(s, account.id, now)
            audit.write(s, audit.Entry(f"role-{before}-to-{role}"[:40],
                                       f"PATCH /api/v1/accounts/{account.id}", now,
                                       actor=by))  # fmt: skip
        return AccountView.of(account)


def set_password(ctx: Context, email: str, password: str,
                 route: str = "isohold admin set-password") -> AccountView:  # fmt: skip
    """A new password set by an admin on the server (no e-mail needed); every session of the
    account ends."""
    check_password(password)
    hashed = hasher().hash(password)
    now = utc(ctx)
    with ctx.db.transaction() as s:
        account = store.by_email(s, normal_email(email))
        if account is None:
            raise NotFoundError(f"no account with the e-mail {email.strip()[:80]}")
        account.password_hash = hashed
        store.revoke_all(s, account.id, now)
        audit.write(s, audit.Entry("password-set", route, now, actor=audit.Actor(
            account.id, account.email, account.role)))  # fmt: skip
        return AccountView.of(account)
