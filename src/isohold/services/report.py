"""The progress report as a use case: gathers a period of the log into plain values and has
reports/progress_report.py lay them out as a PDF.

The period runs from `first` (default: the day of the first plan) to `last` (default: today).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from isohold.domain import describe
from isohold.domain.errors import InputError, NoProfileError
from isohold.domain.escalation import SEVERE_PAIN
from isohold.domain.home_bp import HOME_GATE_DIASTOLIC, HOME_GATE_SYSTOLIC
from isohold.domain.notes import NOTE_CODES
from isohold.domain.plan import Plan
from isohold.domain.screening import (
    BP_GATE_DIASTOLIC,
    BP_GATE_SYSTOLIC,
    BP_REFER_DIASTOLIC,
    BP_REFER_SYSTOLIC,
)
from isohold.reports import progress_report as rep
from isohold.reports.home_bp_part import HomeBpPart
from isohold.services import desk_breaks, home_bp, outcomes, stats
from isohold.services.context import Context, require_person
from isohold.services.force_trends import mvc_trend
from isohold.storage import checkins, plans
from isohold.storage import reports as queries
from isohold.storage.models import ProgramDecision, SetRecord, TrainingSession
from isohold.storage.sessions import training_days

#: the words for a session's status in the raw table
STATUS_WORDS = {"complete": "complete", "partial": "ended early", "stopped": "stopped early",
                "in_progress": "not finished"}  # fmt: skip


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def progress_report(
    ctx: Context,
    first: date | None = None,
    last: date | None = None,
    *,
    clinician: bool = False,
    name: str | None = None,
) -> rep.ProgressReport:
    now = ctx.now()
    names = ctx.catalogue.exercises

    def named(exercise: str) -> str:
        return names[exercise].name if exercise in names else exercise

    with ctx.db.reading() as s:
        person = require_person(s)
        history = plans.plan_history(s, person)
        if not history:
            raise NoProfileError("no plan yet")
        version = history[-1]
        first = first or history[0].created_at.date()
        last = last or now.date()
        if first > last:
            raise InputError("from", f"{first} is after the last day asked for ({last})")
        start, end = datetime.combine(first, time.min), datetime.combine(last, time.max)
        plan = plans.plan_of(version)
        readings = checkins.bp_between(s, person, start, end)
        bp = tuple(rep.BpLine(r.measured_at, r.systolic, r.diastolic, r.pulse) for r in readings)
        days = frozenset(training_days(s, person.id, first, last))
        set_rows = queries.sets_between(s, person, first, last)
        mornings = checkins.checkins_between(s, person, first, last)
        decided = queries.decisions_between(s, person, start, end)
        stopped = [(t.day, t.note) for _st, t in set_rows if t.status == "stopped"]
        sets = tuple(
            rep.SetRow(
                t.day,
                STATUS_WORDS.get(t.status, t.status),
                named(st.exercise),
                st.set_number,
                st.side,
                f"{st.reps_done}/{st.planned_reps}",
                f"{describe.num(st.hold_s)}/{describe.num(st.planned_hold_s)}",
                _load(st.intensity_kind, st.load_value, st.intensity_value),
                st.effort,
                st.pain_during,
            )
            for st, t in set_rows
        )
        checkin_rows = tuple(rep.CheckinRow(c.day, c.pain, c.stiffness) for c in mornings)
        doses = _doses(sets, set_rows)
        reviews = _reviews(decided, named)
    weeks = tuple(
        rep.WeekLine(
            w.week_start,
            w.sessions,
            w.sessions_due,
            w.adherence_pct,
            w.mean_pain_during,
            w.mean_morning_pain,
        )
        for w in stats.stats(ctx).weeks
        if w.week_start + timedelta(days=6) >= first and w.week_start <= last
    )
    mvc = tuple(
        rep.MvcLine(p.recorded_at, p.mvc_n, p.peak_rfd, p.rfd_100)
        for p in mvc_trend(ctx)
        if first <= p.recorded_at.date() <= last
    )
    n_weeks = (_monday(last) - _monday(first)).days // 7 + 1
    desk = tuple(
        rep.DeskWeekLine(w.week, w.done, w.skipped, w.snoozed, w.worst_pain)
        for w in desk_breaks.adherence(ctx, last, weeks=n_weeks)
        if w.done or w.skipped or w.snoozed
    )
    results = outcomes.history(ctx, first=start, last=end)
    program = plan.program
    return rep.ProgressReport(
        generated_at=now, first_day=first, last_day=last, name=name or None,
        clinician=clinician, plan_status=plan.status, plan_version=version.version,
        plan_since=version.created_at.date(),
        program_weeks=program.weeks if program else None,
        sessions_per_week=program.sessions_per_week if program else None,
        max_pain_during=program.max_pain_during if program else None,
        blocks=_blocks(plan, ctx), microbreaks=_microbreaks(plan, named),
        weeks=weeks, morning_pain_change=_change([w.morning_pain for w in weeks]),
        training_days=days, doses=doses, bp=bp, mvc=mvc, desk=desk, reviews=reviews,
        safety=_safety(plan, bp, stopped, checkin_rows, reviews),
        exercise_safety=tuple(m.text for m in plan.messages if m.code == "safety"),
        sets=sets if clinician else (), checkins=checkin_rows if clinician else (),
        outcomes=tuple(outcomes.lines(results)),
        outcome_results=_outcome_results(results) if clinician else (),
        home_bp=_home_bp(ctx, first, min(end, now)),
    )  # fmt: skip


def _home_bp(ctx: Context, first: date, until: datetime) -> HomeBpPart | None:
    """The home weeks of the report's period (those before its first day are counted, not
    listed), with the change since the very first home week and the responder view, as they
    stood on its last day; None without a home week in the period."""
    found = home_bp.summary(ctx, until)
    shown = tuple(w for w in found.weeks if w.end >= first)
    if not shown:
        return None
    return HomeBpPart(
        shown, found.latest, found.gate_high,
        f"{HOME_GATE_SYSTOLIC}/{HOME_GATE_DIASTOLIC}", found.change, found.responder,
        str(home_bp.measurement_error()["text"]), earlier=len(found.weeks) - len(shown),
    )  # fmt: skip


def progress_pdf(
    ctx: Context,
    first: date | None = None,
    last: date | None = None,
    *,
    clinician: bool = False,
    name: str | None = None,
) -> bytes:
    report = progress_report(ctx, first, last, clinician=clinician, name=name)
    return rep.report_pdf(report)


def _outcome_results(found: list[outcomes.Series]) -> tuple[rep.OutcomeResult, ...]:
    """Every test result of the period, oldest first (the clinician's raw table)."""
    rows = [
        rep.OutcomeResult(p.at, s.name, s.side, s.scoring.text(p.score), p.by,
                          "; ".join(f"{a.name} {a.rating:g}" for a in p.activities))
        for s in found for p in s.points
    ]  # fmt: skip
    return tuple(sorted(rows, key=lambda r: r.at))


def _blocks(plan: Plan, ctx: Context) -> tuple[rep.BlockLine, ...]:
    if plan.program is None:
        return ()
    out = []
    for b in plan.program.blocks:
        ex = ctx.catalogue.exercises.get(b.exercise)
        proto = ctx.catalogue.protocols.get(b.protocol)
        dose = describe.dose(b, ex.kind if ex is not None else "isometric")
        if b.joint_angle_deg is not None:
            dose += f" at {describe.num(b.joint_angle_deg)}°"
        out.append(rep.BlockLine(
            name=ex.name if ex else b.exercise, protocol=proto.name if proto else b.protocol,
            dose=dose, intensity=describe.intensity(b), side=describe.side(b),
            rest=describe.rest(b), evidence=b.evidence, sources=b.sources,
        ))  # fmt: skip
    return tuple(out)


def _microbreaks(plan: Plan, named: Callable[[str], str]) -> str | None:
    program = plan.program
    if program is None or program.microbreaks is None:
        return None
    mb = program.microbreaks
    holds = ", ".join(named(e) for e in mb.exercises)
    return (f"a {describe.num(mb.duration_s)}-second hold every {describe.num(mb.interval_min)} "
            f"minutes of desk work, taking turns with {holds}.")  # fmt: skip


def _load(kind: str, load: float | None, planned: float | None) -> str:
    value = load if load is not None else planned
    if value is None or kind == "bodyweight":
        return "body weight"
    unit = {"pct_mvc": "% MVC", "pct_hr_peak": "% HR peak", "effort": "/10 effort"}.get(kind, "")
    return f"{describe.num(round(value, 1))}{unit}"


def _change(values: list[float | None]) -> float | None:
    """The last two known weeks' mean minus the first two's (four known weeks or more)."""
    known = [v for v in values if v is not None]
    if len(known) < 4:
        return None
    return sum(known[-2:]) / 2 - sum(known[:2]) / 2


def _doses(
    sets: tuple[rep.SetRow, ...], rows: list[tuple[SetRecord, TrainingSession]]
) -> tuple[rep.DoseLine, ...]:
    """Per exercise: the longest hold and highest intensity on its first and its last day."""
    per: dict[str, dict[date, tuple[float, float | None]]] = defaultdict(dict)
    for (st, t), line in zip(rows, sets, strict=True):
        value = st.load_value if st.load_value is not None else st.intensity_value
        hold, top = per[line.exercise].get(t.day, (0.0, None))
        if value is not None:
            top = value if top is None else max(top, value)
        per[line.exercise][t.day] = (max(hold, st.hold_s), top)
    out = []
    for exercise, by_day in sorted(per.items()):
        a, b = by_day[min(by_day)], by_day[max(by_day)]
        out.append(rep.DoseLine(exercise, a[0], b[0], a[1], b[1]))
    return tuple(out)


def _reviews(
    decided: list[tuple[ProgramDecision, int, int]], named: Callable[[str], str]
) -> tuple[rep.ReviewLine, ...]:
    grouped: dict[tuple[int, int], list[ProgramDecision]] = defaultdict(list)
    when: dict[tuple[int, int], date] = {}
    for d, from_v, to_v in decided:
        grouped[(from_v, to_v)].append(d)
        when.setdefault((from_v, to_v), d.created_at.date())
    return tuple(
        rep.ReviewLine(
            when[key],
            key[0],
            key[1],
            tuple(rep.DecisionLine(named(d.exercise), d.action, d.reason) for d in rows),
        )
        for key, rows in grouped.items()
    )


def _safety(
    plan: Plan,
    bp: tuple[rep.BpLine, ...],
    stopped: list[tuple[date, str | None]],
    mornings: tuple[rep.CheckinRow, ...],
    reviews: tuple[rep.ReviewLine, ...],
) -> tuple[rep.SafetyLine, ...]:
    """The plan's warnings and referral, then what happened in the period: sessions a stop
    rule ended, exercises a review stopped, severe morning pain and high readings."""
    out = []
    if plan.referral is not None:
        out.append(rep.SafetyLine("stop", plan.referral.message))
    out += [rep.SafetyLine(m.level, m.text) for m in plan.messages
            if m.level in ("warn", "stop") and m.code not in NOTE_CODES]  # fmt: skip
    for day, note in dict.fromkeys(stopped):
        out.append(rep.SafetyLine("stop", f"A stop rule ended the session. {note or ''}".strip(),
                                  day))  # fmt: skip
    for review in reviews:
        for d in review.decisions:
            if d.action == "stop":
                out.append(rep.SafetyLine("stop", f"{d.exercise} stopped: {d.reason}", review.day))
    severe = [m for m in mornings if m.pain >= SEVERE_PAIN]
    if severe:
        out.append(rep.SafetyLine(
            "warn", f"{len(severe)} morning check-in(s) with pain of {SEVERE_PAIN}/10 or more "
            f"(the highest {max(m.pain for m in severe)}/10, last on {severe[-1].day:%d %b %Y})."
        ))  # fmt: skip
    very_high = [
        r for r in bp if r.systolic >= BP_REFER_SYSTOLIC or r.diastolic >= BP_REFER_DIASTOLIC
    ]
    high = [r for r in bp if (r.systolic >= BP_GATE_SYSTOLIC or r.diastolic >= BP_GATE_DIASTOLIC)
            and r not in very_high]  # fmt: skip
    if very_high:
        out.append(rep.SafetyLine(
            "stop", f"{len(very_high)} reading(s) at or above {BP_REFER_SYSTOLIC}/"
            f"{BP_REFER_DIASTOLIC} mmHg: no exercise on those days and a doctor the same day."
        ))  # fmt: skip
    if high:
        out.append(rep.SafetyLine(
            "warn", f"{len(high)} reading(s) at or above {BP_GATE_SYSTOLIC}/{BP_GATE_DIASTOLIC} "
            "mmHg: no heavy holds or blood-pressure training on those days until cleared."
        ))  # fmt: skip
    return tuple(out)
