"""Links sent to people (an invitation, a password reset): a random 256-bit secret in the
address, of which the server keeps only the SHA-256. Nobody can make a valid link without the
database's secret (it is as unforgeable as a signed one), and unlike a signature alone it can
be used once and withdrawn. Each refusal names its reason in plain words."""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from isohold.domain.errors import LinkError, LinkGoneError
from isohold.services.signin import token_hash
from isohold.storage.clinic_models import AccountLink

#: an invitation stays open a week: time to open it at home between two visits, not so long
#: that a forgotten e-mail or printout still opens an account months later
INVITATION_VALID = timedelta(days=7)
#: a password-reset link works for an hour (OWASP's advice: short, and used once)
RESET_VALID = timedelta(hours=1)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")

NOT_VALID = {
    "invitation": "This invitation link is not complete or has been changed. Copy the whole "
    "link from the message, or ask your clinic for a new one.",
    "reset": "This password link is not complete or has been changed. Copy the whole link "
    "from the e-mail, or ask for a new one on the sign-in page.",
}
ASK_AGAIN = {
    "invitation": "Ask your clinic for a new invitation.",
    "reset": "Ask for a new link on the sign-in page.",
}


def new_token() -> tuple[str, str]:
    """A link's secret and the hash the database keeps."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def hash_of(kind: str, token: str) -> str:
    """The hash to look a link up by; LinkError for a secret that cannot be one of ours."""
    if not _TOKEN.match(token or ""):
        raise LinkError(NOT_VALID[kind])
    return token_hash(token)


def check(kind: str, link: AccountLink | None, now: datetime) -> AccountLink:
    """The link if it still works; LinkError (unknown) or LinkGoneError with the reason."""
    if link is None or link.kind != kind:
        raise LinkError(NOT_VALID[kind])
    what = "invitation" if kind == "invitation" else "password link"
    if link.used_at is not None:
        done = ("Sign in with your e-mail address and password." if kind == "invitation"
                else "Sign in with your new password, or ask for a new link.")  # fmt: skip
        raise LinkGoneError(f"This {what} has been used already. {done}")
    if link.revoked_at is not None:
        raise LinkGoneError(f"This {what} was withdrawn. {ASK_AGAIN[kind]}")
    if now >= link.expires_at:
        when = f"{link.expires_at:%H:%M} UTC on {link.expires_at.day} {link.expires_at:%B %Y}"
        raise LinkGoneError(f"This {what} expired at {when}. {ASK_AGAIN[kind]}")
    return link


def address(base_url: str, path: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/{path.strip('/')}/{token}"


def qr_svg(url: str) -> str:
    """The link as a QR code (inline SVG) to open on a phone."""
    import segno

    return str(segno.make(url, error="m").svg_inline(scale=4))
