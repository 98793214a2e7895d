"""Signing in to a clinic server: password (argon2id), two-step codes (TOTP), server-side
sessions and throttling.

- One refusal for an unknown e-mail and a wrong password, after the same work (a dummy hash is
  checked for an unknown e-mail), so the answer tells nothing about who has an account.
- After MAX_FAILURES failed sign-ins within FAILURE_WINDOW for an e-mail or from an address,
  sign-in is refused without checking anything until the window has moved on.
- A session is a random token held by the browser; the database keeps only its SHA-256. It
  ends at sign-out, after STAFF_IDLE without use for clinicians and admins, and ABSOLUTE after
  sign-in for everyone. Each sign-in makes a new token (an old one presented is ended).
- A TOTP code is accepted once: its 30-second step must be later than the last one used.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from isohold.domain.errors import ConflictError, InputError, SignInError, ThrottledError
from isohold.services import audit
from isohold.services.accounts import STAFF, check_password, hasher, utc
from isohold.services.context import Context
from isohold.storage import accounts as store
from isohold.storage.clinic_models import Account

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5
STAFF_IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=12)
#: a session's last use is written at most this often (not on every request)
TOUCH_EVERY = timedelta(minutes=1)
TOTP_STEP_S = 30
ISSUER = "isohold"
REFUSED = "The e-mail address or the password is not right."
NEEDS_CODE = "Enter the 6-digit code from your authenticator app as well."
BAD_CODE = "The code is not right, or it was used already: wait for the next one."
THROTTLED = ("Too many failed sign-ins: wait 15 minutes, then try again. Ask your clinic if "
             "you have forgotten your password.")  # fmt: skip
ENDED = "You are not signed in, or your sign-in has ended: sign in again."
DISABLED = "This account is disabled. Ask your clinic if you need it again."


@dataclass(frozen=True)
class Who:
    """The signed-in account of a request."""

    account_id: int
    email: str
    name: str
    role: str
    person_id: int | None
    totp_enabled: bool
    token_hash: str

    def actor(self, address: str | None) -> audit.Actor:
        return audit.Actor(self.account_id, self.email, self.role, address)

    @property
    def staff(self) -> bool:
        return self.role in STAFF


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@cache
def _dummy_hash() -> str:
    return hasher().hash(secrets.token_urlsafe(16))


def _password_ok(account: Account | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        ok = hasher().verify(account.password_hash if account else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return bool(ok) and account is not None


def sign_in(
    ctx: Context, email: str, password: str, totp: str | None, address: str,
    replaces: str | None = None, route: str = "/api/v1/auth/login",
) -> tuple[str, Who]:  # fmt: skip
    """A new session token and who it signs in; SignInError or ThrottledError otherwise.
    `replaces`: the session token the browser held before (ended: no session fixation)."""
    now = utc(ctx)
    typed = (email or "").strip().lower()[:254]
    tried = audit.Actor(None, typed, None, address)
    with ctx.db.reading() as s:
        failures = store.failures_since(s, typed, address, now - FAILURE_WINDOW)
        account = store.by_email(s, typed) if failures < MAX_FAILURES else None
    if failures >= MAX_FAILURES:
        audit.record(ctx, audit.Entry("sign-in-throttled", route, now, actor=tried))
        raise ThrottledError(THROTTLED)
    if not _password_ok(account, (password or "")[:1024]):
        _failed(ctx, typed, address, now, route, "sign-in-failed")
        raise SignInError(REFUSED)
    assert account is not None
    if account.disabled_at is not None:  # told only to someone who knows the password
        raise SignInError(DISABLED)
    step = None
    if account.totp_enabled:
        if not (totp or "").strip():
            raise SignInError(NEEDS_CODE)
        step = _code_step(account.totp_secret or "", totp or "", now, account.totp_last_step)
        if step is None:
            _failed(ctx, typed, address, now, route, "sign-in-bad-code")
            raise SignInError(BAD_CODE)
    token = secrets.token_urlsafe(32)
    with ctx.db.transaction() as s:
        if replaces:
            store.revoke(s, token_hash(replaces), now)
        fresh = s.get(Account, account.id)
        assert fresh is not None
        if step is not None:
            if fresh.totp_last_step is not None and step <= fresh.totp_last_step:
                raise SignInError(BAD_CODE)  # a concurrent sign-in used it first
            fresh.totp_last_step = step
        store.add_sign_in(s, fresh.id, token_hash(token), now)
        who = _who(fresh, token_hash(token))
        audit.write(s, audit.Entry("sign-in", route, now, actor=who.actor(address)))
    return token, who


def open_session(
    s: Session, account: Account, address: str, now: datetime, route: str,
    action: str = "sign-in", replaces: str | None = None,
) -> tuple[str, Who]:  # fmt: skip
    """A new session for an account already proven (a passkey): its token and who it is,
    audited; `replaces`, the browser's earlier token, ends."""
    token = secrets.token_urlsafe(32)
    if replaces:
        store.revoke(s, token_hash(replaces), now)
    store.add_sign_in(s, account.id, token_hash(token), now)
    who = _who(account, token_hash(token))
    audit.write(s, audit.Entry(action, route, now, actor=who.actor(address)))
    return token, who


def failed(ctx: Context, typed: str, address: str, now: datetime, route: str, action: str) -> None:
    """A refused sign-in, counted for throttling and audited."""
    _failed(ctx, typed, address, now, route, action)


def _failed(ctx: Context, typed: str, address: str, now: datetime, route: str, action: str) -> None:
    with ctx.db.transaction() as s:
        store.add_failure(s, typed, address, now)
        audit.write(s, audit.Entry(action, route, now, actor=audit.Actor(None, typed, None,
                                                                         address)))  # fmt: skip


def _code_step(secret: str, code: str, now: datetime, last: int | None) -> int | None:
    """The step of `code` (this one, the one before or after, for clocks a little apart), if
    it is right and later than `last`."""
    import pyotp

    code = code.strip().replace(" ", "")
    if not (secret and code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = int(now.replace(tzinfo=UTC).timestamp()) // TOTP_STEP_S
    for step in (current - 1, current, current + 1):
        if secrets.compare_digest(totp.at(step * TOTP_STEP_S), code):
            return step if last is None or step > last else None
    return None


def _who(account: Account, hashed: str) -> Who:
    return Who(account.id, account.email, account.name, account.role, account.person_id,
               bool(account.totp_enabled), hashed)  # fmt: skip


def resolve(ctx: Context, token: str) -> Who | None:
    """Who a session token signs in, or None (unknown, ended, idle too long, too old)."""
    if not token or len(token) > 200:
        return None
    hashed = token_hash(token)
    now = utc(ctx)
    with ctx.db.reading() as s:
        row = store.sign_in_by_hash(s, hashed)
        account = s.get(Account, row.account_id) if row is not None else None
        if row is None or account is None or row.revoked_at is not None:
            return None
        if account.disabled_at is not None:
            return None
        if now - row.created_at > ABSOLUTE:
            return None
        if account.role in STAFF and now - row.last_seen_at > STAFF_IDLE:
            return None
        stale = now - row.last_seen_at > TOUCH_EVERY
        who = _who(account, hashed)
    if stale:
        with ctx.db.transaction() as s:
            fresh = store.sign_in_by_hash(s, hashed)
            if fresh is not None:
                fresh.last_seen_at = now
    return who


def sign_out(ctx: Context, who: Who, address: str, everywhere: bool = False) -> None:
    now = utc(ctx)
    with ctx.db.transaction() as s:
        if everywhere:
            store.revoke_all(s, who.account_id, now)
        else:
            store.revoke(s, who.token_hash, now)
        action = "sign-out-everywhere" if everywhere else "sign-out"
        audit.write(s, audit.Entry(action, "/api/v1/auth/logout", now, actor=who.actor(address)))


@dataclass(frozen=True)
class Enrolment:
    secret: str
    uri: str
    qr_svg: str


def totp_start(ctx: Context, who: Who) -> Enrolment:
    """A new secret for the authenticator app, kept pending until a code confirms it."""
    import pyotp
    import segno

    secret = pyotp.random_base32()
    with ctx.db.transaction() as s:
        account = s.get(Account, who.account_id)
        assert account is not None
        if account.totp_enabled:
            raise ConflictError("two-step sign-in is set up already for this account")
        account.totp_secret = secret
    uri = pyotp.TOTP(secret).provisioning_uri(name=who.email, issuer_name=ISSUER)
    svg = segno.make(uri, error="m").svg_inline(scale=4)
    return Enrolment(secret, uri, svg)


def totp_confirm(ctx: Context, who: Who, code: str, address: str) -> None:
    """Turn two-step sign-in on with a first code from the app (that code is then used up)."""
    now = utc(ctx)
    with ctx.db.transaction() as s:
        account = s.get(Account, who.account_id)
        assert account is not None
        if account.totp_enabled:
            raise ConflictError("two-step sign-in is set up already for this account")
        if not account.totp_secret:
            raise InputError("code", "start setting up two-step sign-in first")
        step = _code_step(account.totp_secret, code or "", now, account.totp_last_step)
        if step is None:
            raise InputError("code", "is not the app's current code: try the next one")
        account.totp_enabled = True
        account.totp_last_step = step
        audit.write(s, audit.Entry("totp-enrolled", "/api/v1/auth/totp/confirm", now,
                                   actor=who.actor(address)))  # fmt: skip


def change_password(ctx: Context, who: Who, current: str, new: str, address: str) -> None:
    """A new password (the current one must be right); every session is ended, this one too
    (sign in again with the new password)."""
    check_password(new)
    with ctx.db.reading() as s:
        account = s.get(Account, who.account_id)
    if not _password_ok(account, current or ""):
        raise InputError("current_password", "is not right")
    hashed = hasher().hash(new)
    now = utc(ctx)
    with ctx.db.transaction() as s:
        fresh = s.get(Account, who.account_id)
        assert fresh is not None
        fresh.password_hash = hashed
        store.revoke_all(s, who.account_id, now)
        audit.write(s, audit.Entry("password-changed", "/api/v1/auth/password", now,
                                   actor=who.actor(address)))  # fmt: skip
