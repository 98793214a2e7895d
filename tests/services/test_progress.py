"""A simulated week: sessions, pain reports and check-ins drive the weekly review."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from isohold.domain.errors import NotFoundError
from isohold.domain.ids import new_uuid
from isohold.domain.schedule import sides
from isohold.services import checkins, sessions
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from isohold.services.progress import weekly_review
from isohold.services.stats import stats
from isohold.storage.models import ProgramDecision
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict


def _session(ctx: Context, pain: dict[str, int], sets: int = 2) -> None:
    state = sessions.start(ctx)
    assert state.plan.program is not None
    for block in state.plan.program.blocks:
        for number in range(1, sets + 1):
            for side in sides(block):
                sessions.record_set(
                    ctx,
                    state.uuid,
                    sessions.SetDone(block.exercise, number, side, block.reps, block.hold_s,
                                     uuid=new_uuid()),
                )  # fmt: skip
        sessions.report_exercise(ctx, state.uuid, block.exercise, pain.get(block.exercise, 2), 5)
    sessions.finish(ctx, state.uuid, "complete")


def test_week_of_settled_sessions_progresses(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=3))
    for _day in range(7):
        checkins.checkin(ctx, pain=3, stiffness=2)
        clock.advance(hours=10)
        _session(ctx, {"bird-dog": 6})
        clock.advance(hours=14)
    result = weekly_review(ctx)
    actions = {d.exercise: d.action for d in result.review.decisions}
    assert actions == {"modified-curl-up": "progress", "side-plank": "progress",
                       "bird-dog": "regress"}  # fmt: skip
    assert (result.from_version, result.to_version) == (1, 2)
    with ctx.db.transaction() as s:
        saved = s.scalars(select(ProgramDecision)).all()
        assert len(saved) == 3 and all(d.reason for d in saved)


def test_next_morning_flare_regresses(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=3))
    checkins.checkin(ctx, pain=3, stiffness=2)
    clock.advance(hours=10)
    _session(ctx, {})
    clock.advance(hours=14)
    checkins.checkin(ctx, pain=5, stiffness=4)  # worse than usual next morning
    clock.advance(days=5)  # Sunday: a week on the plan
    result = weekly_review(ctx)
    assert {d.action for d in result.review.decisions} == {"regress"}


def test_unfinished_sets_repeat(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=3))
    clock.advance(hours=10)
    _session(ctx, {}, sets=1)
    clock.advance(hours=14)
    checkins.checkin(ctx, pain=3, stiffness=2)
    clock.advance(days=5)  # Sunday: a week on the plan
    result = weekly_review(ctx)
    assert {d.action for d in result.review.decisions} == {"repeat"}


def test_the_review_waits_for_a_week_and_a_next_morning(ctx: Context, clock: FakeClock) -> None:
    """Issue 18, finding 1: after one session and a same-day check-in nothing moves up; the
    review says what it still needs and changes nothing."""
    onboard(ctx, profile_dict(pain_now=3))
    clock.advance(hours=10)
    _session(ctx, {})
    checkins.checkin(ctx, pain=3, stiffness=2)  # the same evening: not the next morning
    with pytest.raises(NotFoundError) as early:
        weekly_review(ctx)
    assert "a week on this plan" in str(early.value)
    assert "a morning check-in on the day after a session" in str(early.value)
    clock.advance(days=6)  # Sunday: a week on the plan, but still no next-morning check-in
    with pytest.raises(NotFoundError, match="a morning check-in on the day after") as late:
        weekly_review(ctx, save=False)
    assert "a week on this plan" not in str(late.value)
    with ctx.db.reading() as s:
        assert s.scalars(select(ProgramDecision)).all() == []


def test_nothing_to_review(ctx: Context) -> None:
    onboard(ctx, profile_dict())
    with pytest.raises(NotFoundError, match="nothing to review"):
        weekly_review(ctx)


def test_stats_adherence_pain_and_dose(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=6))
    for day in range(28):
        checkins.checkin(ctx, pain=max(6 - day // 5, 1), stiffness=2)
        clock.advance(hours=10)
        if day % 2 == 0:
            _session(ctx, {})
        if day % 7 == 6:
            weekly_review(ctx)
        clock.advance(hours=14)
    result = stats(ctx)
    assert len(result.weeks) >= 4
    assert result.weeks[1].sessions in (3, 4) and result.weeks[1].planned == 7
    assert 40 <= result.adherence_pct <= 60
    assert result.morning_pain_change is not None and result.meaningful_improvement
    curl = next(d for d in result.doses if d.exercise == "modified-curl-up")
    assert curl.sets > 0 and curl.first_day < curl.last_day


def test_recorded_heel_rises_let_a_stage_move_on(ctx: Context, clock: FakeClock) -> None:
    """Issue 21: the training log's review reads the latest capacity results a stage's entry
    asks for; without them the stage waits and says which test to do."""
    from dataclasses import replace

    from isohold.services import outcomes
    from isohold.storage import people, plans

    onboard(ctx, profile_dict(conditions=["achilles_tendinopathy"], side="right", pain_now=2))
    lifting = ctx.catalogue.protocols["achilles-heavy-slow"]
    with ctx.db.transaction() as s:
        person = people.the_person(s)
        assert person is not None
        current = plans.plan_of(plans.current_plan(s, person))  # type: ignore[arg-type]
        assert current.program is not None
        blocks = tuple(
            b.with_(exercise=o.exercise, protocol=lifting.id, sets=3, reps=12, hold_s=6,
                    intensity_kind="effort", intensity_value=8)
            for b, o in zip(current.program.blocks, lifting.options, strict=True)
        )  # fmt: skip
        top = replace(current, program=replace(current.program, blocks=blocks))
        plans.add_plan(s, person, top, reason="test", now=ctx.now(), profile_version_id=None)

    def week() -> set[str]:
        for _day in range(7):
            checkins.checkin(ctx, pain=2, stiffness=1)
            clock.advance(hours=10)
            _session(ctx, {}, sets=3)
            clock.advance(hours=14)
        result = weekly_review(ctx, save=False)
        return {b.protocol for b in result.review.plan.program.blocks}  # type: ignore[union-attr]

    assert week() == {"achilles-heavy-slow"}
    outcomes.record(ctx, "heel-rise-count", score=21, side="left")
    outcomes.record(ctx, "heel-rise-count", score=20, side="right")
    assert week() == {"achilles-springy"}
