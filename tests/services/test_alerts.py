"""Each alert rule from data recorded through the services: a week of sessions, pain reports,
check-ins, readings, desk breaks, a weekly review and changed answers."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from isohold.domain.alerts import Alert, Thresholds
from isohold.domain.escalation import after_exercise
from isohold.domain.ids import new_uuid
from isohold.domain.schedule import sides
from isohold.services import checkins, desk_breaks, sessions
from isohold.services.alerts import alerts_of
from isohold.services.checkins import parse_bp
from isohold.services.context import Context
from isohold.services.desk_breaks import BreakDone
from isohold.services.onboarding import onboard
from isohold.services.progress import baseline_pain, weekly_review
from isohold.storage import plans
from isohold.storage.people import the_person
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict

LIMITS = Thresholds(inactive_days=4)


def _session(ctx: Context, pain: int = 2, *, warning: bool = False) -> None:
    """Every block's sets, then the pain report; the session ends as the coach ends it."""
    state = sessions.start(ctx)
    assert state.plan.program is not None
    for block in state.plan.program.blocks:
        for side in sides(block):
            done = sessions.SetDone(
                block.exercise, 1, side, block.reps, block.hold_s, uuid=new_uuid()
            )
            sessions.record_set(ctx, state.uuid, done)
        reported = sessions.report_exercise(
            ctx, state.uuid, block.exercise, pain, 5, warning=warning
        )
        if reported.verdict.stops:
            sessions.finish(ctx, state.uuid, "stopped", reported.verdict.text)
            return
    sessions.finish(ctx, state.uuid, "complete")


def _alerts(ctx: Context) -> tuple[Alert, ...]:
    with ctx.db.reading() as s:
        person = the_person(s)
        assert person is not None
        pid = person.id
    return alerts_of(ctx, [pid], LIMITS)[pid]


def _codes(ctx: Context) -> list[str]:
    return [a.code for a in _alerts(ctx)]


def test_a_good_week_raises_nothing(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=3))
    for _day in range(5):
        checkins.checkin(ctx, pain=3, stiffness=2)
        clock.advance(hours=10)
        _session(ctx, pain=2)
        clock.advance(hours=14)
    assert _alerts(ctx) == ()


def test_a_week_of_trouble(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=3))
    checkins.checkin(ctx, pain=3, stiffness=2)  # Mon
    clock.advance(hours=10)
    _session(ctx, pain=6)  # above the limit of 5: the coach stops the session
    assert _codes(ctx) == ["stop_rule"]
    clock.advance(hours=14)
    checkins.checkin(ctx, pain=5, stiffness=3)  # Tue: worse than usual after a session
    assert _codes(ctx) == ["stop_rule", "morning_worse"]
    clock.advance(hours=2)
    checkins.record_bp(ctx, parse_bp("165/95"))
    clock.advance(hours=8)
    _session(ctx, warning=True)  # a warning sign
    clock.advance(days=1)  # Wed
    checkins.checkin(ctx, pain=8, stiffness=5)  # a severe flare
    codes = _codes(ctx)
    assert codes[:2] == ["morning_flare", "warning_sign"]  # act now, newest first
    assert set(codes[2:]) == {"stop_rule", "bp_gate", "morning_worse"}
    found = {a.code: a for a in _alerts(ctx)}
    assert found["bp_gate"].evidence.kind == "reading"
    assert "165/95 mmHg" in found["bp_gate"].text
    assert found["stop_rule"].evidence.kind == "session"
    assert "6/10 during" in found["stop_rule"].text


def test_a_review_that_eases_off(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=3))
    for _day in range(7):
        checkins.checkin(ctx, pain=3, stiffness=2)
        clock.advance(hours=10)
        _session(ctx, pain=4)
        clock.advance(hours=14)
    checkins.checkin(ctx, pain=5, stiffness=2)  # worse next morning: the review eases off
    result = weekly_review(ctx)
    assert {d.action for d in result.review.decisions} == {"regress"}
    found = [a for a in _alerts(ctx) if a.code == "review_eased"]
    assert len(found) == 1 and found[0].evidence.kind == "review"
    assert "eased off Modified curl-up" in found[0].text


def test_red_flags_and_clearance(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=3))
    clock.advance(hours=1)
    onboard(ctx, profile_dict(pain_now=3, red_flags=["fever"]), replace=True)
    assert _codes(ctx) == ["red_flag"]
    clock.advance(hours=1)
    onboard(
        ctx, profile_dict(pain_now=3, red_flags=["fever"], cleared_flags=["fever"]), replace=True
    )
    assert _codes(ctx) == []


def test_no_session_for_days_and_desk_breaks_skipped(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(conditions=["desk_worker"], goals=["desk_breaks"]))
    london = ZoneInfo("Europe/London")
    clock.advance(days=2)
    _session(ctx)
    for day in range(2, 7):  # Wed to Fri, then the weekend
        for hour, outcome in ((10, "done"), (11, "skipped"), (14, "skipped")):
            at = datetime(2026, 11, day, hour, 0, tzinfo=london)
            holds = tuple(h.exercise for h in desk_breaks.status(ctx, at).holds)
            desk_breaks.record(ctx, BreakDone(new_uuid(), outcome, at, holds), at)
    clock.at = datetime(2026, 11, 9, 9, 0)  # the Monday after: 5 days without a session
    codes = _codes(ctx)
    assert codes == ["no_session", "desk_adherence"]
    found = _alerts(ctx)
    assert "No session for 5 days" in found[0].text
    assert "5 of 15 done (33%, under 50%)" in found[1].text


def test_the_usual_pain_is_the_reviews(ctx: Context, clock: FakeClock) -> None:
    from isohold.services.alerts import gather

    onboard(ctx, profile_dict(pain_now=6))
    for pain in (4, 5, 3):
        checkins.checkin(ctx, pain=pain, stiffness=2)
        clock.advance(days=1)
    onboard(ctx, profile_dict(pain_now=6, irritability="low"), replace=True)
    with ctx.db.reading() as s:
        person = the_person(s)
        assert person is not None
        version = plans.current_plan(s, person)
        assert version is not None
        facts = gather(s, [person.id], clock.at.date(), ctx.catalogue, 14)[person.id]
        assert facts.usual == baseline_pain(s, person, version) == 4
    assert after_exercise(6, 5, usual=4).stops and facts.today == date(2026, 11, 5)
