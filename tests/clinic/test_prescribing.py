"""A clinician edits a linked patient's plan through the API: within the catalogue's limits,
beyond them only with a written reason (refused naming the field otherwise), each change a new
plan version with its author and reason, which the patient's today shows."""

from __future__ import annotations

from pathlib import Path

from isohold.services import audit
from tests.support.clinic import START
from tests.support.workspace import clinic, start


def test_edits_within_and_beyond_the_limits_versioned_with_their_author(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana")  # curl-up, side plank, bird dog: 2 x 4 x 10 s
        c.sign_in("doc")
        plan = f"/api/v1/patients/{c.ids['ana']}/plan"
        first = c.client.get(plan).json()
        assert first["plan_version"] == 1 and first["change"] is None
        within = c.client.patch(
            plan, json={"block": "side-plank", "changes": {"reps": 6, "side": "left"}}
        )
        assert within.status_code == 200, within.text
        done = within.json()
        assert (done["plan_version"], done["by"], done["kind"], done["reason"]) == (
            2, "Doc", "edit", None,
        )  # fmt: skip
        assert done["before"]["reps"] == 4 and done["after"]["reps"] == 6
        assert done["beyond_limits"] == []
        assert any("reps 4 → 6" in text for text in done["changes"])
        beyond = {"block": "bird-dog", "changes": {"hold_s": 20}}
        refused = c.client.patch(plan, json=beyond)
        assert refused.status_code == 422 and refused.json()["field"] == "reason"
        said = refused.json()["detail"]
        assert "a hold of 20 s is outside the protocol's 10-10 s" in said and "hold_s" in said
        assert "nothing was changed" in said
        assert c.client.get(plan).json()["plan_version"] == 2
        blank = c.client.patch(plan, json={**beyond, "reason": "   "})
        assert blank.status_code == 422 and blank.json()["field"] == "reason"
        why = "Tolerates longer holds well; analgesic effect wanted"
        allowed = c.client.patch(plan, json={**beyond, "reason": why})
        assert allowed.status_code == 200, allowed.text
        assert allowed.json()["plan_version"] == 3 and allowed.json()["reason"] == why
        assert allowed.json()["beyond_limits"] == [
            "a hold of 20 s is outside the protocol's 10-10 s"
        ]
        flat = c.client.patch(plan, json={"block": "side-plank", "hold": 10, "reps": 5})
        assert flat.status_code == 200, flat.text  # the changes beside the block, "hold" for hold_s
        assert flat.json()["plan_version"] == 4 and flat.json()["after"]["reps"] == 5
        shown = c.client.get(plan).json()
        blocks = {b["exercise"]: b for b in shown["plan"]["program"]["blocks"]}
        assert blocks["bird-dog"]["hold_s"] == 20 and blocks["side-plank"]["side"] == "left"
        assert [(h["version"], (h["author"] or {}).get("by")) for h in shown["history"]] == [
            (4, "Doc"), (3, "Doc"), (2, "Doc"), (1, None),
        ]  # fmt: skip
        assert shown["history"][1]["author"]["reason"] == why
        c.sign_in("ana")  # the patient sees who changed what, and why
        today = c.client.get("/api/v1/today").json()
        assert today["plan_version"] == 4
        assert today["plan_change"]["by"] == "Doc" and today["plan_change"]["reason"] is None
        assert any("reps 6 → 5" in text for text in today["plan_change"]["changes"])
        page = c.client.get("/").text
        assert "Doc changed your plan: Side plank (feet staggered): reps 6 → 5" in page
        assert "Doc changed your plan: Side plank" in c.client.get("/plan").text
        rows = audit.since(c.ctx, START.date())
        patches = [r for r in rows if r["route"] == f"PATCH {plan}"]
        assert [r["action"] for r in patches] == ["change"] * 5  # every attempt, kept or not
        assert {r["actor_email"] for r in patches} == {"doc@example.org"}


def test_bad_edits_name_the_field_and_strangers_find_nothing(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana")
        c.sign_in("doc")
        plan = f"/api/v1/patients/{c.ids['ana']}/plan"
        for body, field in (
            ({"block": "bird-dog", "changes": {"reps": 0}}, "reps"),
            ({"block": "bird-dog", "changes": {"reps": 2.5}}, "reps"),
            ({"block": "bird-dog", "changes": {"colour": "red"}}, "colour"),
            ({"block": "bird-dog", "changes": {}}, "change"),
            ({"block": "bird-dog", "changes": {"side": "both"}}, "side"),
            ({"block": "bird-dog", "changes": {"exercise": "no-such-thing"}}, "exercise"),
            ({"block": "deadlift", "changes": {"reps": 5}}, "block"),
            ({"changes": {"reps": 5}}, "block"),
            ({"block": "bird-dog", "changes": {"reps": 5}, "reason": 7}, "reason"),
            ({"block": "bird-dog", "changes": {"reps": 5}, "reason": "x" * 1001}, "reason"),
        ):
            answer = c.client.patch(plan, json=body)
            assert (answer.status_code, answer.json()["field"]) == (422, field), (body, answer.text)
            assert "Traceback" not in answer.text
        assert c.client.patch(plan, content=b"[1, 2]").json()["field"] == "body"
        assert c.client.get(plan).json()["plan_version"] == 1
        c.sign_in("other-doc")
        stranger = c.client.patch(plan, json={"block": "bird-dog", "changes": {"reps": 5}})
        assert (stranger.status_code, stranger.json()["detail"]) == (404, "not found")
        c.sign_in("ana")
        own = c.client.patch(plan, json={"block": "bird-dog", "changes": {"reps": 5}})
        assert own.status_code == 404
        assert c.client.get("/api/v1/today").json()["plan_version"] == 1
