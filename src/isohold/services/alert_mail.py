"""A clinician's choice to be e-mailed when a patient has a new alert (off unless they turn it
on; the e-mails themselves: services/alert_mail_sender.py). It needs the clinic's SMTP server
to be turned on; turning it on or off is written to the audit log."""

from __future__ import annotations

from typing import Any

from isohold.domain.errors import MailError, NotAllowedError
from isohold.services import audit
from isohold.services.accounts import utc
from isohold.services.context import Context
from isohold.services.settings import Settings
from isohold.services.signin import Who
from isohold.storage import alert_mail as store

CLINICIANS_ONLY = "Only a clinician has patients whose alerts can be e-mailed."
NO_MAIL = ("This server cannot send e-mail: no SMTP server is set up (ISOHOLD_SMTP_HOST and "
           "ISOHOLD_SMTP_SENDER). Ask your clinic's administrator to set one up; until then, "
           "your patient list shows new alerts.")  # fmt: skip


def state(ctx: Context, settings: Settings, who: Who) -> dict[str, Any]:
    """`alert_mail`: whether `who` is e-mailed about new alerts; `mail_ready`: whether this
    server can send e-mail at all."""
    _clinician(who)
    with ctx.db.reading() as s:
        on = store.is_on(s, who.account_id)
    return {"alert_mail": on, "mail_ready": settings.mail_ready}


def choose(ctx: Context, settings: Settings, who: Who, on: bool, route: str,
           address: str | None) -> dict[str, Any]:  # fmt: skip
    """Turn alert e-mails on or off for `who` (on: MailError without an SMTP server)."""
    _clinician(who)
    if on and not settings.mail_ready:
        raise MailError(NO_MAIL)
    now = utc(ctx)
    with ctx.db.transaction() as s:
        if store.set_on(s, who.account_id, on, now):
            action = "alert-mail-on" if on else "alert-mail-off"
            audit.write(s, audit.Entry(action, route, now, actor=who.actor(address)))
    return {"alert_mail": on, "mail_ready": settings.mail_ready}


def _clinician(who: Who) -> None:
    if who.role != "clinician":
        raise NotAllowedError(CLINICIANS_ONLY)
