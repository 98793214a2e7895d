"""An invitation sent by e-mail, through a real SMTP server on loopback: the link arrives at
the invited address, works as the one shown, and the mail names no one and holds no health
data; without an SMTP server the request is refused before any invitation is made."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.clinic.invite_support import small_clinic
from tests.clinic.smtp_inbox import Inbox, smtp_server

NEW = "new.patient@example.org"


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with smtp_server() as found:
        yield found


def test_the_invitation_arrives_by_email(tmp_path: Path, inbox: Inbox) -> None:
    mail = {"smtp_host": "127.0.0.1", "smtp_port": inbox.port, "smtp_starttls": False,
            "smtp_sender": "clinic@example.org"}  # fmt: skip
    with small_clinic(tmp_path, **mail) as clinic:
        clinic.sign_in("doc")
        answer = clinic.client.post("/api/v1/invitations",
                                    json={"email": NEW, "send_email": True})  # fmt: skip
        assert answer.status_code == 201 and answer.json()["emailed"] is True, answer.text
        rcpt, sent = inbox.next()
        assert rcpt == [NEW] and sent["Subject"] == "Your invitation to isohold"
        body = sent.get_payload(decode=True).decode()  # type: ignore[union-attr]
        assert answer.json()["url"] in body and "within 7 days" in body
        assert "Doc" not in body and "doc@example.org" not in body  # no one named
        token = str(answer.json()["url"]).rsplit("/", 1)[1]
        clinic.client.cookies.clear()
        assert clinic.client.get(f"/invite/{token}").status_code == 200


def test_without_an_smtp_server_no_invitation_is_made(tmp_path: Path) -> None:
    with small_clinic(tmp_path) as clinic:
        clinic.sign_in("doc")
        answer = clinic.client.post("/api/v1/invitations",
                                    json={"email": NEW, "send_email": True})  # fmt: skip
        assert answer.status_code == 503 and "QR code" in answer.text
        assert clinic.client.get("/api/v1/invitations").json() == []
        shown = clinic.client.post("/api/v1/invitations", json={"email": NEW})
        assert shown.status_code == 201 and shown.json()["emailed"] is None


def test_the_invitations_page_emails_the_link_when_asked(tmp_path: Path, inbox: Inbox) -> None:
    mail = {"smtp_host": "127.0.0.1", "smtp_port": inbox.port, "smtp_starttls": False,
            "smtp_sender": "clinic@example.org"}  # fmt: skip
    with small_clinic(tmp_path, **mail) as clinic:
        clinic.sign_in("doc")
        page = clinic.client.get("/invitations").text
        assert 'name="send_email"' in page
        form = {"csrf_token": clinic.csrf("/invitations"), "email": NEW, "send_email": "yes"}
        made = clinic.client.post("/invitations", data=form)
        assert made.status_code == 201 and f"The link was e-mailed to {NEW}" in made.text
        rcpt, _sent = inbox.next()
        assert rcpt == [NEW]


def test_without_an_smtp_server_the_page_offers_no_email(tmp_path: Path) -> None:
    with small_clinic(tmp_path) as clinic:
        clinic.sign_in("doc")
        assert 'name="send_email"' not in clinic.client.get("/invitations").text
