"""What a clinician should look at for one patient: alerts from the recorded data, each saying
why and pointing at its evidence (a session, a check-in, a reading, a review, the answers).

Pure rules over plain facts (services/alerts.py gathers them from the log); the pain, flare
and blood-pressure rules are the ones the patient's own coach follows (escalation.py,
screening.py), so a clinician is alerted exactly when the patient was told to stop or ease off.

Urgency, most urgent first:
- act now: a warning sign stopped a session (chest pain, dizziness, numbness, breathlessness),
  severe pain (7/10 or more, DR12), a severe morning flare, a resting reading of 180/110 or
  more, a red flag in the patient's answers that no clinician has cleared;
- soon: a stop rule ended a session, pain above the plan's limit, a review that stopped an
  exercise, a reading at or above the 160/100 gate (T8.20);
- watch: a morning after a session worse than usual, a review that eased an exercise off, no
  session for a number of days, desk-break adherence under a threshold.
Only the last `window_days` count; the service leaves out alerts a clinician acknowledged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from isohold.domain.escalation import (
    STOP_WARNING,
    after_exercise,
    severe_during,
    severe_morning,
)
from isohold.domain.screening import (
    BP_GATE_DIASTOLIC,
    BP_GATE_SYSTOLIC,
    BP_REFER_DIASTOLIC,
    BP_REFER_SYSTOLIC,
)

ACT_NOW, SOON, WATCH = 0, 1, 2
URGENCY_WORDS = ("act now", "soon", "watch")
#: the catalogue's referral urgencies, as alert urgency
_FLAG_URGENCY = {"emergency": ACT_NOW, "urgent": ACT_NOW, "soon": SOON, "routine": WATCH}
CODES = (
    "warning_sign", "stop_rule", "pain_above_limit", "morning_flare", "morning_worse",
    "review_stopped", "review_eased", "bp_refer", "bp_gate", "red_flag", "no_session",
    "desk_adherence",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an alert comes from: `kind` session | checkin | reading | review (the plan
    version the review made) | profile (the answers' version) | plan (no id: no session since
    it began) | desk-week (no id: a week)."""

    kind: str
    id: int | None
    at: datetime


@dataclass(frozen=True, slots=True)
class Alert:
    code: str
    urgency: int
    text: str
    evidence: Evidence

    @property
    def key(self) -> str:
        """Stable while the evidence is the same: acknowledging it hides this alert only; new
        evidence (a later reading, another session) makes a new alert."""
        ref = self.evidence.id if self.evidence.id is not None else self.evidence.at.date()
        return f"{self.code}:{self.evidence.kind}:{ref}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "id": self.key,  # the same: a stable id derived from the evidence
            "code": self.code,
            "urgency": URGENCY_WORDS[self.urgency],
            "text": self.text,
            "evidence": {
                "kind": self.evidence.kind,
                "id": self.evidence.id,
                "at": self.evidence.at.isoformat(),
            },
        }


@dataclass(frozen=True, slots=True)
class SessionFact:
    id: int
    day: date
    started_at: datetime
    status: str
    note: str | None
    #: the plan version's pain limit (0-10)
    limit: int
    #: the worst pain reported per exercise, (exercise, pain)
    pains: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class CheckinFact:
    id: int
    day: date
    pain: int


@dataclass(frozen=True, slots=True)
class ReadingFact:
    id: int
    measured_at: datetime
    systolic: int
    diastolic: int

    def __str__(self) -> str:
        return f"{self.systolic}/{self.diastolic} mmHg"


@dataclass(frozen=True, slots=True)
class ReviewFact:
    """One weekly review: the plan version it made and its decisions (exercise, action)."""

    plan_version_id: int
    at: datetime
    decisions: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class FlagFact:
    code: str
    meaning: str
    urgency: str  # the catalogue's: emergency | urgent | soon | routine


@dataclass(frozen=True, slots=True)
class DeskWeekFact:
    monday: date
    done: int
    offered: int


@dataclass(frozen=True, slots=True)
class Facts:
    """One patient's recorded data over the window (services/alerts.py)."""

    today: date
    #: the patient's usual pain (services/progress.baseline_pain), None before a plan
    usual: int | None = None
    sessions: tuple[SessionFact, ...] = ()
    checkins: tuple[CheckinFact, ...] = ()
    readings: tuple[ReadingFact, ...] = ()
    bp_cleared: bool = False
    reviews: tuple[ReviewFact, ...] = ()
    #: red flags answered yes and not cleared, with the answers' version and when
    flags: tuple[FlagFact, ...] = ()
    profile_id: int | None = None
    profile_at: datetime | None = None
    #: the plan trains (it has a program), since when, and the latest session with sets
    training: bool = False
    plan_since: date | None = None
    last_session: tuple[int, date] | None = None
    desk_weeks: tuple[DeskWeekFact, ...] = ()


@dataclass(frozen=True, slots=True)
class Thresholds:
    #: a session is due at least this often (the setting clinic_inactive_days)
    inactive_days: int = 7
    #: desk-break adherence below this share of the breaks offered, in %
    desk_adherence_pct: float = 50.0
    #: a week with fewer breaks offered says too little to judge
    desk_min_offered: int = 5
    #: how far back alerts look
    window_days: int = 14


def alerts(
    facts: Facts, names: Mapping[str, str], limits: Thresholds | None = None
) -> tuple[Alert, ...]:
    """Every alert from the facts, most urgent first, then newest first. `names` gives each
    exercise's name (an id without one is shown as it is)."""
    limits = limits or Thresholds()
    since = facts.today - timedelta(days=limits.window_days - 1)
    found: list[Alert] = []
    for s in facts.sessions:
        if s.day >= since:
            found.extend(_session(s, facts.usual, names))
    trained = {s.day for s in facts.sessions if s.pains}
    found.extend(
        a for c in facts.checkins if c.day >= since
        if (a := _morning(c, facts.usual, trained)) is not None
    )  # fmt: skip
    found.extend(_readings([r for r in facts.readings if r.measured_at.date() >= since],
                           facts.bp_cleared))  # fmt: skip
    found.extend(
        a for r in facts.reviews if r.at.date() >= since if (a := _review(r, names)) is not None
    )
    found.extend(_flags(facts))
    found.extend(_inactive(facts, limits))
    found.extend(_desk(facts, limits, since))
    return tuple(sorted(found, key=lambda a: (a.urgency, -a.evidence.at.timestamp(), a.key)))


def most_urgent(found: Sequence[Alert]) -> int | None:
    return min((a.urgency for a in found), default=None)


def _named(exercise: str, names: Mapping[str, str]) -> str:
    return names.get(exercise, exercise)


def _session(s: SessionFact, usual: int | None, names: Mapping[str, str]) -> list[Alert]:
    if s.status != "stopped" and all(
        after_exercise(p, s.limit, usual=usual).action == "go_on" for _, p in s.pains
    ):
        return []  # most sessions: nothing to say, and no text written
    evidence = Evidence("session", s.id, s.started_at)
    day = f"{s.day:%a %d %b}"
    if s.status == "stopped" and s.note == STOP_WARNING:
        return [Alert("warning_sign", ACT_NOW, f"The session on {day} stopped for a warning "
                      "sign (chest pain, dizziness, new numbness or unusual breathlessness).",
                      evidence)]  # fmt: skip
    judged = [(e, p, after_exercise(p, s.limit, usual=usual).action) for e, p in s.pains]
    over = [(e, p, action) for e, p, action in judged if action != "go_on"]
    worst = max(over, key=lambda x: x[1], default=None)
    if s.status == "stopped":
        if worst is None:
            return [Alert("stop_rule", SOON, f"A stop rule ended the session on {day}.",
                          evidence)]  # fmt: skip
        exercise, pain, _ = worst
        severe = severe_during(pain, usual)
        what = "severe pain" if severe else f"pain above the limit of {s.limit}/10"
        return [Alert("stop_rule", ACT_NOW if severe else SOON,
                      f"A stop rule ended the session on {day}: {what} ({pain}/10 during "
                      f"{_named(exercise, names)}).", evidence)]  # fmt: skip
    if worst is None:
        return []
    exercise, pain, _ = worst
    severe = severe_during(pain, usual)
    return [Alert("pain_above_limit", ACT_NOW if severe else SOON,
                  f"Pain of {pain}/10 during {_named(exercise, names)} on {day}, above the "
                  f"limit of {s.limit}/10{' (severe)' if severe else ''}.", evidence)]  # fmt: skip


def _morning(c: CheckinFact, usual: int | None, trained: set[date]) -> Alert | None:
    severe = severe_morning(c.pain, usual)
    worse = (not severe and usual is not None and c.pain > usual
             and c.day - timedelta(days=1) in trained)  # fmt: skip
    if not severe and not worse:
        return None  # most mornings: decided before any text is written
    evidence = Evidence("checkin", c.id, datetime.combine(c.day, time()))
    said = f"{c.pain}/10" + (f" (usual {usual}/10)" if usual is not None else "")
    if severe:
        return Alert(
            "morning_flare",
            ACT_NOW,
            f"Severe flare: morning pain of {said} on {c.day:%a %d %b}.",
            evidence,
        )
    return Alert("morning_worse", WATCH, f"Worse the morning after a session: pain "
                 f"{said} on {c.day:%a %d %b}.", evidence)  # fmt: skip


def _readings(readings: list[ReadingFact], cleared: bool) -> list[Alert]:
    """One alert for the highest level reached: the latest reading at that level is its
    evidence, and the text says how many readings reached it."""

    def refer(r: ReadingFact) -> bool:
        return r.systolic >= BP_REFER_SYSTOLIC or r.diastolic >= BP_REFER_DIASTOLIC

    def gate(r: ReadingFact) -> bool:
        return r.systolic >= BP_GATE_SYSTOLIC or r.diastolic >= BP_GATE_DIASTOLIC

    for code, urgency, test, line in (
        ("bp_refer", ACT_NOW, refer, f"{BP_REFER_SYSTOLIC}/{BP_REFER_DIASTOLIC}"),
        ("bp_gate", WATCH if cleared else SOON, gate, f"{BP_GATE_SYSTOLIC}/{BP_GATE_DIASTOLIC}"),
    ):
        high = [r for r in readings if test(r)]
        if high:
            last = max(high, key=lambda r: r.measured_at)
            count = f"{len(high)} readings" if len(high) > 1 else "A reading"
            note = " (cleared by a clinician)" if code == "bp_gate" and cleared else ""
            return [Alert(code, urgency, f"{count} at or above {line}{note}, the latest {last} "
                          f"on {last.measured_at:%a %d %b %H:%M}.",
                          Evidence("reading", last.id, last.measured_at))]  # fmt: skip
    return []


def _review(r: ReviewFact, names: Mapping[str, str]) -> Alert | None:
    stopped = [_named(e, names) for e, action in r.decisions if action == "stop"]
    eased = [_named(e, names) for e, action in r.decisions if action == "regress"]
    if not stopped and not eased:
        return None
    parts = ([f"stopped {', '.join(stopped)}"] if stopped else []) + (
        [f"eased off {', '.join(eased)}"] if eased else []
    )
    return Alert("review_stopped" if stopped else "review_eased", SOON if stopped else WATCH,
                 f"The weekly review on {r.at:%a %d %b} {' and '.join(parts)}.",
                 Evidence("review", r.plan_version_id, r.at))  # fmt: skip


def _flags(facts: Facts) -> list[Alert]:
    if not facts.flags or facts.profile_at is None:
        return []
    urgency = min(_FLAG_URGENCY.get(f.urgency, ACT_NOW) for f in facts.flags)
    said = "; ".join(f.meaning for f in facts.flags)
    return [Alert("red_flag", urgency, f"Red flag answered yes and not cleared: {said}.",
                  Evidence("profile", facts.profile_id, facts.profile_at))]  # fmt: skip


def _inactive(facts: Facts, limits: Thresholds) -> list[Alert]:
    if not facts.training or facts.plan_since is None:
        return []
    if facts.last_session is None:
        days = (facts.today - facts.plan_since).days
        text = f"No session yet, {days} days after the plan began on {facts.plan_since:%a %d %b}."
        evidence = Evidence("plan", None, datetime.combine(facts.plan_since, time()))
    else:
        session_id, last = facts.last_session
        days = (facts.today - last).days
        text = f"No session for {days} days (the last on {last:%a %d %b})."
        evidence = Evidence("session", session_id, datetime.combine(last, time()))
    return [Alert("no_session", WATCH, text, evidence)] if days >= limits.inactive_days else []


def _desk(facts: Facts, limits: Thresholds, since: date) -> list[Alert]:
    """The latest finished week (before this one) with enough breaks offered."""
    this_week = facts.today - timedelta(days=facts.today.weekday())
    weeks = [w for w in facts.desk_weeks if since - timedelta(days=6) <= w.monday < this_week
             and w.offered >= limits.desk_min_offered]  # fmt: skip
    if not weeks:
        return []
    week = max(weeks, key=lambda w: w.monday)
    share = 100.0 * week.done / week.offered
    if share >= limits.desk_adherence_pct:
        return []
    return [Alert("desk_adherence", WATCH, f"Desk breaks in the week of {week.monday:%d %b}: "
                  f"{week.done} of {week.offered} done ({share:.0f}%, under "
                  f"{limits.desk_adherence_pct:g}%).",
                  Evidence("desk-week", None, datetime.combine(week.monday, time())))]  # fmt: skip
