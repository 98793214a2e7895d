"""Adherence counts the sessions due so far, not whole weeks ahead: one session on the plan's
first day is 100%, not 1 of 5."""

from __future__ import annotations

import pytest

from isohold.domain.ids import new_uuid
from isohold.services import sessions
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from isohold.services.stats import sessions_due, stats
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict


def _one_set(ctx: Context) -> None:
    state = sessions.start(ctx)
    assert state.plan.program is not None
    block = state.plan.program.blocks[0]
    side = "left" if block.side == "each" else block.side
    done = sessions.SetDone(block.exercise, 1, side, block.reps, block.hold_s, uuid=new_uuid())
    sessions.record_set(ctx, state.uuid, done)
    sessions.finish(ctx, state.uuid, "partial")


def test_sessions_due_are_pro_rated_over_the_days_that_count() -> None:
    assert sessions_due(5, 0) == 0
    assert sessions_due(5, 1) == pytest.approx(5 / 7)
    assert sessions_due(7, 3) == 3
    assert sessions_due(3, 7) == 3 and sessions_due(3, 9) == 3


def test_one_session_on_the_first_day_is_full_adherence(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict())
    assert stats(ctx).sessions_due == 0  # before training, today does not count yet
    clock.advance(hours=2)
    _one_set(ctx)
    result = stats(ctx)
    assert result.adherence_pct == 100  # was 1 of a full week's sessions (20% or 33%)


def test_missed_days_lower_it(ctx: Context, clock: FakeClock) -> None:
    onboard(ctx, profile_dict())  # Monday
    per_week = stats(ctx).weeks[0].planned
    _one_set(ctx)
    clock.advance(days=3)  # Thursday, not trained yet: Monday to Wednesday count
    result = stats(ctx)
    assert result.sessions_due == pytest.approx(per_week * 3 / 7)
    assert result.adherence_pct == pytest.approx(min(100, 100 / (per_week * 3 / 7)))


def test_a_plan_begun_mid_week_counts_from_its_first_day(ctx: Context, clock: FakeClock) -> None:
    clock.advance(days=4)  # Friday
    onboard(ctx, profile_dict())
    clock.advance(days=2)  # Sunday: Friday and Saturday have ended
    per_week = stats(ctx).weeks[0].planned
    assert stats(ctx).sessions_due == pytest.approx(per_week * 2 / 7)
