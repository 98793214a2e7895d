"""Password reset by e-mail, against a real SMTP server on loopback: the same answer for every
address, a mail with a one-hour single-use link and nothing else in it, the new password ends
every session; expired, withdrawn and changed links are refused; requests are throttled; without
an SMTP server the request is refused with a clear message, and the admin command sets one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from isohold.domain.errors import InputError
from isohold.services import audit
from isohold.services.settings import Settings
from isohold.web.clinic import COOKIE
from tests.clinic.invite_support import Clinic, small_clinic
from tests.clinic.smtp_inbox import Inbox, smtp_server
from tests.support.clinic import PASSWORD, START

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with smtp_server() as found:
        yield found


@pytest.fixture
def clinic(tmp_path: Path, inbox: Inbox, clinic_url: str) -> Iterator[Clinic]:
    mail = {"smtp_host": "127.0.0.1", "smtp_port": inbox.port, "smtp_starttls": False,
            "smtp_sender": "clinic@example.org"}  # fmt: skip
    with small_clinic(tmp_path, clinic_url, **mail) as found:
        yield found


def _ask(clinic: Clinic, email: str) -> tuple[int, object]:
    clinic.client.cookies.clear()
    answer = clinic.client.post("/api/v1/auth/reset", json={"email": email})
    return answer.status_code, answer.json()


def _link(inbox: Inbox, to: str) -> str:
    rcpt, mail = inbox.next()
    assert rcpt == [to] and mail["To"] == to and mail["From"] == "clinic@example.org"
    body = mail.get_payload(decode=True).decode()  # type: ignore[union-attr]
    found = re.search(r"http://testserver/reset/(\S+)", body)
    assert found is not None, body
    return found.group(1)


def _set(clinic: Clinic, token: str, password: str = NEW_PASSWORD):  # type: ignore[no-untyped-def]
    form = {"csrf_token": clinic.csrf(), "password": password}
    return clinic.client.post(f"/reset/{token}", data=form)


def test_the_link_arrives_works_once_and_ends_every_session(clinic: Clinic, inbox: Inbox) -> None:
    clinic.sign_in("patient")
    old_session = clinic.client.cookies[COOKIE]
    known = _ask(clinic, "Patient@Example.org ")
    assert known == _ask(clinic, "nobody@example.org") == (202, known[1])
    rcpt, mail = inbox.next()
    assert inbox.received.empty()  # nothing went to the unknown address
    body = mail.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert rcpt == ["patient@example.org"] and "within an hour" in body
    for private in ("Patient", "pain", "plan", "session", "doc@example.org"):
        assert private not in body  # no name, no health data, no clinician
    token = re.search(r"http://testserver/reset/(\S+)", body).group(1)  # type: ignore[union-attr]
    page = clinic.client.get(f"/reset/{token}")
    assert page.status_code == 200 and "patient@example.org" in page.text
    weak = _set(clinic, token, "short")
    assert weak.status_code == 422 and "at least 8" in weak.text
    done = _set(clinic, token)
    assert done.status_code == 200 and "new password is set" in done.text
    assert _set(clinic, token).status_code == 410
    assert "used already" in clinic.client.get(f"/reset/{token}").text
    clinic.client.cookies.set(COOKIE, old_session)
    assert clinic.client.get("/api/v1/auth/me").status_code == 401
    clinic.client.cookies.clear()
    old = {"email": "patient@example.org", "password": PASSWORD}
    assert clinic.client.post("/api/v1/auth/login", json=old).status_code == 401
    new = {"email": "patient@example.org", "password": NEW_PASSWORD}
    assert clinic.client.post("/api/v1/auth/login", json=new).status_code == 200
    actions = [r["action"] for r in audit.since(clinic.ctx, START.date())]
    assert actions.count("reset-requested") == 2 and actions.count("password-reset") == 1


def test_a_link_expires_after_an_hour(clinic: Clinic, inbox: Inbox) -> None:
    assert _ask(clinic, "patient@example.org")[0] == 202
    token = _link(inbox, "patient@example.org")
    clinic.clock.advance(minutes=59)
    assert clinic.client.get(f"/reset/{token}").status_code == 200
    clinic.clock.advance(minutes=1)
    page = clinic.client.get(f"/reset/{token}")
    assert page.status_code == 410 and "expired at 13:00 UTC on 30 November 2026" in page.text
    assert _set(clinic, token).status_code == 410


def test_a_new_request_withdraws_the_last_link_and_a_changed_one_fails(
    clinic: Clinic, inbox: Inbox
) -> None:
    _ask(clinic, "doc@example.org")
    first = _link(inbox, "doc@example.org")
    _ask(clinic, "doc@example.org")
    second = _link(inbox, "doc@example.org")
    assert "withdrawn" in clinic.client.get(f"/reset/{first}").text
    changed = second[:-1] + ("A" if second[-1] != "A" else "B")
    refused = clinic.client.get(f"/reset/{changed}")
    assert refused.status_code == 400 and "has been changed" in refused.text
    assert _set(clinic, second).status_code == 200


def test_requests_are_throttled_per_address_typed(clinic: Clinic, inbox: Inbox) -> None:
    for _ in range(5):
        assert _ask(clinic, "admin@example.org")[0] == 202
    status, body = _ask(clinic, "admin@example.org")
    assert status == 429 and "wait 15 minutes" in str(body)
    assert sum(1 for _ in range(5) if inbox.next()) == 5 and inbox.received.empty()
    clinic.clock.advance(minutes=15, seconds=1)
    assert _ask(clinic, "admin@example.org")[0] == 202


def test_the_page_to_ask_for_a_link(clinic: Clinic, inbox: Inbox) -> None:
    clinic.client.cookies.clear()
    assert 'href="/reset"' in clinic.client.get("/signin").text
    form = {"csrf_token": clinic.csrf("/reset"), "email": "patient@example.org"}
    page = clinic.client.post("/reset", data=form)
    assert page.status_code == 202 and "on its way" in page.text
    assert _link(inbox, "patient@example.org")


def test_without_an_smtp_server_the_request_is_refused(tmp_path: Path) -> None:
    with small_clinic(tmp_path) as clinic:
        status, body = _ask(clinic, "patient@example.org")
        assert status == 503 and "no SMTP server is set up" in str(body)
        form = {"csrf_token": clinic.csrf("/reset"), "email": "patient@example.org"}
        page = clinic.client.post("/reset", data=form)
        assert page.status_code == 503 and "Ask your clinic" in page.text


@pytest.mark.parametrize(
    ("values", "variable", "reason"),
    [({"smtp_host": "smtp.example.org"}, "ISOHOLD_SMTP_SENDER", "is needed"),
     ({"smtp_host": "smtp://x.org", "smtp_sender": "a@x.org"}, "ISOHOLD_SMTP_HOST", "name only"),
     ({"smtp_host": "x.org", "smtp_sender": "nobody"}, "ISOHOLD_SMTP_SENDER", "not an e-mail"),
     ({"smtp_user": "me"}, "ISOHOLD_SMTP_PASSWORD", "give both"),
     ({"smtp_port": "0"}, "ISOHOLD_SMTP_PORT", "at least 1")],
)  # fmt: skip
def test_smtp_settings_name_the_variable_and_reason(
    monkeypatch: pytest.MonkeyPatch, values: dict[str, str], variable: str, reason: str
) -> None:
    for name, value in values.items():
        monkeypatch.setenv(f"ISOHOLD_{name.upper()}", value)
    with pytest.raises(InputError) as refused:
        Settings.load()
    assert refused.value.field == variable and reason in str(refused.value)


def test_starttls_is_required_unless_turned_off(
    tmp_path: Path, inbox: Inbox, caplog: pytest.LogCaptureFixture
) -> None:
    mail = {"smtp_host": "127.0.0.1", "smtp_port": inbox.port, "smtp_sender": "c@example.org"}
    with small_clinic(tmp_path, **mail) as clinic, caplog.at_level("WARNING"):
        assert _ask(clinic, "patient@example.org")[0] == 202  # the same answer
    assert inbox.received.empty()  # a server without STARTTLS gets nothing in plain text
    assert any("not sent" in r.getMessage() and "STARTTLS" in r.getMessage().upper()
               for r in caplog.records)  # fmt: skip
    assert all("reset/" not in r.getMessage() for r in caplog.records)  # no link in the log
