"""What an admin sees and does with accounts: the list (role, two-step sign-in, last sign-in,
disabled or not), and disabling an account (it cannot sign in; its sessions and open reset
links end) or enabling it again. Audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from isohold.domain.errors import InputError, NotFoundError
from isohold.services import audit
from isohold.services.accounts import utc
from isohold.services.context import Context
from isohold.storage import account_links as links_store
from isohold.storage import accounts as store
from isohold.storage.clinic_models import Account


@dataclass(frozen=True)
class AccountRow:
    id: int
    email: str
    name: str
    role: str
    totp_enabled: bool
    disabled: bool
    last_sign_in: datetime | None

    def to_dict(self) -> dict[str, object]:
        last = self.last_sign_in.isoformat() + "Z" if self.last_sign_in else None
        return {"id": self.id, "email": self.email, "name": self.name, "role": self.role,
                "totp_enabled": self.totp_enabled, "disabled": self.disabled,
                "last_sign_in": last}  # fmt: skip


def _row(account: Account, last: datetime | None) -> AccountRow:
    return AccountRow(account.id, account.email, account.name, account.role,
                      bool(account.totp_enabled), account.disabled_at is not None,
                      last)  # fmt: skip


def overview(ctx: Context) -> list[AccountRow]:
    with ctx.db.reading() as s:
        last = store.last_sign_ins(s)
        return [_row(a, last.get(a.id)) for a in store.all_accounts(s)]


def set_disabled(ctx: Context, account_id: int, disabled: bool, by: audit.Actor) -> AccountRow:
    """Disable an account (not one's own) or enable it again."""
    if disabled and account_id == by.id:
        raise InputError("account_id", "you cannot disable your own account")
    now = utc(ctx)
    verb = "disable" if disabled else "enable"
    with ctx.db.transaction() as s:
        account = store.by_id(s, account_id)
        if account is None:
            raise NotFoundError("not found")
        if (account.disabled_at is not None) != disabled:
            account.disabled_at = now if disabled else None
            if disabled:
                store.revoke_all(s, account.id, now)
                links_store.revoke_open(s, "reset", account.id, now)
            patient = account.id if account.role == "patient" else None
            audit.write(s, audit.Entry(f"account-{verb}d",
                                       f"POST /api/v1/accounts/{account.id}/{verb}", now,
                                       patient_id=patient, actor=by))  # fmt: skip
        return _row(account, store.last_sign_ins(s).get(account.id))
