"""Program templates over HTTP (issue 14, item 3): a clinician saves a linked patient's
program as a named template (its blocks only), lists and deletes their own, and applies one to
another linked patient through the prescribing rules: within the catalogue's limits at once,
beyond them only with a written reason; a new plan version with the clinician as author.
Another clinician's template or patient is never reachable."""

from __future__ import annotations

from pathlib import Path

from isohold.services import accounts, audit
from tests.support.clinic import PASSWORD, START
from tests.support.workspace import Clinic, clinic, start


def _blocks(c: Clinic, who: str) -> dict[str, dict[str, object]]:
    plan = c.client.get(f"/api/v1/patients/{c.ids[who]}/plan").json()
    return {b["exercise"]: b for b in plan["plan"]["program"]["blocks"]}


def _edit(c: Clinic, who: str, body: dict[str, object]) -> None:
    done = c.client.patch(f"/api/v1/patients/{c.ids[who]}/plan", json=body)
    assert done.status_code == 200, done.text


def test_save_list_apply_within_and_beyond_the_limits(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        for who in ("ana", "ben"):
            start(c, who)  # curl-up, side plank, bird dog: 2 x 4 x 10 s
        c.sign_in("doc")
        _edit(c, "ana", {"block": "side-plank", "changes": {"reps": 6, "side": "left"}})
        saved = c.client.post(
            "/api/v1/templates", json={"name": "  Back,   week 3 ", "patient_id": c.ids["ana"]}
        )
        assert saved.status_code == 200, saved.text
        first = saved.json()
        assert first["name"] == "Back, week 3"
        assert set(first) == {"id", "name", "created_at", "exercises", "blocks"}  # no patient
        assert "Ana" not in str(first) and "ana@" not in str(first)
        side = next(b for b in first["blocks"] if b["exercise"] == "side-plank")
        assert (side["reps"], side["side"]) == (6, "left")
        again = c.client.post(
            "/api/v1/templates", json={"name": "Back, week 3", "patient_id": c.ids["ben"]}
        )
        assert again.status_code == 409 and "already" in again.text
        listed = c.client.get("/api/v1/templates").json()
        assert [t["name"] for t in listed] == ["Back, week 3"]

        apply = f"/api/v1/patients/{c.ids['ben']}/plan/template"
        within = c.client.post(apply, json={"template_id": first["id"]})
        assert within.status_code == 200, within.text
        done = within.json()
        assert (done["plan_version"], done["by"], done["kind"]) == (2, "Doc", "template")
        assert done["template"] == {"id": first["id"], "name": "Back, week 3"}
        assert done["beyond_limits"] == [] and done["reason"] is None
        assert any("reps 4 → 6" in text for text in done["changes"])
        assert _blocks(c, "ben")["side-plank"]["reps"] == 6
        same = c.client.post(apply, json={"template_id": first["id"]})
        assert same.status_code == 422 and same.json()["field"] == "template_id"
        assert "changes nothing" in same.text

        why_ana = "Tolerates longer holds"
        _edit(c, "ana", {"block": "bird-dog", "changes": {"hold_s": 20}, "reason": why_ana})
        longer = c.client.post(
            "/api/v1/templates", json={"name": "Longer holds", "patient_id": c.ids["ana"]}
        ).json()
        refused = c.client.post(apply, json={"template_id": longer["id"]})
        assert refused.status_code == 422 and refused.json()["field"] == "reason"
        said = refused.json()["detail"]
        assert "a hold of 20 s is outside the protocol's 10-10 s" in said
        assert "Longer holds" in said and "nothing was changed" in said
        assert c.client.get(f"/api/v1/patients/{c.ids['ben']}/plan").json()["plan_version"] == 2
        blank = c.client.post(apply, json={"template_id": longer["id"], "reason": "  "})
        assert blank.status_code == 422 and blank.json()["field"] == "reason"
        why = "Same program as a similar patient who did well"
        allowed = c.client.post(apply, json={"template_id": longer["id"], "reason": why})
        assert allowed.status_code == 200, allowed.text
        assert allowed.json()["plan_version"] == 3 and allowed.json()["reason"] == why
        assert any("20 s" in b for b in allowed.json()["beyond_limits"])
        assert _blocks(c, "ben")["bird-dog"]["hold_s"] == 20
        history = c.client.get(f"/api/v1/patients/{c.ids['ben']}/plan").json()["history"]
        assert [(h["version"], (h["author"] or {}).get("kind")) for h in history] == [
            (3, "template"),
            (2, "template"),
            (1, None),
        ]
        c.sign_in("ben")  # the patient sees who changed their plan, and why
        today = c.client.get("/api/v1/today").json()
        assert today["plan_change"]["by"] == "Doc" and today["plan_change"]["reason"] == why
        rows = audit.since(c.ctx, START.date())
        assert ("read", "POST /api/v1/templates", c.ids["ana"]) in {
            (r["action"], r["route"], r["patient_id"]) for r in rows
        }
        assert ("change", f"POST /api/v1/patients/{c.ids['ben']}/plan/template", c.ids["ben"]) in {
            (r["action"], r["route"], r["patient_id"]) for r in rows
        }
        assert "template-save" in {r["action"] for r in rows}


def test_bad_requests_name_the_field(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana")
        accounts.create_user(
            c.ctx, role="patient", email="cal@example.org", name="Cal", password=PASSWORD
        )
        accounts.link(c.ctx, "doc@example.org", "cal@example.org")
        cal = accounts.patients(c.ctx, c.ids["doc"])[1].id
        c.sign_in("doc")
        for body, field in (
            ({"patient_id": c.ids["ana"]}, "name"),
            ({"name": "   ", "patient_id": c.ids["ana"]}, "name"),
            ({"name": "x" * 121, "patient_id": c.ids["ana"]}, "name"),
            ({"name": "A", "patient_id": "ana"}, "patient_id"),
            ({"name": "A", "patient_id": cal}, "patient_id"),  # no plan yet
        ):
            answer = c.client.post("/api/v1/templates", json=body)
            assert answer.status_code == 422 and answer.json()["field"] == field, (
                body,
                answer.text,
            )
        assert c.client.post("/api/v1/templates", json=[1]).json()["field"] == "body"
        apply = f"/api/v1/patients/{c.ids['ana']}/plan/template"
        for body in ({}, {"template_id": "1"}, {"template_id": True}):
            answer = c.client.post(apply, json=body)
            assert answer.status_code == 422 and answer.json()["field"] == "template_id"
        assert c.client.get("/api/v1/templates").json() == []


def test_another_clinicians_template_or_patient_is_never_reachable(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        for who in ("ana", "ben", "zoe"):
            start(c, who)
        c.sign_in("doc")
        _edit(c, "ana", {"block": "side-plank", "changes": {"reps": 6}})
        mine = c.client.post(
            "/api/v1/templates", json={"name": "Mine", "patient_id": c.ids["ana"]}
        ).json()
        # doc cannot save from, or apply to, other-doc's patient
        theirs = c.client.post("/api/v1/templates", json={"name": "Z", "patient_id": c.ids["zoe"]})
        assert (theirs.status_code, theirs.json()["detail"]) == (404, "not found")
        onto = c.client.post(
            f"/api/v1/patients/{c.ids['zoe']}/plan/template", json={"template_id": mine["id"]}
        )
        assert (onto.status_code, onto.json()["detail"]) == (404, "not found")
        c.sign_in("other-doc")
        assert c.client.get("/api/v1/templates").json() == []
        used = c.client.post(
            f"/api/v1/patients/{c.ids['zoe']}/plan/template", json={"template_id": mine["id"]}
        )
        made_up = c.client.post(
            f"/api/v1/patients/{c.ids['zoe']}/plan/template",
            json={"template_id": mine["id"] + 1000},
        )
        assert used.status_code == made_up.status_code == 404
        assert used.json()["detail"] == f"no template {mine['id']}"  # as if it did not exist
        deleted = c.client.delete(f"/api/v1/templates/{mine['id']}")
        assert deleted.status_code == 404
        assert c.client.get(f"/api/v1/patients/{c.ids['zoe']}/plan").json()["plan_version"] == 1
        c.sign_in("ana")  # a patient has no templates
        assert c.client.get("/api/v1/templates").status_code == 403
        assert (
            c.client.post(
                f"/api/v1/patients/{c.ids['ben']}/plan/template", json={"template_id": mine["id"]}
            ).status_code
            == 404
        )
        c.sign_in("doc")  # still there for its owner, who deletes it
        assert [t["id"] for t in c.client.get("/api/v1/templates").json()] == [mine["id"]]
        gone = c.client.delete(f"/api/v1/templates/{mine['id']}")
        assert gone.status_code == 200 and gone.json()["name"] == "Mine"
        assert c.client.get("/api/v1/templates").json() == []
        late = c.client.post(
            f"/api/v1/patients/{c.ids['ben']}/plan/template", json={"template_id": mine["id"]}
        )
        assert late.status_code == 404
        actions = {r["action"] for r in audit.since(c.ctx, START.date())}
        assert {"template-list", "template-delete"} <= actions


def test_the_overview_saves_and_applies_templates(tmp_path: Path) -> None:
    import re

    with clinic(tmp_path) as c:
        for who in ("ana", "ben"):
            start(c, who)
        c.sign_in("doc")
        _edit(c, "ana", {"block": "side-plank", "changes": {"reps": 6}})
        ana, ben = f"/patients/{c.ids['ana']}", f"/patients/{c.ids['ben']}"
        html = c.client.get(ana).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert token is not None and 'action="' + ana + '/templates/apply"' not in html
        form = {"csrf_token": token.group(1), "name": "Side plank x 6"}
        saved = c.client.post(f"{ana}/templates/save", data=form, follow_redirects=False)
        assert (saved.status_code, saved.headers["location"]) == (303, ana)
        again = c.client.post(f"{ana}/templates/save", data=form)
        assert again.status_code == 409 and "already" in again.text
        page = c.client.get(ben).text
        found = re.search(r'<option value="(\d+)">Side plank x 6</option>', page)
        assert found is not None
        put = {"csrf_token": token.group(1), "template_id": found.group(1), "reason": ""}
        applied = c.client.post(f"{ben}/templates/apply", data=put, follow_redirects=False)
        assert applied.status_code == 303, applied.text
        assert _blocks(c, "ben")["side-plank"]["reps"] == 6
        wrong = c.client.post(f"{ben}/templates/apply", data={**put, "template_id": "x"})
        assert wrong.status_code == 422 and "must be the id of one of your templates" in wrong.text
