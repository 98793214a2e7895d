"""`isohold screen`: the questionnaire answered through standard input, as a pipe would."""

from __future__ import annotations

import json
from pathlib import Path

from isohold.domain.profile import parse_profile
from tests.support.commands import Run

NO_FLAGS = "\n" * 7  # seven groups of safety questions, none apply
#: the health questions at the end: weeks with the problem (skip), no injury, not pregnant,
#: no medicines
HEALTH_NONE = "\n\n1\n\n"


def _answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_happy_path_writes_a_valid_profile_and_shows_the_plan(isohold: Run, tmp_path: Path) -> None:
    # Enter takes the default for how irritable the pain is (moderate)
    stdin = NO_FLAGS + _answers("45", "1", "1,2", "", "4", "2", "") + HEALTH_NONE
    out = isohold("screen", "--out", "me.json", "--plan", stdin=stdin)
    assert out.returncode == 0, out.stderr
    profile = parse_profile(json.loads((tmp_path / "me.json").read_text()))
    assert profile.conditions == ("low_back_pain",)
    assert profile.goals == ("pain_relief", "stability")
    assert profile.equipment == ("mat",)
    assert profile.red_flags == ()
    assert (profile.pregnancy, profile.onset, profile.medications) == ("no", "gradual", ())
    assert profile.irritability == "moderate"
    assert "Modified curl-up" in out.stdout and "Status: OK" in out.stdout


def test_red_flag_answers_refer(isohold: Run, tmp_path: Path) -> None:
    stdin = _answers("", "1,2", "", "", "", "", "") + _answers("60", "1", "1", "3", "8", "", "")
    out = isohold("screen", "--out", "me.json", stdin=stdin + HEALTH_NONE)
    assert out.returncode == 0, out.stderr
    saved = json.loads((tmp_path / "me.json").read_text())
    assert saved["red_flags"] == ["saddle_anaesthesia", "urinary_retention"]
    assert "Please see a clinician (emergency)" in " ".join(out.stdout.split())


def test_bad_answers_are_asked_again(isohold: Run, tmp_path: Path) -> None:
    stdin = (
        _answers("9", "")  # "9" is not on the heart list: asked again
        + "\n" * 6
        + _answers("abc", "45", "5", "7", "1", "0", "13,1")
        + _answers("300/20", "150/95", "maybe", "y", "n", "")
        + HEALTH_NONE
    )
    out = isohold("screen", "--out", "me.json", stdin=stdin)
    assert out.returncode == 0, out.stderr
    assert "'9' is not on the list" in out.stdout
    assert "whole number from 12 to 110" in out.stdout
    assert "does not look right" in out.stdout
    assert "answer y (yes) or n (no)" in out.stdout
    saved = json.loads((tmp_path / "me.json").read_text())
    assert saved["resting_bp"] == {"systolic": 150, "diastolic": 95}
    assert saved["bp_medicated"] is True and saved["bp_cleared"] is False
    assert saved["equipment"] == ["heart_rate_monitor", "wall"]


def test_input_ending_early_saves_nothing(isohold: Run, tmp_path: Path) -> None:
    out = isohold("screen", "--out", "me.json", stdin="\n\n")
    assert out.returncode == 2
    assert "nothing was saved" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "me.json").exists()


def test_existing_profile_is_kept_unless_confirmed(isohold: Run, tmp_path: Path) -> None:
    (tmp_path / "me.json").write_text("{}")
    out = isohold("screen", "--out", "me.json", stdin="n\n")
    assert out.returncode == 0
    assert (tmp_path / "me.json").read_text() == "{}"


def test_pregnancy_medicines_and_onset_are_asked(isohold: Run, tmp_path: Path) -> None:
    """Issue 10, finding 5: pregnancy with a warning sign refers; medicines and the onset are
    saved; a sign that is not an emergency can be marked as already cleared by a clinician."""
    stdin = (
        _answers("", "", "", "", "1", "", "")  # fracture group: major trauma
        + _answers("32", "1,8", "1", "2", "4", "1", "")  # low back pain and osteoporosis
        + _answers("3", "y", "2", "24", "y", "1,2", "n")
    )
    out = isohold("screen", "--out", "me.json", stdin=stdin)
    assert out.returncode == 0, out.stderr
    saved = parse_profile(json.loads((tmp_path / "me.json").read_text()))
    assert saved.conditions == ("low_back_pain", "osteoporosis")
    assert (saved.onset_weeks, saved.onset) == (3, "injury")
    assert (saved.pregnancy, saved.pregnancy_weeks) == ("pregnant", 24)
    assert "pregnancy_warning_signs" in saved.red_flags
    assert saved.medications == ("beta_blocker", "anticoagulant")
    assert saved.cleared_flags == ()
    assert "Please see a clinician" in " ".join(out.stdout.split())
