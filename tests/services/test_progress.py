"""A simulated week: sessions, pain reports and check-ins drive the weekly review."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from isohold.domain.errors import NotFoundError
from isohold.domain.ids import new_uuid
from isohold.services import checkins, sessions
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from isohold.services.progress import weekly_review
from isohold.services.stats import stats
from isohold.storage.models import ProgramDecision
from tests.conftest import profile_dict
from tests.services.conftest import FakeClock


def _session(ctx: Context, pain: dict[str, int], sets: int = 2) -> None:
    state = sessions.start(ctx)
    assert state.plan.program is not None
    for block in state.plan.program.blocks:
        for number in range(1, sets + 1):
            sessions.record_set(
                ctx,
                state.uuid,
                sessions.SetDone(block.exercise, number, block.side, block.reps, block.hold_s,
                                 uuid=new_uuid()),
            )  # fmt: skip
        sessions.report_exercise(ctx, state.uuid, block.exercise, pain.get(block.exercise, 2), 5)
    sessions.finish(ctx, state.uuid, "complete")


def test_week_of_settled_sessions_progresses(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=3))
    for _day in range(5):
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
    result = weekly_review(ctx)
    assert {d.action for d in result.review.decisions} == {"regress"}


def test_unfinished_sets_repeat(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict(pain_now=3))
    clock.advance(hours=10)
    _session(ctx, {}, sets=1)
    result = weekly_review(ctx)
    assert {d.action for d in result.review.decisions} == {"repeat"}


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
