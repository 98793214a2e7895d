"""Sending e-mail through the clinic's SMTP server (aiosmtplib). isohold sends three kinds: the
password-reset link, a patient's invitation link and a clinician's count of patients with new
alerts (services/alert_mail_sender.py); none holds a name or health data."""

from __future__ import annotations

import logging
from email.message import EmailMessage

from isohold.domain.errors import MailError
from isohold.services.settings import Settings

log = logging.getLogger(__name__)
#: how long to wait for the SMTP server at each step
TIMEOUT_S = 30
NOT_SET_UP = ("This server cannot send e-mail: no SMTP server is set up (ISOHOLD_SMTP_HOST and "
              "ISOHOLD_SMTP_SENDER). Ask your clinic to set a new password for you.")  # fmt: skip


def require(settings: Settings) -> None:
    """MailError unless an SMTP server is set up."""
    if not settings.mail_ready:
        raise MailError(NOT_SET_UP)


def message(settings: Settings, to: str, subject: str, body: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.smtp_sender or ""
    mail["To"] = to
    mail["Subject"] = subject
    mail.set_content(body)
    return mail


async def send(settings: Settings, mail: EmailMessage) -> bool:
    """Send one e-mail; False (and a warning in the log, without the message) if it failed."""
    import aiosmtplib

    require(settings)
    try:
        await aiosmtplib.send(
            mail,
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            start_tls=settings.smtp_starttls,  # True: required (never plain); False: never
            username=settings.smtp_user,
            password=settings.smtp_password,
            timeout=TIMEOUT_S,
        )
    except (aiosmtplib.SMTPException, OSError) as error:
        log.warning("e-mail to the SMTP server %s not sent: %s", settings.smtp_host, error)
        return False
    return True
