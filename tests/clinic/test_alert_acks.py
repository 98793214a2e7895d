"""Alert acknowledgement through the API, from a week recorded through the services: an
acknowledged alert leaves the clinician's list (stored with who and when, audited), a new
occurrence raises a new alert, and another clinician's patient never appears."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from isohold.services import audit
from tests.support.clinic import START
from tests.support.workspace import checkin, clinic, start, train


def test_acknowledge_an_alert_and_a_new_occurrence_returns(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        for who in ("ana", "ben", "zoe"):
            start(c, who, pain_now=3)
        for _day in range(3):  # a quiet start of the week for everyone
            for who in ("ana", "ben", "zoe"):
                checkin(c, who, pain=3)
                c.clock.advance(hours=1)
                assert train(c, who, pain=2) == "complete"
            c.clock.advance(hours=21)
        assert train(c, "ana", pain=6) == "stopped"  # above the limit: the coach stops it
        assert train(c, "zoe", pain=6) == "stopped"
        c.sign_in("doc")
        listed = c.client.get("/api/v1/patients").json()
        assert [p["email"] for p in listed] == ["ana@example.org", "ben@example.org"]
        assert [a["code"] for a in listed[0]["alerts"]] == ["stop_rule"] and not listed[1]["alerts"]
        alert = listed[0]["alerts"][0]
        assert alert["id"] == alert["key"]
        assert alert["evidence"]["kind"] == "session" and "6/10 during" in alert["text"]
        ana = c.ids["ana"]
        done = c.client.post(f"/api/v1/patients/{ana}/alerts/{alert['key']}/acknowledge")
        assert done.status_code == 200, done.text
        assert done.json()["acknowledged_by"] == "Doc"
        assert done.json()["acknowledged_at"] == c.clock().replace(tzinfo=None).isoformat() + "Z"
        c.clock.advance(minutes=5)
        again = c.client.post(f"/api/v1/patients/{ana}/alerts/{alert['key']}/acknowledge")
        assert again.json()["acknowledged_at"] == done.json()["acknowledged_at"]  # the first kept
        assert all(not p["alerts"] for p in c.client.get("/api/v1/patients").json())
        shown = c.client.get(f"/api/v1/patients/{ana}/alerts").json()
        assert shown["alerts"] == []
        assert [a["key"] for a in shown["acknowledged"]] == [alert["key"]]
        assert shown["acknowledged"][0]["acknowledged_by"] == "Doc"
        # a new occurrence: another session stopped the next day is a new alert
        c.clock.advance(days=1)
        assert train(c, "ana", pain=6) == "stopped"
        c.sign_in("doc")  # a day later: a new sign-in
        fresh = c.client.get("/api/v1/patients").json()[0]
        assert [a["code"] for a in fresh["alerts"]] == ["stop_rule"]
        assert fresh["alerts"][0]["key"] != alert["key"]
        many = c.client.post(
            f"/api/v1/patients/{ana}/alerts/acknowledge", json={"key": fresh["alerts"][0]["key"]}
        )
        assert (
            many.status_code == 200 and many.json()["acknowledged"][0]["acknowledged_by"] == "Doc"
        )
        assert c.client.get("/api/v1/patients").json()[0]["alerts"] == []
        rows = [
            r for r in audit.since(c.ctx, START.date()) if r["actor_email"] == "doc@example.org"
        ]
        assert (
            "change",
            f"POST /api/v1/patients/{ana}/alerts/{alert['key']}/acknowledge",
            ana,
        ) in [(r["action"], r["route"], r["patient_id"]) for r in rows]


def test_unknown_alerts_and_other_clinicians_patients(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        for who in ("ana", "zoe"):
            start(c, who, pain_now=3)
            assert train(c, who, pain=6) == "stopped"
        c.sign_in("other-doc")
        theirs = c.client.get("/api/v1/patients").json()
        assert [p["email"] for p in theirs] == ["zoe@example.org"]
        key = theirs[0]["alerts"][0]["key"]
        c.sign_in("doc")
        assert [p["email"] for p in c.client.get("/api/v1/patients").json()] == [
            "ana@example.org",
            "ben@example.org",
        ]
        zoe = c.ids["zoe"]
        for method, path in (
            ("GET", f"/api/v1/patients/{zoe}/alerts"),
            ("POST", f"/api/v1/patients/{zoe}/alerts/{key}/acknowledge"),
        ):
            answer = c.client.request(method, path)
            assert (answer.status_code, answer.json()["detail"]) == (404, "not found"), path
        by_body = c.client.post(
            f"/api/v1/patients/{c.ids['ana']}/alerts/acknowledge", json={"keys": ["no:such:1"]}
        )
        assert by_body.status_code == 404 and "no current alert 'no:such:1'" in by_body.text
        empty = c.client.post(f"/api/v1/patients/{c.ids['ana']}/alerts/acknowledge", json={})
        assert empty.status_code == 422 and empty.json()["field"] == "key"
        wrong = c.client.post(f"/api/v1/patients/{c.ids['ana']}/alerts/made-up:key:1/acknowledge")
        assert wrong.status_code == 404 and "no current alert 'made-up:key:1'" in wrong.text
        c.sign_in("ana")  # a patient does not reach a clinician's routes, even their own
        own = c.client.get(f"/api/v1/patients/{c.ids['ana']}/alerts")
        assert own.status_code == 404
        c.sign_in("other-doc")
        still = c.client.get("/api/v1/patients").json()[0]["alerts"]
        assert [a["key"] for a in still] == [key]  # nobody else acknowledged it


def test_alerts_are_computed_again_only_for_new_data_or_a_new_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from isohold.services import alert_acks, alerts

    computed: list[list[int]] = []
    gather = alerts.gather

    def counted(s: Any, person_ids: Any, *args: Any) -> Any:
        computed.append(sorted(person_ids))
        return gather(s, person_ids, *args)

    monkeypatch.setattr(alerts, "gather", counted)
    with clinic(tmp_path) as c:
        for who in ("ana", "ben"):
            start(c, who, pain_now=3)
            assert train(c, who, pain=2) == "complete"
        mine = [c.ids["ana"], c.ids["ben"]]
        first = alert_acks.open_alerts(c.ctx, mine)
        assert alert_acks.open_alerts(c.ctx, mine) == first
        assert computed == [sorted([c.person("ana"), c.person("ben")])]  # once: nothing changed
        assert train(c, "ana", pain=6) == "stopped"
        changed = alert_acks.open_alerts(c.ctx, mine)
        assert computed[-1] == [c.person("ana")]  # only the patient whose data changed
        assert [a.code for a in changed[c.ids["ana"]]] == ["stop_rule"]
        c.clock.advance(days=8)  # no new data, but a week without a session is news
        later = alert_acks.open_alerts(c.ctx, mine)
        assert len(computed) == 3
        assert "no_session" in [a.code for a in later[c.ids["ben"]]]
