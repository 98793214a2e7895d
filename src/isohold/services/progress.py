"""The weekly review: this week's sets, pain reports and morning check-ins become contract-3
responses; the domain review decides; the result is saved as a new plan version."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from isohold.domain.capacity import Results
from isohold.domain.desk_break import following
from isohold.domain.errors import NoProfileError, NotFoundError
from isohold.domain.models import Catalogue
from isohold.domain.profile import parse_profile
from isohold.domain.responses import Response
from isohold.domain.restrictions import restrictions_for
from isohold.domain.review import Review, Week, review
from isohold.domain.screening import BP_GATE_DIASTOLIC, BP_GATE_SYSTOLIC
from isohold.services.context import Context, require_person
from isohold.storage import checkins, desk, outcomes, people, plans, proposals
from isohold.storage import sessions as store
from isohold.storage.models import DeskBreak, Person, PlanVersion, ProgramDecision
from isohold.storage.workspace_models import ReviewProposal

WEEK_DAYS = 7


@dataclass(frozen=True)
class WeeklyReview:
    review: Review
    responses: tuple[Response, ...]
    from_version: int
    to_version: int
    #: in "propose" mode: the proposal waiting for a clinician (the plan is unchanged)
    proposal_id: int | None = None


def baseline_pain(s: Session, person: Person, version: PlanVersion) -> int:
    """The person's usual morning pain before this plan version started: the median of the
    previous week's check-ins, else the latest check-in before it, else the profile's pain."""
    start = version.created_at.date()
    before = checkins.checkins_between(s, person, start - timedelta(days=WEEK_DAYS), start)
    if before:
        return round(statistics.median(c.pain for c in before))
    profile = people.latest_profile(s, person)
    return parse_profile(profile.data).pain_now if profile else 0


def week_responses(
    s: Session, person: Person, version: PlanVersion, today: date, catalogue: Catalogue
) -> list[Response]:
    return _week_responses(s, person, version, today, catalogue)[0]


def _week_responses(
    s: Session, person: Person, version: PlanVersion, today: date, catalogue: Catalogue
) -> tuple[list[Response], frozenset[str]]:
    """This week's responses on the plan version, and the exercises done at least once with
    a check-in the next morning (a same-day check-in never counts as the next morning)."""
    first = max(version.created_at.date(), today - timedelta(days=WEEK_DAYS - 1))
    trainings = [
        t
        for t in store.sessions_between(s, person, first, today)
        if t.plan_version_id == version.id
    ]
    breaks = [
        b
        for b in desk.breaks_between(
            s, person, datetime.combine(first, time()), datetime.combine(today, time.max)
        )
        if b.plan_version_id == version.id and b.outcome == "done"
    ]
    if not trainings and not breaks:
        return [], frozenset()
    mornings = {
        c.day: c.pain
        for c in checkins.checkins_between(s, person, first, today + timedelta(days=1))
    }
    usual = baseline_pain(s, person, version)
    planned = {b.exercise for b in version.blocks}
    out: list[Response] = []
    known: set[str] = set()
    for t in trainings:
        sets = store.sets_of(s, t.id)
        reports = {r.exercise: r for r in store.reports_of(s, t.id)}
        for exercise in sorted(planned & ({x.exercise for x in sets} | set(reports))):
            mine = [x for x in sets if x.exercise == exercise]
            pains = [x.pain_during for x in mine if x.pain_during is not None]
            report = reports.get(exercise)
            if report is not None:
                pains.append(report.pain_during)
            efforts = [x.effort for x in mine if x.effort is not None]
            if report is not None and report.effort is not None:
                efforts.append(report.effort)
            if t.day + timedelta(days=1) in mornings:
                known.add(exercise)
            out.append(
                Response(
                    exercise=exercise,
                    completed_sets=len({x.set_number for x in mine if x.reps_done > 0}),
                    pain_during=max(pains, default=0),
                    # no check-in next morning: no flare is known, so it counts as usual
                    pain_next_morning=mornings.get(t.day + timedelta(days=1), usual),
                    baseline_pain=usual,
                    effort=max(efforts) if efforts else None,
                )
            )
    dose_of = following(plans.plan_of(version), catalogue)
    from_breaks = _break_responses(breaks, dose_of, planned, mornings, usual)
    out.extend(r for r, _ in from_breaks)
    known.update(r.exercise for r, morning in from_breaks if morning)
    return out, frozenset(known)


def _break_responses(
    breaks: list[DeskBreak],
    dose_of: dict[str, str],
    planned: set[str],
    mornings: dict[date, int],
    usual: int,
) -> list[tuple[Response, bool]]:
    """Desk breaks done on a day count as that day's sets of the plan block that sets their
    dose, with the worst pain reported in them (the same pain-monitoring model as a session).
    A break whose pain was not asked (a desktop notification) says nothing about pain and is
    left out, so it can neither progress nor ease the plan."""
    by_day: dict[tuple[date, str], list[DeskBreak]] = {}
    for b in breaks:
        if b.pain is None:
            continue
        blocks = {dose_of.get(h["exercise"], h["exercise"]) for h in b.holds}
        for block in sorted(blocks & planned):
            by_day.setdefault((b.recorded_at.date(), block), []).append(b)
    return [
        (
            Response(
                exercise=exercise,
                completed_sets=len(done),
                pain_during=max(b.pain for b in done if b.pain is not None),
                pain_next_morning=mornings.get(day + timedelta(days=1), usual),
                baseline_pain=usual,
                effort=None,
            ),
            day + timedelta(days=1) in mornings,
        )
        for (day, exercise), done in sorted(by_day.items())
    ]


def missing(version: PlanVersion, today: date, known: frozenset[str], recorded: bool) -> list[str]:
    """What the weekly review still needs, in plain words (empty when it can run): sessions or
    desk breaks on this plan version in the last week, a week on it, and a morning check-in
    the day after a session or break."""
    out = [] if recorded else ["sessions or desk breaks recorded on this plan in the last week"]
    start = version.created_at.date()
    ready_on = start + timedelta(days=WEEK_DAYS - 1)
    if today < ready_on:
        days = (ready_on - today).days
        out.append(
            f"a week on this plan: it started on {start:%a %d %b}, so the review can run from "
            f"{ready_on:%a %d %b} ({days} day{'s' if days != 1 else ''} to go)"
        )
    if not known:
        out.append("a morning check-in on the day after a session")
    return out


def _week(ctx: Context, s: Session, person: Person, today: date, known: frozenset[str]) -> Week:
    """What the log adds to the responses: morning stiffness against the week before (T6.5),
    resting readings at or above the gate (T8.20), the person's equipment and what their
    health rules out (so a progression never brings back what the plan left out)."""
    this_week = checkins.checkins_between(s, person, today - timedelta(days=WEEK_DAYS - 1), today)
    before = checkins.checkins_between(
        s, person, today - timedelta(days=2 * WEEK_DAYS - 1), today - timedelta(days=WEEK_DAYS)
    )
    rising = bool(this_week and before) and statistics.mean(
        c.stiffness for c in this_week
    ) > statistics.mean(c.stiffness for c in before)
    saved = people.latest_profile(s, person)
    profile = parse_profile(saved.data) if saved is not None else None
    readings = checkins.bp_between(
        s, person, datetime.combine(today - timedelta(days=WEEK_DAYS - 1), time()),
        datetime.combine(today, time.max),
    )  # fmt: skip
    cleared = bool(profile and profile.bp_cleared)
    gated = not cleared and any(
        r.systolic >= BP_GATE_SYSTOLIC or r.diastolic >= BP_GATE_DIASTOLIC for r in readings
    )
    tests = _capacity(s, person, ctx.catalogue)
    if profile is None:
        return Week(stiffness_rising=rising, bp_gated=gated, morning_known=known, tests=tests)
    limits = restrictions_for(profile, ctx.catalogue)
    return Week(stiffness_rising=rising, bp_gated=gated, equipment=profile.gear, limits=limits,
                morning_known=known, tests=tests)  # fmt: skip


def _capacity(s: Session, person: Person, catalogue: Catalogue) -> Results:
    """The latest recorded result of each capacity test a stage's entry asks for, per side
    (outcome measures; review_stages.py judges them)."""
    wanted = {c.test for p in catalogue.protocols.values() if p.entry for c in p.entry.tests}
    out: dict[str, dict[str, float]] = {}
    for row in outcomes.scores_of(s, person, wanted):  # oldest first: the latest wins
        side = (row.detail or {}).get("side") or "both"
        out.setdefault(row.measure, {})[str(side)] = float(row.score)
    return out


def weekly_review(ctx: Context, *, save: bool = True) -> WeeklyReview:
    """Review the current plan version against the last week; saves the next version (with
    the wall-squat test's angle for a changed intensity), or, when the person's clinician has
    set their review to "propose", saves it as a proposal waiting for approval (every
    front-end comes here, so none applies a review the clinician has put on a leash)."""
    from isohold.services.wall_squat import with_saved_angle

    now = ctx.now()
    with ctx.db.transaction() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        if version is None:
            raise NoProfileError("no plan yet")
        responses, known = _week_responses(s, person, version, now.date(), ctx.catalogue)
        needs = missing(version, now.date(), known, bool(responses))
        if needs:
            raise NotFoundError(
                "nothing to review yet: the weekly review needs " + ", ".join(needs[:-1])
                + (" and " if len(needs) > 1 else "") + needs[-1] + "; nothing was changed"
            )  # fmt: skip
        week = _week(ctx, s, person, now.date(), known)
        result = review(plans.plan_of(version), responses, ctx.catalogue, week)
        to_version = version.version
        if save and proposals.mode_of(s, person.id) == proposals.PROPOSE:
            made = proposals.propose(s, ReviewProposal(
                person_id=person.id, from_plan_version_id=version.id,
                created_at=ctx.utc().replace(tzinfo=None),
                document=with_saved_angle(s, person, result.plan, ctx.catalogue).to_dict(),
                decisions=[{"exercise": d.exercise, "action": d.action, "reason": d.reason}
                           for d in result.decisions],
                status=proposals.PENDING,
            ))  # fmt: skip
            return WeeklyReview(result, tuple(responses), version.version, to_version, made.id)
        if save:
            new = plans.add_plan(
                s,
                person,
                with_saved_angle(s, person, result.plan, ctx.catalogue),
                reason="weekly review",
                now=now,
                profile_version_id=version.profile_version_id,
            )
            to_version = new.version
            for d in result.decisions:
                s.add(
                    ProgramDecision(
                        person_id=person.id,
                        from_plan_version_id=version.id,
                        to_plan_version_id=new.id,
                        exercise=d.exercise,
                        action=d.action,
                        reason=d.reason,
                        created_at=now,
                    )
                )
        return WeeklyReview(result, tuple(responses), version.version, to_version)
