"""Onboarding, sessions and sets: committed at once, idempotent, resumable."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from isohold.domain.errors import ConflictError, InputError, NotFoundError, ProfileError
from isohold.domain.ids import new_uuid
from isohold.services import log, sessions
from isohold.services.context import Context
from isohold.services.onboarding import onboard
from isohold.storage import plans
from isohold.storage.models import PlanVersion, SetRecord, TrainingSession
from isohold.storage.people import the_person
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict


def _count(ctx: Context, model: type) -> int:
    with ctx.db.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_onboard_saves_profile_and_plan_and_keeps_history(ctx: Context) -> None:
    first = onboard(ctx, profile_dict())
    assert (first.plan_version, first.profile_version) == (1, 1)
    with pytest.raises(ConflictError, match="a profile is already saved"):
        onboard(ctx, profile_dict(irritability="high"))
    second = onboard(ctx, profile_dict(irritability="high"), replace=True)
    assert (second.plan_version, second.profile_version) == (2, 2)
    with ctx.db.transaction() as s:
        person = the_person(s)
        assert person is not None
        history = plans.plan_history(s, person)
        assert [v.version for v in history] == [1, 2]
        assert [b.exercise for b in history[1].blocks][1] == "side-plank-knees"


def test_bad_profile_saves_nothing(ctx: Context) -> None:
    with pytest.raises(ProfileError, match="age"):
        onboard(ctx, profile_dict(age=5))
    assert _count(ctx, PlanVersion) == 0


def _set(exercise: str = "bird-dog", number: int = 1, uuid: str | None = None) -> sessions.SetDone:
    return sessions.SetDone(
        exercise=exercise, set_number=number, side="left", reps_done=4, hold_s=10.0,
        uuid=uuid or new_uuid(), pain_during=2,
    )  # fmt: skip


def test_sets_are_saved_once_per_uuid(ctx: Context) -> None:
    onboard(ctx, profile_dict())
    state = sessions.start(ctx)
    done = _set()
    assert sessions.record_set(ctx, state.uuid, done) is True
    assert sessions.record_set(ctx, state.uuid, done) is False
    assert _count(ctx, SetRecord) == 1
    assert sessions.report_exercise(ctx, state.uuid, "bird-dog", 2, 5, uuid=done.uuid).saved
    sessions.finish(ctx, state.uuid, "complete")
    with ctx.db.transaction() as s:
        row = s.scalars(select(SetRecord)).one()
        assert (row.planned_reps, row.planned_hold_s, row.intensity_kind) == (4, 10, "bodyweight")


def test_set_for_an_exercise_not_in_the_plan_is_refused(ctx: Context) -> None:
    onboard(ctx, profile_dict())
    state = sessions.start(ctx)
    with pytest.raises(InputError, match="not in this session's plan"):
        sessions.record_set(ctx, state.uuid, _set("wall-sit"))
    with pytest.raises(InputError, match="pain_during"):
        sessions.report_exercise(ctx, state.uuid, "bird-dog", 11)


def test_interrupted_session_is_resumable_then_marked_partial(
    ctx: Context, clock: FakeClock
) -> None:
    onboard(ctx, profile_dict())
    state = sessions.start(ctx)
    sessions.record_set(ctx, state.uuid, _set("modified-curl-up", 1))
    # the process dies here: nothing marks the session
    (open_one,) = sessions.interrupted(ctx)
    assert open_one.uuid == state.uuid
    assert ("modified-curl-up", 1, "left") in open_one.done
    resumed = sessions.start(ctx, resume=state.uuid)
    assert resumed.done == open_one.done
    clock.advance(hours=1)
    sessions.start(ctx)  # a new session instead: the old one becomes partial
    with ctx.db.transaction() as s:
        old = s.scalars(select(TrainingSession).where(TrainingSession.uuid == state.uuid)).one()
        assert old.status == "partial"
    assert _count(ctx, SetRecord) == 1


def test_logging_beside_a_running_session_leaves_it_open(ctx: Context) -> None:
    onboard(ctx, profile_dict())
    coach = sessions.start(ctx)
    done = _set("side-plank")
    first = log.log_set(ctx, done)
    again = log.log_set(ctx, done)  # replayed: same set, same session
    assert first == again
    assert _count(ctx, SetRecord) == 1
    assert [s.uuid for s in sessions.interrupted(ctx)] == [coach.uuid]


def test_no_profile_yet(ctx: Context) -> None:
    with pytest.raises(NotFoundError, match="no profile yet"):
        sessions.start(ctx)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"hold_s": float("nan")}, "hold_s"), ({"hold_s": float("inf")}, "hold_s"),
     ({"load_value": float("nan")}, "load_value"), ({"reps_done": -1}, "reps_done"),
     ({"set_number": 0}, "set_number")],
)  # fmt: skip
def test_a_set_is_held_to_the_same_rules_as_every_other_way_in(
    ctx: Context, change: dict[str, object], field: str
) -> None:
    from dataclasses import replace

    onboard(ctx, profile_dict())
    state = sessions.start(ctx)
    done = replace(sessions.SetDone("bird-dog", 1, "left", 4, 10.0, uuid=new_uuid()), **change)
    with pytest.raises(InputError) as caught:
        sessions.record_set(ctx, state.uuid, done)
    assert caught.value.field == field
