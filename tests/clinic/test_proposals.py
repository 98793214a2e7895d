"""The weekly review on a leash, through the API: in "propose" mode the patient's review waits
as a proposal with its plan diff, the coach keeps the approved plan, and the clinician
approves (as proposed or edited, with a reason beyond the limits) or rejects; each audited."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from isohold.services import audit
from tests.support.clinic import START
from tests.support.workspace import Clinic, checkin, clinic, start, train


def _week(c: Clinic, who: str) -> None:
    """Seven days of a morning check-in and a session, then the next morning's check-in."""
    for _day in range(7):
        checkin(c, who, pain=3)
        c.clock.advance(hours=10)
        assert train(c, who, pain=2) == "complete"
        c.clock.advance(hours=14)
    checkin(c, who, pain=3)


def _coach_blocks(c: Clinic) -> dict[str, Any]:
    """What the patient's coach trains on: the blocks of a session started now."""
    started = c.client.post("/api/v1/sessions", json={}).json()
    return {b["block"]["exercise"]: b["block"] for b in started["exercises"]}


def test_propose_then_approve_or_reject(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana")
        c.sign_in("doc")
        base = f"/api/v1/patients/{c.ids['ana']}"
        assert c.client.get(f"{base}/review-mode").json() == {"mode": "apply"}
        bad = c.client.put(f"{base}/review-mode", json={"mode": "sometimes"})
        assert bad.status_code == 422 and bad.json()["field"] == "mode"
        assert c.client.put(f"{base}/review-mode", json={"mode": "propose"}).json() == {
            "mode": "propose"
        }
        for method in ("PATCH", "POST"):  # the same, whichever verb
            again = c.client.request(method, f"{base}/review-mode", json={"mode": "propose"})
            assert again.json() == {"mode": "propose"}
        _week(c, "ana")
        c.sign_in("ana")
        before = _coach_blocks(c)
        ran = c.client.post("/api/v1/progress", json={}).json()
        assert ran["saved"] is False and isinstance(ran["proposal_id"], int)
        assert ran["decisions"], "the week's review decided something"
        assert c.client.get("/api/v1/today").json()["plan_version"] == 1
        assert _coach_blocks(c) == before  # the coach keeps the approved plan
        form = re.search(r'name="csrf_token" value="([^"]+)"', c.client.get("/review").text)
        assert form is not None
        # the web page goes through the same place
        page = c.client.post("/progress", data={"csrf_token": form.group(1)}).text
        assert "Sent to your clinician" in page
        c.sign_in("doc")
        waiting = {
            p["email"]: p["pending_reviews"] for p in c.client.get("/api/v1/patients").json()
        }
        assert waiting == {"ana@example.org": 1, "ben@example.org": 0}
        listed = c.client.get(f"{base}/proposals").json()
        assert listed["review_mode"] == "propose"
        statuses = [(p["id"], p["status"]) for p in listed["proposals"]]
        assert statuses == [(ran["proposal_id"] + 1, "pending"), (ran["proposal_id"], "superseded")]
        proposal = listed["proposals"][0]
        assert proposal["diff"] and all(d["text"] for d in proposal["diff"])
        changed = {d["exercise"] for d in proposal["diff"]}
        pid = proposal["id"]
        beyond = {"edits": {"bird-dog": {"hold_s": 20}}}
        refused = c.client.post(f"{base}/proposals/{pid}/approve", json=beyond)
        assert refused.status_code == 422 and refused.json()["field"] == "reason"
        stale = c.client.post(f"{base}/proposals/{ran['proposal_id']}/approve")
        assert stale.status_code == 409 and "superseded" in stale.json()["detail"]
        why = "Holds well tolerated"
        as_block = {"edits": {"block": "bird-dog", "changes": {"hold": 20}}, "reason": why}
        approved = c.client.post(f"{base}/proposals/{pid}/approve", json=as_block)
        assert approved.status_code == 200, approved.text
        done = approved.json()
        assert (done["status"], done["plan_version"], done["kind"], done["by"], done["edited"]) == (
            "approved", 2, "approved", "Doc", True,
        )  # fmt: skip
        assert c.client.get("/api/v1/patients").json()[0]["pending_reviews"] == 0
        again = c.client.post(f"{base}/proposals/{pid}/approve")
        assert again.status_code == 409 and "approved already" in again.json()["detail"]
        c.sign_in("ana")
        today = c.client.get("/api/v1/today").json()
        assert today["plan_version"] == 2
        assert (today["plan_change"]["kind"], today["plan_change"]["by"]) == ("approved", "Doc")
        after = _coach_blocks(c)
        assert after["bird-dog"]["hold_s"] == 20
        assert {e for e in after if after[e] != before[e]} >= changed - {"bird-dog"}
        # the next week's proposal is rejected: the plan stays
        c.clock.advance(days=1)
        _week(c, "ana")
        c.sign_in("ana")
        second = c.client.post("/api/v1/progress", json={}).json()["proposal_id"]
        c.sign_in("doc")
        no = c.client.post(f"{base}/proposals/{second}/reject", json={"reason": "Wait a week"})
        assert no.status_code == 200 and no.json()["status"] == "rejected"
        assert no.json()["plan_version"] == 2
        assert c.client.post(f"{base}/proposals/{second}/approve").status_code == 409
        assert c.client.post(f"{base}/proposals/999/reject").status_code == 404
        c.sign_in("ana")
        assert c.client.get("/api/v1/today").json()["plan_version"] == 2
        routes = [r["route"] for r in audit.since(c.ctx, START.date())
                  if r["actor_email"] == "doc@example.org" and r["action"] == "change"]  # fmt: skip
        assert f"POST {base}/proposals/{pid}/approve" in routes
        assert f"POST {base}/proposals/{second}/reject" in routes
        assert f"PUT {base}/review-mode" in routes


def test_an_edit_since_the_proposal_is_kept_and_strangers(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana")
        c.sign_in("doc")
        base = f"/api/v1/patients/{c.ids['ana']}"
        c.client.put(f"{base}/review-mode", json={"mode": "propose"})
        _week(c, "ana")
        c.sign_in("ana")
        pid = c.client.post("/api/v1/progress", json={}).json()["proposal_id"]
        c.sign_in("doc")
        edit = {"block": "side-plank", "changes": {"reps": 6}}
        assert c.client.patch(f"{base}/plan", json=edit).status_code == 200
        proposed = {b["exercise"]: b for b in c.client.get(f"{base}/proposals").json()[
            "proposals"][0]["plan"]["program"]["blocks"]}  # fmt: skip
        approved = c.client.post(f"{base}/proposals/{pid}/approve")
        assert approved.status_code == 200, approved.text
        assert (
            approved.json()["kept_edits"] == ["side-plank"] and approved.json()["plan_version"] == 3
        )
        now = {b["exercise"]: b for b in c.client.get(f"{base}/plan").json()["plan"]["program"][
            "blocks"]}  # fmt: skip
        assert now["side-plank"]["reps"] == 6  # the clinician's edit stays
        assert now["bird-dog"] == proposed["bird-dog"]  # the review's change comes in
        c.sign_in("other-doc")
        for method, path in (
            ("GET", f"{base}/proposals"),
            ("POST", f"{base}/proposals/{pid}/reject"),
            ("PUT", f"{base}/review-mode"),
        ):
            answer = c.client.request(method, path, json={"mode": "apply"})
            assert (answer.status_code, answer.json()["detail"]) == (404, "not found"), path
        c.sign_in("ben")  # apply mode, the default: the review changes the plan at once
        start(c, "ben")
        _week(c, "ben")
        c.sign_in("ben")
        ran = c.client.post("/api/v1/progress", json={}).json()
        assert ran["saved"] is True and ran["proposal_id"] is None and ran["to_plan_version"] == 2
