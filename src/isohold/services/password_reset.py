"""Forgotten passwords: a link by e-mail that sets a new one. The answer to a request is the
same whether or not the address has an account (nobody learns who does); requests are
throttled per address typed and per network address as sign-ins are. The link works once,
for RESET_VALID; a new request withdraws the previous link; setting the password ends every
session of the account. Each step is audited."""

from __future__ import annotations

from email.message import EmailMessage

from isohold.domain.errors import LinkGoneError, ThrottledError
from isohold.services import audit, links, mail
from isohold.services.accounts import check_password, hasher, utc
from isohold.services.context import Context
from isohold.services.settings import Settings
from isohold.services.signin import FAILURE_WINDOW, MAX_FAILURES
from isohold.storage import account_links as store
from isohold.storage import accounts as account_store

ROUTE = "POST /api/v1/auth/reset"
SENT = ("If an account has this e-mail address, a message with a link to set a new password is "
        "on its way. The link works once, within an hour.")  # fmt: skip
THROTTLED = ("Too many requests for a new password: wait 15 minutes, then try again, or ask "
             "your clinic.")  # fmt: skip
SUBJECT = "Set a new isohold password"
BODY = """Hello,

Someone (we hope you) asked to set a new password for the isohold account of this e-mail
address at {site}.

To choose a new password, open this link within an hour:

{url}

The link works once. If you did not ask, you can ignore this e-mail: your password stays as
it is.
"""


def request(
    ctx: Context, settings: Settings, email: str, address: str, site: str
) -> EmailMessage | None:
    """The e-mail to send (None: no such account, or a disabled one); ThrottledError after
    MAX_FAILURES requests within FAILURE_WINDOW for the address typed or from `address`."""
    mail.require(settings)
    typed = (email or "").strip().lower()[:254]
    now = utc(ctx)
    actor = audit.Actor(None, typed, None, address)
    with ctx.db.reading() as s:
        asked = store.audited_since(s, "reset-requested", typed, address, now - FAILURE_WINDOW)
    if asked >= MAX_FAILURES:
        audit.record(ctx, audit.Entry("reset-throttled", ROUTE, now, actor=actor))
        raise ThrottledError(THROTTLED)
    token, hashed = links.new_token()
    with ctx.db.transaction() as s:
        audit.write(s, audit.Entry("reset-requested", ROUTE, now, actor=actor))
        account = account_store.by_email(s, typed)
        if account is None or account.disabled_at is not None:
            return None
        store.revoke_open(s, "reset", account.id, now)
        store.add(s, kind="reset", token_hash=hashed, email=account.email, now=now,
                  expires_at=now + links.RESET_VALID, account_id=account.id)  # fmt: skip
        to = account.email
    url = links.address(site, "reset", token)
    return mail.message(settings, to, SUBJECT, BODY.format(site=site, url=url))


def check(ctx: Context, token: str) -> str:
    """The e-mail address a reset link is for; LinkError or LinkGoneError otherwise."""
    hashed = links.hash_of("reset", token)
    with ctx.db.reading() as s:
        return links.check("reset", store.by_hash(s, hashed), utc(ctx)).email


def complete(ctx: Context, token: str, password: str, address: str) -> str:
    """Set the new password and end every session of the account: its e-mail address."""
    hashed = links.hash_of("reset", token)
    check_password(password)
    password_hash = hasher().hash(password)
    now = utc(ctx)
    with ctx.db.transaction() as s:
        link = links.check("reset", store.by_hash(s, hashed), now)
        account = account_store.by_id(s, link.account_id or 0)
        if account is None or account.disabled_at is not None:
            raise LinkGoneError(f"This password link was withdrawn. {links.ASK_AGAIN['reset']}")
        if not store.use(s, link.id, now):
            raise LinkGoneError("This password link has been used already.")
        account.password_hash = password_hash
        account_store.revoke_all(s, account.id, now)
        actor = audit.Actor(account.id, account.email, account.role, address)
        audit.write(s, audit.Entry("password-reset", "POST /reset", now, actor=actor))
        return account.email
