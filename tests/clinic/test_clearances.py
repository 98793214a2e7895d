"""A clinician clears a linked patient's blood pressure or a red flag they answered yes to,
with a note: the profile changes through the profile edit every front-end uses (so the day's
gate lets heavy work through that it held back), the clearance is a plan version with the
clinician's name, the patient's Today and Plan name the clinician, and a clearance that would
undo the clinician's own plan changes is refused with nothing saved."""

from __future__ import annotations

import re
from pathlib import Path

from isohold.domain.profile import BloodPressure, parse_profile
from isohold.services import audit, checkins, gate
from isohold.services.onboarding import current_profile
from tests.support.clinic import START, make_user
from tests.support.workspace import Clinic, clinic, start

HIGH = {"systolic": 165, "diastolic": 102}  # at or above the 160/100 gate, below 180/110
NOTE = "BP reviewed at clinic, cleared for isometric training"


def _heavy_today(c: Clinic, who: str) -> tuple[str, bool]:
    with c.acting(who):
        today = gate.today(c.ctx)
        profile = parse_profile(current_profile(c.ctx))
        return today.code, gate.heavy_allowed(c.ctx, today, profile)


def test_bp_clearance_opens_the_gate_keeps_dose_edits_and_names_the_clinician(
    tmp_path: Path,
) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana", conditions=["low_back_pain", "hypertension"], resting_bp=HIGH)
        with c.acting("ana"):
            checkins.record_bp(c.ctx, BloodPressure(165, 102))
        assert _heavy_today(c, "ana") == ("no_bp_training", False)
        c.sign_in("doc")
        base = f"/api/v1/patients/{c.ids['ana']}"
        edited = c.client.patch(f"{base}/plan", json={"block": "bird-dog", "changes": {"reps": 6}})
        assert edited.status_code == 200, edited.text
        cleared = c.client.post(f"{base}/clearances", json={"item": "bp", "note": NOTE})
        assert cleared.status_code == 201, cleared.text
        done = cleared.json()
        assert (done["kind"], done["by"], done["item"], done["note"], done["plan_version"]) == (
            "cleared", "Doc", "bp", NOTE, 3,
        )  # fmt: skip
        assert _heavy_today(c, "ana") == ("go", True)  # the gate itself sees the clearance
        plan = c.client.get(f"{base}/plan").json()
        blocks = {b["exercise"]: b for b in plan["plan"]["program"]["blocks"]}
        assert blocks["bird-dog"]["reps"] == 6  # the clinician's dose edit is kept
        assert plan["change"]["kind"] == "cleared"
        listed = c.client.get(f"{base}/clearances").json()["clearances"]
        assert [(x["by"], x["by_account"], x["item"], x["note"]) for x in listed] == [
            ("Doc", c.ids["doc"], "bp", NOTE),
        ]
        assert listed[0]["at"].startswith(START.date().isoformat())
        again = c.client.post(f"{base}/clearances", json={"item": "bp", "note": NOTE})
        assert again.status_code == 409 and "already cleared" in again.json()["detail"]
        said = f"Doc cleared your blood pressure for training on {START.day} {START:%b}: {NOTE}"
        assert said in c.client.get(f"/patients/{c.ids['ana']}").text  # the overview lists it
        c.sign_in("ana")
        today = c.client.get("/api/v1/today").json()
        assert today["plan_change"]["text"] == said
        assert said in c.client.get("/").text and said in c.client.get("/plan").text
        rows = [r for r in audit.since(c.ctx, START.date())
                if r["route"] == f"POST {base}/clearances"]  # fmt: skip
        assert [(r["action"], r["actor_email"]) for r in rows] == [
            ("change", "doc@example.org"), ("change", "doc@example.org"),
        ]  # fmt: skip
        reads = [r for r in audit.since(c.ctx, START.date())
                 if r["route"] == f"GET {base}/clearances"]  # fmt: skip
        assert [r["action"] for r in reads] == ["read"]


def test_a_red_flag_clearance_lifts_the_referral(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ben", red_flags=["persistent_night_pain", "fever"])
        c.sign_in("doc")
        base = f"/api/v1/patients/{c.ids['ben']}"
        assert c.client.get(f"{base}/plan").json()["plan"]["status"] == "refer"
        note = "Night pain is mechanical, eases on moving; no systemic signs"
        one = c.client.post(f"{base}/clearances",
                            json={"item": "persistent_night_pain", "note": note})  # fmt: skip
        assert one.status_code == 201, one.text
        assert one.json()["status"] == "refer"  # fever is still answered yes and not cleared
        two = c.client.post(f"{base}/clearances", json={"item": "fever", "note": "Afebrile today"})
        assert two.status_code == 201 and two.json()["status"] != "refer", two.text
        with c.acting("ben"):
            saved = current_profile(c.ctx)
        assert saved["cleared_flags"] == ["persistent_night_pain", "fever"]
        assert saved["red_flags"] == ["persistent_night_pain", "fever"]  # the answers stay
        assert c.client.get(f"{base}/plan").json()["plan"]["program"] is not None
        listed = c.client.get(f"{base}/clearances").json()["clearances"]
        assert [x["item"] for x in listed] == ["persistent_night_pain", "fever"]
        assert listed[0]["text"] == ("Doc cleared a warning sign you reported (persistent night "
                                     f"pain) on {START.day} {START:%b}: {note}")  # fmt: skip
        c.sign_in("ben")
        said = f"Doc cleared a warning sign you reported (fever) on {START.day} {START:%b}"
        assert said in c.client.get("/").text


def test_refusals_name_the_field_and_save_nothing(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana", red_flags=["fever"])
        start(c, "zoe")
        c.sign_in("doc")
        url = f"/api/v1/patients/{c.ids['ana']}/clearances"
        for body, field in (
            ({"item": "pink", "note": NOTE}, "item"),
            ({"item": "chest_pain", "note": NOTE}, "item"),  # a flag not answered yes
            ({"note": NOTE}, "item"),
            ({"item": 3, "note": NOTE}, "item"),
            ({"item": "bp", "note": "   "}, "note"),
            ({"item": "bp"}, "note"),
            ({"item": "bp", "note": "x" * 501}, "note"),
        ):
            answer = c.client.post(url, json=body)
            assert (answer.status_code, answer.json()["field"]) == (422, field), (body, answer.text)
            assert "Traceback" not in answer.text
        assert c.client.post(url, content=b"[1]").json()["field"] == "body"
        assert c.client.get(url).json()["clearances"] == []
        assert c.client.get(f"/api/v1/patients/{c.ids['ana']}/plan").json()["plan_version"] == 1
        stranger = f"/api/v1/patients/{c.ids['zoe']}/clearances"
        refused = c.client.post(stranger, json={"item": "bp", "note": NOTE})
        assert (refused.status_code, refused.json()["detail"]) == (404, "not found")
        make_user(c.ctx, "admin", "admin@example.org")
        c.sign_in("admin")  # an admin reaches no clinical data
        assert c.client.post(url, json={"item": "fever", "note": NOTE}).status_code == 404
        assert c.client.get(url).status_code == 404
        c.sign_in("ana")  # the patient cannot clear their own answers
        assert c.client.post(url, json={"item": "fever", "note": NOTE}).status_code == 404
        assert c.client.post("/api/v1/clearances", json={"item": "fever"}).status_code == 404
        with c.acting("ana"):
            assert current_profile(c.ctx).get("cleared_flags") is None
        with c.acting("zoe"):
            assert not current_profile(c.ctx).get("bp_cleared")


def test_a_clearance_that_would_undo_the_clinicians_changes_is_refused(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana", conditions=["low_back_pain", "hypertension"], resting_bp=HIGH)
        c.sign_in("doc")
        base = f"/api/v1/patients/{c.ids['ana']}"
        change = {"block": "side-plank", "changes": {"side": "left"}}
        side = c.client.patch(f"{base}/plan", json=change)
        assert side.status_code == 200, side.text
        refused = c.client.post(f"{base}/clearances", json={"item": "bp", "note": NOTE})
        assert refused.status_code == 409, refused.text
        said = refused.json()["detail"]
        assert "side-plank" in said and "Nothing was changed" in said
        plan = c.client.get(f"{base}/plan").json()
        assert plan["plan_version"] == 2 and plan["change"]["kind"] == "edit"
        blocks = {b["exercise"]: b for b in plan["plan"]["program"]["blocks"]}
        assert blocks["side-plank"]["side"] == "left"
        with c.acting("ana"):
            assert not current_profile(c.ctx).get("bp_cleared")
        assert c.client.get(f"{base}/clearances").json()["clearances"] == []


def test_the_overview_offers_what_is_left_to_clear_and_records_it(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana", conditions=["low_back_pain", "hypertension"], resting_bp=HIGH)
        c.sign_in("doc")
        page = f"/patients/{c.ids['ana']}"
        html = c.client.get(page).text
        assert '<option value="bp">Blood pressure: cleared for training</option>' in html
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert token is not None
        form = {"csrf_token": token.group(1), "item": "bp", "note": ""}
        blank = c.client.post(f"{page}/clearances", data=form)
        assert blank.status_code == 422 and "write a short note of what was assessed" in blank.text
        form["note"] = NOTE
        done = c.client.post(f"{page}/clearances", data=form, follow_redirects=False)
        assert (done.status_code, done.headers["location"]) == (303, page)
        after = c.client.get(page).text
        assert f"Doc cleared your blood pressure for training on {START.day}" in after
        assert 'value="bp"' not in after  # nothing left to clear: no form
