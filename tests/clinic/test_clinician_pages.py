"""A clinician's pages: the list most urgent first, a patient's overview with alerts to
acknowledge, the plan with its sources, a weekly review to approve and the trends; a
stranger or the patient finds nothing there."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.workspace import Clinic, checkin, clinic, start, train


def _token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def _propose_a_week(c: Clinic, who: str) -> None:
    c.sign_in("doc")
    c.client.put(f"/api/v1/patients/{c.ids[who]}/review-mode", json={"mode": "propose"})
    for _day in range(7):
        checkin(c, who, pain=3)
        c.clock.advance(hours=10)
        train(c, who, pain=2)
        c.clock.advance(hours=14)
    checkin(c, who, pain=3)
    c.sign_in(who)
    assert c.client.post("/api/v1/progress", json={}).json()["proposal_id"] is not None


def test_the_list_the_overview_and_its_forms(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana")
        start(c, "ben")
        _propose_a_week(c, "ana")
        assert train(c, "ana", pain=6) == "stopped"
        c.sign_in("doc")
        assert 'href="/patients">Your patients</a>' in c.client.get("/account").text
        listing = c.client.get("/patients").text
        assert listing.index("Ana") < listing.index("Ben")
        assert "A stop rule ended the session" in listing and "Zoe" not in listing
        assert listing.count("waiting for your approval") == 1
        ana = c.ids["ana"]
        page = c.client.get(f"/patients/{ana}")
        assert page.status_code == 200
        html = page.text
        assert "Acknowledge" in html and "A stop rule ended the session" in html
        assert "Bird dog" in html or "bird-dog" in html
        assert 'rel="noreferrer"' in html  # the plan's sources
        assert "<svg" in html  # the pain trend
        assert "propose (waits for your approval)" in html and "Approve" in html
        key = re.search(r'action="(/patients/\d+/alerts/[^"]+/acknowledge)"', html)
        assert key is not None
        done = c.client.post(
            key.group(1), data={"csrf_token": _token(html)}, follow_redirects=False
        )
        assert (done.status_code, done.headers["location"]) == (303, f"/patients/{ana}")
        after = c.client.get(f"/patients/{ana}").text
        assert "No open alerts." in after and "Acknowledged by Doc" in after
        approve = re.search(r'action="(/patients/\d+/proposals/\d+/approve)"', after)
        assert approve is not None
        approved = c.client.post(
            approve.group(1), data={"csrf_token": _token(after)}, follow_redirects=False
        )
        assert approved.status_code == 303
        final = c.client.get(f"/patients/{ana}").text
        assert (
            "Plan (version 2)" in final and "Approved by Doc" in final and "None waiting." in final
        )
        twice = c.client.post(approve.group(1), data={"csrf_token": _token(after)})
        assert twice.status_code == 409 and "approved already" in twice.text
        c.sign_in("other-doc")
        assert c.client.get(f"/patients/{ana}").status_code == 404
        c.sign_in("ana")
        assert c.client.get("/patients").status_code == 404
        assert c.client.get(f"/patients/{ana}").status_code == 404


def test_the_page_forms_change_a_dose_with_a_reason_and_the_review_mode(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        start(c, "ana")
        c.sign_in("doc")
        ana = c.ids["ana"]
        html = c.client.get(f"/patients/{ana}").text
        token = _token(html)
        form = {"csrf_token": token, "block": "bird-dog", "sets": "2", "reps": "4", "hold_s": "20"}
        refused = c.client.post(f"/patients/{ana}/plan", data=form)
        assert refused.status_code == 422
        assert "field &#39;reason&#39;" in refused.text or "field 'reason'" in refused.text
        assert "a hold of 20 s is outside" in refused.text
        same = c.client.post(f"/patients/{ana}/plan", data={**form, "hold_s": "10"})
        assert same.status_code == 422 and "nothing differs" in same.text
        bad = c.client.post(f"/patients/{ana}/plan", data={**form, "reps": "many"})
        assert bad.status_code == 422 and "is not a number" in bad.text
        saved = c.client.post(
            f"/patients/{ana}/plan",
            data={**form, "reason": "Longer holds for pain relief"},
            follow_redirects=False,
        )
        assert saved.status_code == 303
        page = c.client.get(f"/patients/{ana}").text
        assert "Plan (version 2)" in page and "Changed by Doc: Bird dog: hold 10 s → 20 s" in page
        assert "Reason: Longer holds for pain relief" in page
        mode = c.client.post(
            f"/patients/{ana}/review-mode",
            data={"csrf_token": token, "mode": "propose"},
            follow_redirects=False,
        )
        assert mode.status_code == 303
        assert c.client.get(f"/api/v1/patients/{ana}/review-mode").json() == {"mode": "propose"}
        wrong = c.client.post(f"/patients/{ana}/review-mode", data={"csrf_token": token})
        assert wrong.status_code == 422 and "apply" in wrong.text


def _nav(page: str) -> list[str]:
    found = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S)
    assert found is not None
    return re.findall(r'href="([^"]+)"', found.group(1))


def test_the_menu_is_the_clinicians_not_the_patients(tmp_path: Path) -> None:
    """Staff see their own pages in the menu (a patient's Today or Session only sent them to
    their account page); a patient sees the training pages and their messages."""
    with clinic(tmp_path) as c:
        start(c, "ana")
        c.sign_in("doc")
        staff = _nav(c.client.get("/patients").text)
        assert staff[0] == "/patients" and "/invitations" in staff and "/account" in staff
        assert not {"/", "/session", "/history", "/force", "/messages"} & set(staff)
        c.sign_in("ana")
        patient = _nav(c.client.get("/").text)
        assert {"/", "/session", "/history", "/messages"} <= set(patient)
        assert "/patients" not in patient
