"""`isohold outcome` and `isohold learn` as a user runs them: results saved and read back with
their change, bad input refused with exit code 2 and the field named, topics printed whole."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.commands import Run
from tests.support.profiles import EXAMPLES


def test_outcomes_are_recorded_and_judged(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    out = isohold("init", "--profile", str(EXAMPLES / "achilles-runner.json"), "--db", db)
    assert out.returncode == 0, out.stderr
    first = isohold("outcome", "add", "psfs", "--activity", "Running=2",
                    "--activity", "Stairs=4", "--day", "2026-01-05", "--db", db)  # fmt: skip
    assert first.returncode == 0 and "3/10" in first.stdout, first.stderr
    later = isohold("outcome", "add", "psfs", "--activity", "Running=6", "--activity",
                    "stairs=6", "--by", "clinician", "--db", db, "-f", "json")  # fmt: skip
    data = json.loads(later.stdout)
    assert data["change"]["verdict"] == "improved" and data["points"][-1]["by"] == "clinician"
    side = isohold("outcome", "add", "single-leg-decline-squat", "6", "--side", "right",
                   "--db", db)  # fmt: skip
    assert side.returncode == 0 and "6/10" in side.stdout
    text = isohold("outcome", "history", "--db", db).stdout
    assert "a meaningful improvement (3, at least 2)" in text and "right side" in text
    listed = json.loads(isohold("outcome", "list", "--db", db, "-f", "json").stdout)
    assert {m["measure"] for m in listed["measures"]} >= {"visa-a", "visa-p", "single-leg-hop"}


def test_bad_outcome_input_names_the_field(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    isohold("init", "--profile", str(EXAMPLES / "achilles-runner.json"), "--db", db)
    for args, words in [
        (("visa-a", "101"), "field 'score': must be from 0 to 100"),
        (("visa-a", "6o"), "field 'score': '6o' is not a number"),
        (("heel-rise-count", "12"), "field 'side': must be left or right"),
        (("psfs", "--activity", "Running"), "field '--activity'"),
        (("psfs", "--activity", "Running=12"), "field 'activities[0].rating'"),
        (("visa-p", "50", "--day", "tomorrow"), "field '--day'"),
        (("ndi", "20"), "field 'measure': 'ndi' is not recorded here"),
    ]:
        out = isohold("outcome", "add", *args, "--db", db)
        assert out.returncode == 2 and words in out.stderr, (args, out.stderr)
        assert "Traceback" not in out.stderr


def test_learn_lists_and_prints_a_topic(isohold: Run) -> None:
    listed = isohold("learn")
    assert listed.returncode == 0 and "flare-up-plan" in listed.stdout
    one = isohold("learn", "blood-pressure-breathing")
    assert "When to stop:" in one.stdout and "https://doi.org/" in one.stdout
    data = json.loads(isohold("learn", "staying-active", "-f", "json").stdout)
    assert data["minutes"] < 1 and "NICE" in " ".join(data["body"])
    bad = isohold("learn", "nope")
    assert bad.returncode == 2 and "field 'topic'" in bad.stderr


def test_the_review_points_to_the_explanations_behind_it(isohold: Run, tmp_path: Path) -> None:
    from tests.web.progress_seed import seed_weeks

    seed_weeks(tmp_path / "a.db", weeks=2)
    out = isohold("progress", "--dry-run", "--db", f"sqlite:///{tmp_path / 'a.db'}")
    assert out.returncode == 0, out.stderr
    assert "About these changes:" in out.stdout and "`isohold learn " in out.stdout
