"""Passkeys (WebAuthn, the `webauthn` package): a second way in for anyone. A signed-in
account adds one (its device keeps the private key; the server keeps the public key); later
the device signs a fresh challenge and the person is signed in without a password.

- The device must verify the person (fingerprint, face, PIN): a passkey is then two factors
  in one, so it stands for password and two-step code alike.
- Each challenge is random, works once and for CHALLENGE_VALID; the server keeps only its
  hash (in the account links table). The relying party is the site's host name and origin.
- The authenticator's signature counter must grow (when it counts): a cloned key is refused.
- Failures count towards the sign-in throttle of the address; everything is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from isohold.domain.errors import InputError, NotFoundError, SignInError, ThrottledError
from isohold.services import audit
from isohold.services.accounts import utc
from isohold.services.context import Context
from isohold.services.signin import (
    FAILURE_WINDOW,
    MAX_FAILURES,
    THROTTLED,
    Who,
    failed,
    open_session,
    token_hash,
)
from isohold.storage import account_links as links_store
from isohold.storage import accounts as account_store
from isohold.storage import passkeys as store
from isohold.storage.clinic_models import Passkey

CHALLENGE_VALID = timedelta(minutes=5)
RP_NAME = "isohold"
NOT_SIGNED_IN = "That passkey did not sign you in. Try again, or sign in with your password."
ROUTE = "/api/v1/auth/passkey-login"


@dataclass(frozen=True)
class PasskeyView:
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None

    @classmethod
    def of(cls, passkey: Passkey) -> PasskeyView:
        return cls(passkey.id, passkey.name, passkey.created_at, passkey.last_used_at)

    def to_dict(self) -> dict[str, Any]:
        used = self.last_used_at.isoformat() + "Z" if self.last_used_at else None
        return {"id": self.id, "name": self.name, "created_at": self.created_at.isoformat() + "Z",
                "last_used_at": used}  # fmt: skip


def relying_party(site: str) -> tuple[str, str]:
    """The relying party's id (the host name) and the origin browsers report."""
    parts = urlsplit(site)
    return parts.hostname or "", f"{parts.scheme}://{parts.netloc}"


def _challenge(ctx: Context, kind: str, account_id: int | None) -> bytes:
    from webauthn.helpers import bytes_to_base64url, generate_challenge

    challenge = generate_challenge()
    now = utc(ctx)
    with ctx.db.transaction() as s:
        links_store.add(s, kind=kind, token_hash=token_hash(bytes_to_base64url(challenge)),
                        email="", now=now, expires_at=now + CHALLENGE_VALID,
                        account_id=account_id)  # fmt: skip
    return challenge


def _use_challenge(ctx: Context, kind: str, credential: Any, account_id: int | None) -> bytes:
    """The challenge the browser signed, if this server made it for this purpose and it is
    unused and fresh (it is used up now); InputError otherwise."""
    from webauthn.helpers import base64url_to_bytes

    try:
        client = json.loads(base64url_to_bytes(credential["response"]["clientDataJSON"]))
        challenge = str(client["challenge"])
    except (KeyError, TypeError, ValueError):
        raise InputError("credential", "is not a passkey's answer (no client data)") from None
    now = utc(ctx)
    with ctx.db.transaction() as s:
        link = links_store.by_hash(s, token_hash(challenge))
        fresh = (link is not None and link.kind == kind and link.account_id == account_id
                 and link.expires_at > now)  # fmt: skip
        if not fresh or link is None or not links_store.use(s, link.id, now):
            raise InputError("credential", "answers a challenge that is unknown, used or "
                             "expired: start again")  # fmt: skip
    return base64url_to_bytes(challenge)


def registration_options(ctx: Context, who: Who, site: str) -> dict[str, Any]:
    """What the browser's navigator.credentials.create() needs (as JSON)."""
    from webauthn import generate_registration_options, options_to_json
    from webauthn.helpers import base64url_to_bytes
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        PublicKeyCredentialDescriptor,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    rp_id, _origin = relying_party(site)
    with ctx.db.reading() as s:
        known = [p.credential_id for p in store.of_account(s, who.account_id)]
    options = generate_registration_options(
        rp_id=rp_id, rp_name=RP_NAME, user_name=who.email, user_display_name=who.name,
        user_id=str(who.account_id).encode(),
        challenge=_challenge(ctx, "passkey-new", who.account_id),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=base64url_to_bytes(c))
                             for c in known],
    )  # fmt: skip
    found: dict[str, Any] = json.loads(options_to_json(options))
    return found


def register(ctx: Context, who: Who, credential: Any, site: str, name: str,
             address: str) -> PasskeyView:  # fmt: skip
    """Keep the passkey the browser made (after checking its answer)."""
    from webauthn import verify_registration_response
    from webauthn.helpers import bytes_to_base64url
    from webauthn.helpers.exceptions import WebAuthnException

    label = (name or "").strip()[:100] or "Passkey"
    challenge = _use_challenge(ctx, "passkey-new", credential, who.account_id)
    rp_id, origin = relying_party(site)
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=rp_id,
            expected_origin=origin, require_user_verification=True)  # fmt: skip
    except (WebAuthnException, KeyError, TypeError, ValueError) as error:
        raise InputError("credential", f"the passkey could not be checked: {error}") from None
    now = utc(ctx)
    with ctx.db.transaction() as s:
        credential_id = bytes_to_base64url(verified.credential_id)
        if store.by_credential(s, credential_id) is not None:
            raise InputError("credential", "this passkey is added already")
        made = store.add(s, account_id=who.account_id, credential_id=credential_id,
                         public_key=verified.credential_public_key,
                         sign_count=verified.sign_count, name=label, now=now)  # fmt: skip
        audit.write(s, audit.Entry("passkey-added", "POST /api/v1/auth/passkeys", now,
                                   actor=who.actor(address)))  # fmt: skip
        return PasskeyView.of(made)


def sign_in_options(ctx: Context, site: str) -> dict[str, Any]:
    """What navigator.credentials.get() needs: any passkey of this site (the device offers
    the ones it holds)."""
    from webauthn import generate_authentication_options, options_to_json
    from webauthn.helpers.structs import UserVerificationRequirement

    rp_id, _origin = relying_party(site)
    options = generate_authentication_options(
        rp_id=rp_id, challenge=_challenge(ctx, "passkey", None),
        user_verification=UserVerificationRequirement.REQUIRED)  # fmt: skip
    found: dict[str, Any] = json.loads(options_to_json(options))
    return found


def sign_in(ctx: Context, credential: Any, site: str, address: str,
            replaces: str | None = None) -> tuple[str, Who]:  # fmt: skip
    """A new session for the passkey's account; SignInError or ThrottledError otherwise."""
    from webauthn import verify_authentication_response
    from webauthn.helpers.exceptions import WebAuthnException

    typed = f"passkey@{address}"[:254]
    now = utc(ctx)
    with ctx.db.reading() as s:
        if account_store.failures_since(s, typed, address, now - FAILURE_WINDOW) >= MAX_FAILURES:
            raise ThrottledError(THROTTLED)
    try:
        challenge = _use_challenge(ctx, "passkey", credential, None)
        credential_id = str(credential["id"])[:1400]
    except (InputError, KeyError, TypeError):
        failed(ctx, typed, address, now, ROUTE, "sign-in-passkey-failed")
        raise SignInError(NOT_SIGNED_IN) from None
    rp_id, origin = relying_party(site)
    with ctx.db.reading() as s:
        passkey = store.by_credential(s, credential_id)
        account = account_store.by_id(s, passkey.account_id) if passkey else None
    handle = (credential.get("response") or {}).get("userHandle") if passkey else None
    try:
        if passkey is None or account is None or account.disabled_at is not None:
            raise ValueError("no such passkey, or a disabled account")
        if handle:
            from webauthn.helpers import base64url_to_bytes

            if base64url_to_bytes(handle) != str(account.id).encode():
                raise ValueError("the passkey names another account")
        verified = verify_authentication_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=rp_id,
            expected_origin=origin, credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True)  # fmt: skip
    except (WebAuthnException, KeyError, TypeError, ValueError):
        failed(ctx, typed, address, now, ROUTE, "sign-in-passkey-failed")
        raise SignInError(NOT_SIGNED_IN) from None
    with ctx.db.transaction() as s:
        fresh = store.by_credential(s, credential_id)
        owner = account_store.by_id(s, account.id)
        if fresh is None or owner is None:
            raise SignInError(NOT_SIGNED_IN)
        fresh.sign_count, fresh.last_used_at = verified.new_sign_count, now
        return open_session(s, owner, address, now, ROUTE, "sign-in-passkey", replaces)


def of_account(ctx: Context, who: Who) -> list[PasskeyView]:
    with ctx.db.reading() as s:
        return [PasskeyView.of(p) for p in store.of_account(s, who.account_id)]


def remove(ctx: Context, who: Who, passkey_id: int, address: str) -> None:
    now = utc(ctx)
    with ctx.db.transaction() as s:
        if not store.remove(s, who.account_id, passkey_id):
            raise NotFoundError("not found")
        audit.write(s, audit.Entry("passkey-removed", f"DELETE /api/v1/auth/passkeys/{passkey_id}",
                                   now, actor=who.actor(address)))  # fmt: skip
