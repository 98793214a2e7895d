"""Clinical notes and messages (issue 14 item 5): notes are a linked clinician's only,
append-only with corrections; a patient and their clinicians share one thread with unread
counts that opening the thread clears; plain text with a length limit and errors naming the
field; another clinician's patient, an admin and a patient never reach what is not theirs;
each clinician access is audited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from isohold.domain.errors import ConflictError, InputError, NotAllowedError
from isohold.services import accounts, audit, messages
from isohold.services.signin import Who
from isohold.storage.models import data_tables
from tests.support.clinic import START, clinic_context, make_user
from tests.support.workspace import Clinic, clinic


def _who(c: Clinic, name: str, role: str) -> Who:
    return Who(c.ids[name], f"{name}@example.org", name.title(), role, None, True, "")


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_notes_and_messages_are_clinic_data_left_out_of_backups() -> None:
    names = {t.name for t in data_tables()}
    assert {"clinical_notes", "messages", "message_reads"}.isdisjoint(names)
    assert "sessions" in names  # the training log itself is still backed up


def test_services_notes_corrections_and_unread_counts(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        doc, ana = _who(c, "doc", "clinician"), _who(c, "ana", "patient")
        first = messages.add_note(c.ctx, doc, ana.account_id, {"text": "  Knee pain 4/10.\n "})
        assert first["text"] == "Knee pain 4/10." and first["author"] == "Doc"
        assert first["at"] == c.clock().replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
        c.clock.advance(minutes=2)
        correction = {"text": "Knee pain 3/10, not 4.", "corrects": first["id"]}
        fix = messages.add_note(c.ctx, doc, ana.account_id, correction)
        listed = messages.notes(c.ctx, doc, ana.account_id)
        assert [n["id"] for n in listed] == [fix["id"], first["id"]]  # newest first, both kept
        assert listed[1]["corrected_by"] == [fix["id"]] and listed[0]["corrects"] == first["id"]
        with pytest.raises(NotAllowedError):
            messages.notes(c.ctx, ana, ana.account_id)  # never the patient
        ben = c.ids["ben"]
        with pytest.raises(InputError) as other:  # a correction of another patient's note
            messages.add_note(c.ctx, doc, ben, {"text": "x", "corrects": first["id"]})
        assert other.value.field == "corrects"
        assert messages.notes(c.ctx, doc, ben) == []
        too_long = "a" * (messages.MAX_NOTE_CHARS + 1)
        for body, field in (({"text": too_long}, "text"), ({"text": "   "}, "text"),
                            ({"text": 5}, "text"), ("nope", "text"),
                            ({"text": "a\x00b"}, "text"),
                            ({"text": "ok", "corrects": "1"}, "corrects")):  # fmt: skip
            with pytest.raises(InputError) as bad:
                messages.add_note(c.ctx, doc, ana.account_id, body)
            assert bad.value.field == field
        assert len(messages.notes(c.ctx, doc, ana.account_id)) == 2  # nothing saved

        # messages: the other side's unread until opened; one's own never unread
        messages.send(c.ctx, ana, ana.account_id, {"text": "Is a little soreness normal?"})
        assert messages.unread_counts(c.ctx, doc, [ana.account_id, ben]) == {ana.account_id: 1}
        opened = messages.open_thread(c.ctx, ana, ana.account_id)
        assert opened["unread"] == 0 and opened["messages"][0]["from"] == "patient"
        thread = messages.open_thread(c.ctx, doc, ana.account_id)
        assert thread["unread"] == 1 and thread["messages"][0]["new"] is True
        assert messages.unread_counts(c.ctx, doc, [ana.account_id]) == {}
        messages.send(c.ctx, doc, ana.account_id, {"text": "Yes, up to 3/10 next morning."})
        messages.send(c.ctx, doc, ana.account_id, {"text": "Keep going."})
        peek = messages.open_thread(c.ctx, ana, ana.account_id, mark=False)
        assert peek["unread"] == 2
        seen = messages.open_thread(c.ctx, ana, ana.account_id)
        assert seen["unread"] == 2 and [m["new"] for m in seen["messages"]] == [False, True, True]
        assert messages.open_thread(c.ctx, ana, ana.account_id)["unread"] == 0
        with pytest.raises(InputError) as long_message:
            messages.send(c.ctx, ana, ana.account_id, {"text": "b" * 2001})
        assert long_message.value.field == "text" and "2000" in str(long_message.value)
        with pytest.raises(NotAllowedError):
            messages.own_thread(doc)


def test_threads_and_unread_counts_on_sqlite_and_postgresql(clinic_url: str) -> None:
    """Two clinicians share a patient: each has their own unread count and read position;
    a second patient's thread stays apart; a deleted note is impossible, a corrected one kept."""
    with clinic_context(clinic_url) as (ctx, clock):
        ids = {n: make_user(ctx, role, f"{n}@example.org")
               for n, role in (("kim", "clinician"), ("lee", "clinician"), ("ana", "patient"),
                               ("ben", "patient"))}  # fmt: skip

        def who(name: str, role: str) -> Who:
            return Who(ids[name], f"{name}@example.org", name.title(), role, None, True, "")

        for doc, patient in (("kim", "ana"), ("lee", "ana"), ("kim", "ben"), ("lee", "ben")):
            accounts.link(ctx, f"{doc}@example.org", f"{patient}@example.org")
        kim, lee = who("kim", "clinician"), who("lee", "clinician")
        ana, ben = who("ana", "patient"), who("ben", "patient")
        for _ in range(3):
            messages.send(ctx, ana, ids["ana"], {"text": "Question"})
            clock.advance(minutes=1)
        messages.send(ctx, ben, ids["ben"], {"text": "Ben here"})
        patients = [ids["ana"], ids["ben"]]
        assert messages.unread_counts(ctx, kim, patients) == {ids["ana"]: 3, ids["ben"]: 1}
        assert messages.open_thread(ctx, kim, ids["ana"])["unread"] == 3
        assert messages.unread_counts(ctx, kim, patients) == {ids["ben"]: 1}
        assert messages.unread_counts(ctx, lee, patients) == {ids["ana"]: 3, ids["ben"]: 1}
        messages.send(ctx, ana, ids["ana"], {"text": "One more"})
        assert messages.unread_counts(ctx, kim, patients) == {ids["ana"]: 1, ids["ben"]: 1}
        messages.send(ctx, lee, ids["ana"], {"text": "Answer"})  # writing reads the thread
        assert messages.unread_counts(ctx, lee, patients) == {ids["ben"]: 1}
        assert messages.open_thread(ctx, ana, ids["ana"])["unread"] == 1
        assert [m["text"] for m in messages.open_thread(ctx, ben, ids["ben"])["messages"]] == [
            "Ben here"
        ]
        note = messages.add_note(ctx, kim, ids["ana"], {"text": "First"})
        messages.add_note(ctx, lee, ids["ana"], {"text": "Second", "corrects": note["id"]})
        shown = messages.notes(ctx, kim, ids["ana"])
        assert [(n["author"], n["text"]) for n in shown] == [("Lee", "Second"), ("Kim", "First")]
        assert messages.notes(ctx, kim, ids["ben"]) == []


def test_over_http_notes_messages_unread_and_audit(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        ana = c.ids["ana"]
        c.sign_in("ana")
        sent = c.client.post("/api/v1/messages", json={"text": "<b>Hi</b> & thanks"})
        assert sent.status_code == 201, sent.text
        assert sent.json()["text"] == "<b>Hi</b> & thanks" and sent.json()["from"] == "patient"
        bad = c.client.post("/api/v1/messages", json={"text": "x" * 2001})
        assert bad.status_code == 422 and bad.json()["field"] == "text"
        assert "2000" in bad.json()["detail"]
        assert c.client.get(f"/api/v1/patients/{ana}/notes").status_code == 404  # not hers
        assert c.client.get("/api/v1/messages/unread").json() == {"unread": 0}

        c.sign_in("doc")
        listed = {p["id"]: p for p in c.client.get("/api/v1/patients").json()}
        assert listed[ana]["unread_messages"] == 1 and listed[c.ids["ben"]]["unread_messages"] == 0
        assert c.client.get(f"/api/v1/patients/{ana}").json()["unread_messages"] == 1
        thread = c.client.get(f"/api/v1/patients/{ana}/messages").json()
        assert thread["unread"] == 1 and thread["messages"][0]["sender"] == "Ana"
        listed = {p["id"]: p for p in c.client.get("/api/v1/patients").json()}
        assert listed[ana]["unread_messages"] == 0  # opened: read
        reply = c.client.post(f"/api/v1/patients/{ana}/messages", json={"text": "Hello Ana"})
        assert reply.status_code == 201 and reply.json()["from"] == "clinician"
        note = c.client.post(f"/api/v1/patients/{ana}/notes", json={"text": "Tolerating well."})
        assert note.status_code == 201 and note.json()["author"] == "Doc"
        empty = c.client.post(f"/api/v1/patients/{ana}/notes", json={"text": ""})
        assert empty.status_code == 422 and empty.json()["field"] == "text"
        notes = c.client.get(f"/api/v1/patients/{ana}/notes").json()
        assert [n["text"] for n in notes["notes"]] == ["Tolerating well."]
        assert c.client.get("/api/v1/messages").status_code == 403  # a clinician has no thread
        rows = [(r["action"], r["route"], r["patient_id"]) for r in audit.since(c.ctx, START.date())
                if r["actor_email"] == "doc@example.org"]  # fmt: skip
        for row in (("read", f"GET /api/v1/patients/{ana}/messages", ana),
                    ("change", f"POST /api/v1/patients/{ana}/messages", ana),
                    ("change", f"POST /api/v1/patients/{ana}/notes", ana),
                    ("read", f"GET /api/v1/patients/{ana}/notes", ana)):  # fmt: skip
            assert row in rows

        c.sign_in("ana")
        mine = c.client.get("/api/v1/messages/unread").json()
        assert mine == {"unread": 1}
        got = c.client.get("/api/v1/messages").json()
        assert got["unread"] == 1 and [m["text"] for m in got["messages"]][-1] == "Hello Ana"
        assert "Tolerating" not in c.client.get("/api/v1/messages").text  # notes never shown
        page = c.client.get("/messages").text
        assert "Hello Ana" in page and "&lt;b&gt;Hi&lt;/b&gt; &amp; thanks" in page
        assert "Tolerating" not in page and 'href="/messages"' in page  # the nav link


def test_another_clinician_an_admin_and_another_patient_reach_nothing(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        ana, zoe = c.ids["ana"], c.ids["zoe"]
        c.sign_in("doc")
        c.client.post(f"/api/v1/patients/{ana}/notes", json={"text": "Private note"})
        c.client.post(f"/api/v1/patients/{ana}/messages", json={"text": "For Ana only"})
        c.sign_in("other-doc")  # zoe's clinician, not ana's
        for method, path in (("GET", "notes"), ("POST", "notes"), ("GET", "messages"),
                             ("POST", "messages")):  # fmt: skip
            answer = c.client.request(method, f"/api/v1/patients/{ana}/{path}",
                                      json={"text": "x"} if method == "POST" else None)  # fmt: skip
            assert (answer.status_code, answer.json()["detail"]) == (404, "not found")
        assert c.client.get(f"/api/v1/patients/{zoe}/notes").json()["notes"] == []
        assert c.client.get(f"/api/v1/patients/{zoe}/messages").json()["messages"] == []
        assert c.client.get(f"/patients/{ana}").status_code == 404
        c.sign_in("zoe")  # another patient: her own thread is empty
        assert c.client.get("/api/v1/messages").json()["messages"] == []
        assert c.client.get(f"/api/v1/patients/{ana}/messages").status_code == 404
        c.sign_in("doc")  # nothing was added by the refused requests
        thread = c.client.get(f"/api/v1/patients/{ana}/messages").json()["messages"]
        assert [m["text"] for m in thread] == ["For Ana only"]
        assert len(c.client.get(f"/api/v1/patients/{ana}/notes").json()["notes"]) == 1


def test_a_patient_without_a_clinician_cannot_send_into_the_void(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        alone = make_user(c.ctx, "patient", "alone@example.org")
        who = Who(alone, "alone@example.org", "Alone", "patient", None, True, "")
        with pytest.raises(ConflictError):
            messages.send(c.ctx, who, alone, {"text": "Anyone there?"})
        assert messages.open_thread(c.ctx, who, alone) == {
            "messages": [], "unread": 0, "clinicians": [], "max_chars": 2000,
        }  # fmt: skip
        c.sign_in("alone")
        refused = c.client.post("/api/v1/messages", json={"text": "Anyone there?"})
        assert refused.status_code == 409 and "No clinician is linked" in refused.json()["detail"]
        page = c.client.get("/messages").text
        assert "No clinician is linked to your account yet" in page
        token = _token(page)
        kept = c.client.post("/messages", data={"csrf_token": token, "text": "My draft"})
        assert kept.status_code == 409 and ">My draft</textarea>" in kept.text
        c.sign_in("ana")
        assert "Your clinician: Doc." in c.client.get("/messages").text


def test_admin_reads_no_notes_or_messages(tmp_path: Path) -> None:
    from tests.support.clinic import make_user

    with clinic(tmp_path) as c:
        make_user(c.ctx, "admin", "boss@example.org")
        ana = c.ids["ana"]
        c.sign_in("boss")
        for path in (f"/api/v1/patients/{ana}/notes", f"/api/v1/patients/{ana}/messages"):
            assert c.client.get(path).status_code == 404
        assert c.client.get("/api/v1/messages").status_code == 403
        assert c.client.post("/api/v1/messages", json={"text": "hi"}).status_code == 403


def test_the_overview_page_forms_and_the_patient_page(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        ana = c.ids["ana"]
        c.sign_in("ana")
        token = _token(c.client.get("/messages").text)
        sent = c.client.post("/messages", data={"csrf_token": token, "text": "Line one\nline 2"},
                             follow_redirects=False)  # fmt: skip
        assert sent.status_code == 303 and sent.headers["location"] == "/messages"
        refused = c.client.post("/messages", data={"csrf_token": token, "text": " "})
        assert refused.status_code == 422 and "field &#39;text&#39;" in refused.text

        c.sign_in("doc")
        page = c.client.get(f"/patients/{ana}").text
        assert "Messages (1 new)" in page and "Line one\nline 2" in page
        assert "No notes yet." in page
        token = _token(page)
        script = {"csrf_token": token, "text": "<script>alert(1)</script>"}
        done = c.client.post(f"/patients/{ana}/notes", data=script, follow_redirects=False)
        assert done.status_code == 303
        page = c.client.get(f"/patients/{ana}").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
        assert "Messages (1 new)" not in page  # opened with the overview
        first = c.client.get(f"/api/v1/patients/{ana}/notes").json()["notes"][0]["id"]
        fix = c.client.post(f"/patients/{ana}/notes", data={"csrf_token": token,
                            "text": "Correction", "corrects": str(first)})  # fmt: skip
        assert fix.status_code == 200 and f'corrects <a href="#note-{first}">' in fix.text
        wrong = c.client.post(f"/patients/{ana}/notes", data={"csrf_token": token,
                              "text": "x", "corrects": "99999"})  # fmt: skip
        assert wrong.status_code == 422 and "no note 99999" in wrong.text
        reply = c.client.post(f"/patients/{ana}/messages", data={"csrf_token": token,
                              "text": "Noted, thanks"}, follow_redirects=False)  # fmt: skip
        assert reply.status_code == 303
        c.sign_in("ana")
        assert ">Messages (1 new)</a>" in c.client.get("/").text  # the menu counts the reply
        mine = c.client.get("/messages").text
        assert "Noted, thanks" in mine and "Correction" not in mine
        assert ">Messages</a>" in c.client.get("/").text  # read: no count
        assert "<strong>new</strong>" in mine
        c.sign_in("doc")
        listed = c.client.get("/patients").text
        assert "—" in listed and f'href="/patients/{c.ids["ben"]}#messages-title"' not in listed
        c.sign_in("ben")
        c.client.post("/api/v1/messages", json={"text": "Hello from Ben"})
        c.sign_in("doc")
        listed = c.client.get("/patients").text
        assert f'<a href="/patients/{c.ids["ben"]}#messages-title">1 new</a>' in listed


def test_the_readme_states_the_limits_the_code_enforces() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme[readme.index("**Notes and messages.**") :]
    stated = (
        f"at most {messages.MAX_NOTE_CHARS:,} characters a note and "
        f"{messages.MAX_MESSAGE_CHARS:,} a message"
    )
    assert stated in " ".join(section.split())


def test_the_same_reader_marking_read_twice_at_once_on_postgresql() -> None:
    """Two requests of one reader opening a thread together on PostgreSQL: the second insert
    of the read position waits for the first, finds it committed, and moves it on (no error)."""

    from sqlalchemy.orm import Session

    from isohold.storage import messages as store
    from isohold.storage.message_models import MessageRead
    from tests.support.postgres import fresh_database, one_behind_the_other

    with fresh_database() as url, clinic_context(url) as (ctx, _clock):
        patient = make_user(ctx, "patient", "ana@example.org")
        reader = make_user(ctx, "clinician", "kim@example.org")
        at = START.replace(tzinfo=None)
        engine = ctx.db.engine
        one_behind_the_other(
            engine,
            lambda s: store.mark_read(s, patient, reader, 5, at),
            lambda s: store.mark_read(s, patient, reader, 7, at),
        )
        with Session(engine) as s:
            row = s.get(MessageRead, (patient, reader))
            assert row is not None and row.last_read_id == 7


@pytest.mark.parametrize(
    "module",
    ["storage.message_models", "storage.messages", "storage.workspace_models", "services.messages"],
)
def test_each_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    """The models import each other through storage/models.py: any of them may come first."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", f"import isohold.{module}"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-500:]
