"""Caseload figures across a clinician's patients (issue 14, item 6), over HTTP on a clinic
built through the services: the share with a meaningful pain improvement (2 points, T9.1) at 4
and 8 weeks, patients without enough data counted apart, the median adherence as each
patient's Progress gives it, the CSV (formulas neutralised, audited as an export), the section
on /patients, and that another clinician's patient never counts."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

from isohold.services import access, accounts, audit, checkins
from isohold.services.stats import stats
from tests.support.clinic import PASSWORD, START
from tests.support.workspace import Clinic, clinic, start, train

DAY0 = START.date()


def _mornings(c: Clinic, who: str, pains: dict[int, int]) -> None:
    """Check-ins on the program's days given (0: the first plan's day)."""
    with c.acting(who):
        for day, pain in pains.items():
            checkins.checkin(c.ctx, pain=pain, stiffness=2, day=DAY0 + timedelta(days=day))


def _caseload(c: Clinic) -> None:
    """ana: 6 -> 4 at week 4 and 3 at week 8 (better); ben: 5 -> 4 at week 4 (not a
    meaningful change), no check-in in week 8; "=cal": linked, no plan yet; zoe (other-doc's):
    much better, never counted for doc. Today: day 60 (week 8 has ended)."""
    for who in ("ana", "ben", "zoe"):
        start(c, who, pain_now=6)
    made = accounts.create_user(c.ctx, role="patient", email="cal@example.org",
                                name='=HYPERLINK("http://x")', password=PASSWORD)  # fmt: skip
    c.ids["cal"] = made.id
    accounts.link(c.ctx, "doc@example.org", "cal@example.org")
    assert train(c, "ana") == "complete"
    _mornings(c, "ana", {1: 6, 22: 4, 50: 3})
    _mornings(c, "ben", {2: 5, 23: 4})
    _mornings(c, "zoe", {1: 9, 22: 1, 50: 1})
    c.clock.advance(days=60)


def _adherence(c: Clinic, who: str) -> float:
    with access.acting(c.person(who)):
        return stats(c.ctx).adherence_pct


def test_the_figures_count_only_what_is_known(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        _caseload(c)
        c.sign_in("doc")
        answer = c.client.get("/api/v1/caseload")
        assert answer.status_code == 200, answer.text
        found = answer.json()
        assert found["patients"] == 3
        assert found["improved"]["week_4"] == {
            "improved": 1, "known": 2, "pct": 50.0, "not_enough_data": 1,
        }  # fmt: skip
        assert found["improved"]["week_8"] == {
            "improved": 1, "known": 1, "pct": 100.0, "not_enough_data": 2,
        }  # fmt: skip
        ana, ben = _adherence(c, "ana"), _adherence(c, "ben")
        assert 0 < ana < 100 and ben == 0  # one session of those due in 60 days
        assert found["median_adherence_pct"] == round((ana + ben) / 2, 1)
        assert found["adherence_known"] == 2  # cal has no plan: no sessions due
        assert "2 points" in found["rule"]
        rows = {r["patient"]: r for r in found["rows"]}
        assert set(rows) == {c.ids["ana"], c.ids["ben"], c.ids["cal"]}  # never zoe
        assert (rows[c.ids["ana"]]["change_week_4"], rows[c.ids["ana"]]["change_week_8"]) == (
            -2.0, -3.0,
        )  # fmt: skip
        assert rows[c.ids["ben"]]["improved_week_4"] is False
        assert rows[c.ids["ben"]]["improved_week_8"] is None  # not enough data, not a failure
        assert rows[c.ids["cal"]]["start"] is None and rows[c.ids["cal"]]["adherence_pct"] is None
        c.sign_in("other-doc")
        theirs = c.client.get("/api/v1/caseload").json()
        assert [r["patient"] for r in theirs["rows"]] == [c.ids["zoe"]]
        assert theirs["improved"]["week_4"]["improved"] == 1


def test_the_csv_is_an_audited_export_with_formulas_neutralised(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        _caseload(c)
        c.sign_in("doc")
        answer = c.client.get("/api/v1/caseload.csv")
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("text/csv")
        assert "attachment" in answer.headers["content-disposition"]
        table = list(csv.DictReader(io.StringIO(answer.text)))
        assert len(table) == 4  # three patients and the summary
        by = {r["patient"]: r for r in table}
        assert by[str(c.ids["cal"])]["name"] == "'" + '=HYPERLINK("http://x")'
        assert by[str(c.ids["ana"])]["improved_week_8"] == "yes"
        assert by[str(c.ids["ana"])]["change_week_4"] == "-2.0"  # a number, left as it is
        assert by[str(c.ids["ben"])]["improved_week_4"] == "no"
        assert by[str(c.ids["ben"])]["improved_week_8"] == ""
        summary = by["all"]
        assert summary["improved_week_4"] == "1 of 2 (50%); 1 not enough data"
        assert summary["improved_week_8"] == "1 of 1 (100%); 2 not enough data"
        assert str(c.ids["zoe"]) not in by
        rows = audit.since(c.ctx, DAY0)
        exported = {r["patient_id"] for r in rows
                    if (r["action"], r["route"]) == ("export", "GET /api/v1/caseload.csv")
                    and r["actor_email"] == "doc@example.org"}  # fmt: skip
        assert exported == {c.ids["ana"], c.ids["ben"], c.ids["cal"]}


def test_only_a_clinician_with_two_step_sign_in_gets_them(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        _caseload(c)
        c.sign_in("ana")
        for path in ("/api/v1/caseload", "/api/v1/caseload.csv"):
            refused = c.client.get(path)
            assert refused.status_code == 403 and "Only a clinician" in refused.text
        c.client.cookies.clear()
        assert c.client.get("/api/v1/caseload").status_code == 401
        accounts.create_user(c.ctx, role="clinician", email="new@example.org", name="New",
                             password=PASSWORD)  # fmt: skip
        c.sign_in("new")  # no two-step sign-in yet
        refused = c.client.get("/api/v1/caseload.csv")
        assert refused.status_code == 403 and "two-step" in refused.text


def test_the_patients_page_shows_the_figures_when_asked(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        _caseload(c)
        c.sign_in("doc")
        plain = c.client.get("/patients")
        assert plain.status_code == 200 and "Caseload figures" in plain.text
        assert "Show the figures" in plain.text and "/api/v1/caseload.csv" in plain.text
        shown = c.client.get("/patients?caseload=1")
        assert shown.status_code == 200
        assert "1 of 2 (50%)" in shown.text and "1 of 1 (100%)" in shown.text
        assert "median adherence" in shown.text
        read = [r for r in audit.since(c.ctx, DAY0) if r["route"] == "GET /patients?caseload=1"]
        assert {r["patient_id"] for r in read} == {c.ids["ana"], c.ids["ben"], c.ids["cal"]}
