"""The desk-break loop over two simulated work weeks: a fake clock, a real SQLite file, a real
.ics calendar with a weekly meeting, a laptop away for an hour, a clock change, and a person
who starts, skips, snoozes and ignores breaks."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from isohold.domain.errors import NotFoundError
from isohold.domain.ids import new_uuid
from isohold.services import checkins, desk_breaks
from isohold.services.context import Context
from isohold.services.desk_breaks import BreakDone, DeskStatus
from isohold.services.desk_runner import AWAY_RESETS, REMINDER, DeskRunner, Guided
from isohold.services.onboarding import onboard
from isohold.services.progress import weekly_review
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict

LONDON = ZoneInfo("Europe/London")
POLL = 60  # seconds between looks at the presence probe
DESK = profile_dict(conditions=["neck_pain", "desk_worker"], goals=["pain_relief", "desk_breaks"],
                    equipment=["resistance_band", "wall", "chair"])  # fmt: skip
MEETING = (Path(__file__).parents[1] / "data" / "weekly-meeting.ics").read_text()


@dataclass
class AwareClock:
    at: datetime

    def __call__(self) -> datetime:
        return self.at


@dataclass
class ScriptedScreen:
    """A person at the desk: answers each offer from a script; a guided break takes its time."""

    clock: AwareClock
    answers: itertools.cycle[str]
    pain: int = 1
    offers: list[DeskStatus] = field(default_factory=list)
    offered_at: list[datetime] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    async def offer(self, status: DeskStatus) -> str:
        self.offers.append(status)
        self.offered_at.append(self.clock.at)
        return next(self.answers)

    async def guide(self, status: DeskStatus) -> Guided:
        self.clock.at += timedelta(seconds=status.length_s)
        return Guided(done=True, pain=self.pain)

    async def notice(self, text: str) -> None:
        self.notices.append(text)


@dataclass
class Laptop:
    clock: AwareClock
    asleep: tuple[datetime, datetime]

    def away_s(self) -> float | None:
        if self.asleep[0] <= self.clock.at < self.asleep[1]:
            return (self.clock.at - self.asleep[0]).total_seconds()
        return None


def week_of_breaks(ctx: Context, clock: FakeClock, exercise: str, pain: int | None) -> None:
    """A break done each day Monday to Wednesday, a usual morning check-in the day after each,
    then Saturday evening comes: a week on the plan, ready for the review."""
    usual = DESK["pain_now"]
    for day in (19, 20, 21):
        at = datetime(2026, 10, day, 10, 30, tzinfo=LONDON)
        desk_breaks.record(ctx, BreakDone(new_uuid(), "done", at, (exercise,), pain), at)
        clock.at = datetime(2026, 10, day + 1, 7, 0)
        checkins.checkin(ctx, pain=usual, stiffness=2)
    clock.at = datetime(2026, 10, 24, 18, 0)


def simulate(runner: DeskRunner, clock: AwareClock, until: datetime) -> None:
    async def go() -> None:
        while clock.at < until:
            wait = await runner.step()
            if wait is not None:
                clock.at += timedelta(seconds=wait)

    asyncio.run(go())


@pytest.fixture
def desk(ctx: Context, clock: FakeClock, tmp_path: Path) -> Path:
    clock.at = datetime(2026, 10, 18, 20, 0)  # the Sunday before
    onboard(ctx, DESK)
    ics = tmp_path / "work.ics"
    ics.write_text(MEETING)
    desk_breaks.update_settings(
        ctx,
        {"tz": "Europe/London", "start": "09:00", "end": "17:00", "quiet": [["12:30", "13:00"]],
         "calendar": str(ics)},
        datetime(2026, 10, 18, 20, 0, tzinfo=LONDON),
    )  # fmt: skip
    return ics


def test_two_work_weeks_of_breaks(ctx: Context, desk: Path) -> None:
    start = datetime(2026, 10, 19, 8, 0, tzinfo=LONDON)  # Monday; clocks go back on the 25th
    wall = AwareClock(start)
    answers = itertools.cycle(["start", "start", "skip", "snooze", "start", "ignored"])
    screen = ScriptedScreen(wall, answers)
    away = (datetime(2026, 10, 21, 14, tzinfo=LONDON), datetime(2026, 10, 21, 15, tzinfo=LONDON))
    runner = DeskRunner(ctx, screen, Laptop(wall, away), clock=wall, poll_s=POLL,
                        refresh=timedelta(minutes=10))  # fmt: skip
    simulate(runner, wall, datetime(2026, 10, 31, 0, 0, tzinfo=LONDON))

    local = [t.astimezone(LONDON) for t in screen.offered_at]
    assert local, "no break was offered"
    # only in work hours on work days, never in the quiet time, the meeting or while away
    assert all(t.weekday() < 5 and time(9) <= t.time() < time(17) for t in local)
    assert not [t for t in local if time(12, 30) <= t.time() < time(13)]
    assert not [t for t in local if t.weekday() == 1 and time(10) <= t.time() < time(11)]
    assert not [t for t in local if away[0] <= t < away[1]]
    # the first break of each day comes one interval into the work day, on the wall clock,
    # on both sides of the clock change
    firsts = {t.date(): t for t in reversed(local)}
    assert {t.time() for t in firsts.values()} == {time(9, 20)}
    # Tuesday: the 10:00 break falls in the meeting and is taken when it ends
    tuesday = [t for t in local if t.date() == datetime(2026, 10, 20).date()]
    assert any(t.time() == time(11, 0) for t in tuesday)
    # back from an hour away counts as a break: the next one is an interval later
    wednesday = [t for t in local if t.date() == away[0].date()]
    back = min(t for t in wednesday if t >= away[1]) - away[1]
    assert timedelta(minutes=20) <= back <= timedelta(minutes=20, seconds=POLL)
    # a snoozed break comes back after 5 minutes, or when the quiet time it falls in ends
    for i, status in enumerate(screen.offers[:-1]):
        if (i % 6) == 3:
            again = local[i] + timedelta(minutes=5)
            if time(12, 30) <= again.time() < time(13):
                again = again.replace(hour=13, minute=0, second=0)
            assert local[i + 1] == again
            assert screen.offers[i + 1].holds == status.holds  # the same break, again
    # the holds rotate through the plan's break exercises as breaks end
    firsts_hold = [s.holds[0].exercise for s in screen.offers]
    assert len(set(firsts_hold)) >= 3

    weeks = desk_breaks.adherence(ctx, datetime(2026, 10, 30).date(), weeks=2)
    offered = len(screen.offers)
    done = sum(1 for i in range(offered) if i % 6 in (0, 1, 4))
    snoozed = sum(1 for i in range(offered) if i % 6 == 3)
    assert sum(w.done for w in weeks) == done
    assert sum(w.snoozed for w in weeks) == snoozed
    assert sum(w.skipped for w in weeks) == offered - done - snoozed
    assert all(w.worst_pain == 1 for w in weeks)
    assert 0 < weeks[0].adherence < 1  # type: ignore[operator]


def test_a_short_time_away_does_not_count_as_a_break(ctx: Context, desk: Path) -> None:
    wall = AwareClock(datetime(2026, 10, 19, 9, 0, tzinfo=LONDON))
    screen = ScriptedScreen(wall, itertools.cycle(["skip"]))
    left = datetime(2026, 10, 19, 9, 5, tzinfo=LONDON)
    laptop = Laptop(wall, (left, left + AWAY_RESETS - timedelta(minutes=1)))
    runner = DeskRunner(ctx, screen, laptop, clock=wall, poll_s=30)
    simulate(runner, wall, datetime(2026, 10, 19, 9, 30, tzinfo=LONDON))
    assert [t.astimezone(LONDON).strftime("%H:%M") for t in screen.offered_at] == ["09:20"]


def test_time_away_counts_from_when_the_computer_says_it_began(ctx: Context, desk: Path) -> None:
    wall = AwareClock(datetime(2026, 10, 19, 9, 0, tzinfo=LONDON))

    class IdleSince(Laptop):
        """Reports idle only after five minutes without input, as desktops do."""

        def away_s(self) -> float | None:
            if self.asleep[0] + AWAY_RESETS <= self.clock.at < self.asleep[1]:
                return (self.clock.at - self.asleep[0]).total_seconds()
            return None

    went = datetime(2026, 10, 19, 9, 2, tzinfo=LONDON)
    screen = ScriptedScreen(wall, itertools.cycle(["skip"]))
    idle = IdleSince(wall, (went, went + AWAY_RESETS + timedelta(minutes=1)))
    runner = DeskRunner(ctx, screen, idle, clock=wall, poll_s=30)
    simulate(runner, wall, datetime(2026, 10, 19, 9, 40, tzinfo=LONDON))
    # six minutes away from 09:02 counts as a break: the next comes 20 minutes after 09:08
    assert [t.astimezone(LONDON).strftime("%H:%M") for t in screen.offered_at] == ["09:28"]


def test_a_longer_break_offers_two_holds(ctx: Context, desk: Path) -> None:
    now = datetime(2026, 10, 19, 9, 0, tzinfo=LONDON)
    desk_breaks.update_settings(ctx, {"long_every": 2, "long_s": 120}, now)
    first = desk_breaks.status(ctx, now)
    assert not first.long and len(first.holds) == 1
    desk_breaks.record(ctx, BreakDone(new_uuid(), "done", first.next_at or now,
                                      (first.holds[0].exercise,)), now)  # fmt: skip
    second = desk_breaks.status(ctx, now + timedelta(minutes=1))
    assert second.long and second.length_s == 120
    assert len(second.holds) == 2 and second.holds[0].exercise != second.holds[1].exercise


def test_an_unreadable_calendar_warns_once_and_breaks_go_on(ctx: Context, desk: Path) -> None:
    desk.unlink()
    wall = AwareClock(datetime(2026, 10, 19, 9, 0, tzinfo=LONDON))
    screen = ScriptedScreen(wall, itertools.cycle(["skip"]))
    runner = DeskRunner(ctx, screen, Laptop(wall, (wall.at, wall.at)), clock=wall)
    simulate(runner, wall, datetime(2026, 10, 19, 11, 0, tzinfo=LONDON))
    assert len(screen.notices) == 1 and "work.ics" in screen.notices[0]
    assert [t.astimezone(LONDON).strftime("%H:%M") for t in screen.offered_at] == [
        "09:20",
        "09:40",
        "10:00",
        "10:20",
        "10:40",
    ]


def test_pain_in_breaks_feeds_the_weekly_review(ctx: Context, desk: Path, clock: FakeClock) -> None:
    week_of_breaks(ctx, clock, "scapular-retraction-hold", pain=7)
    result = weekly_review(ctx)
    decision = next(d for d in result.review.decisions if d.exercise == "scapular-retraction-hold")
    assert decision.action in ("regress", "stop")


def test_a_plan_without_breaks_says_how_to_get_them(ctx: Context) -> None:
    onboard(ctx, profile_dict())
    wall = AwareClock(datetime(2026, 10, 19, 9, 30, tzinfo=LONDON))
    screen = ScriptedScreen(wall, itertools.cycle(["skip"]))
    runner = DeskRunner(ctx, screen, Laptop(wall, (wall.at, wall.at)), clock=wall)
    with pytest.raises(NotFoundError, match="desk_worker"):
        asyncio.run(runner.step())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"interval_min": 2}, "interval_min"),
        ({"start": "9am"}, "start"),
        ({"work_days": ["funday"]}, "work_days"),
        ({"quiet": [["13:00", "12:00"]]}, "quiet[0]"),
        ({"tz": "Mars/Olympus"}, "tz"),
        ({"long_every": 3}, "long_every"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_settings_name_the_field_and_keep_the_saved_ones(
    ctx: Context, desk: Path, changes: dict[str, object], field: str
) -> None:
    from isohold.domain.errors import InputError

    before = desk_breaks.get_settings(ctx)
    with pytest.raises(InputError) as caught:
        desk_breaks.update_settings(ctx, changes, datetime(2026, 10, 19, tzinfo=LONDON))
    assert caught.value.field == field
    assert desk_breaks.get_settings(ctx) == before


def test_replayed_break_is_stored_once(ctx: Context, desk: Path) -> None:
    at = datetime(2026, 10, 19, 9, 20, tzinfo=LONDON)
    done = BreakDone(new_uuid(), "done", at, ("scapular-retraction-hold",), pain=2)
    assert desk_breaks.record(ctx, done, at) is True
    assert desk_breaks.record(ctx, done, at) is False
    weeks = desk_breaks.adherence(ctx, at.date(), weeks=1)
    assert weeks[-1].done == 1


def test_breaks_that_settle_progress_with_the_plan(
    ctx: Context, desk: Path, clock: FakeClock
) -> None:
    before = desk_breaks.status(ctx, datetime(2026, 10, 19, 9, 0, tzinfo=LONDON)).holds[0]
    week_of_breaks(ctx, clock, "scapular-retraction-hold", pain=1)
    result = weekly_review(ctx)
    decision = next(d for d in result.review.decisions if d.exercise == before.exercise)
    assert decision.action == "progress", decision.reason
    # one turn through the rotation: the break that offers this hold now offers it harder
    seen, at = [], datetime(2026, 10, 23, 9, 0, tzinfo=LONDON)
    for _ in range(4):
        st = desk_breaks.status(ctx, at)
        assert st.next_at is not None
        seen.append(st.holds[0])
        skip = BreakDone(new_uuid(), "skipped", st.next_at, (st.holds[0].exercise,))
        desk_breaks.record(ctx, skip, st.next_at)
        at = st.next_at + timedelta(minutes=1)
    assert decision.after is not None
    changed = [h for h in seen if h.exercise == decision.after.exercise]
    assert changed, [h.exercise for h in seen]
    # DR10: the break keeps its 30 s and the effort rises one point (3/10 to 4/10)
    assert (changed[0].hold_s, changed[0].effort) == (before.hold_s, 4.0)
    assert before.effort == 3.0
    # and the other holds in the rotation follow the same dose
    assert {h.effort for h in seen} == {4.0}


def test_pain_in_every_rotating_hold_reaches_the_block_that_sets_its_dose(
    ctx: Context, desk: Path, clock: FakeClock
) -> None:
    week_of_breaks(ctx, clock, "shoulder-abduction-wall-press", pain=8)
    decision = next(d for d in weekly_review(ctx).review.decisions
                    if d.exercise == "scapular-retraction-hold")  # fmt: skip
    assert decision.action in ("regress", "stop") and "8/10" in decision.reason


def test_breaks_whose_pain_was_not_asked_do_not_move_the_plan(
    ctx: Context, desk: Path, clock: FakeClock
) -> None:
    week_of_breaks(ctx, clock, "scapular-retraction-hold", pain=None)
    with pytest.raises(NotFoundError, match="nothing to review"):
        weekly_review(ctx)


def test_a_break_answered_elsewhere_is_not_recorded_twice(ctx: Context, desk: Path) -> None:
    wall = AwareClock(datetime(2026, 10, 19, 9, 20, tzinfo=LONDON))

    class Elsewhere(ScriptedScreen):
        async def offer(self, status: DeskStatus) -> str:
            await super().offer(status)
            assert status.next_at is not None
            done = BreakDone(new_uuid(), "done", status.next_at, (status.holds[0].exercise,), 1)
            desk_breaks.record(ctx, done, wall.at)  # taken on the web page meanwhile
            return "ignored"

    screen = Elsewhere(wall, itertools.cycle(["ignored"]))
    runner = DeskRunner(ctx, screen, Laptop(wall, (wall.at, wall.at)), clock=wall)
    asyncio.run(runner.run(breaks=1))
    week = desk_breaks.adherence(ctx, wall.at.date(), weeks=1)[-1]
    assert (week.done, week.skipped) == (1, 0)


def test_a_snooze_lasts_five_minutes_even_when_the_time_zone_changes(
    ctx: Context, desk: Path
) -> None:
    at = datetime(2026, 10, 19, 10, 20, tzinfo=LONDON)
    desk_breaks.record(ctx, BreakDone(new_uuid(), "snoozed", at, ("scapular-retraction-hold",)), at)
    desk_breaks.update_settings(ctx, {"tz": "America/New_York", "start": "00:00", "end": "23:59"},
                                at)  # fmt: skip
    st = desk_breaks.status(ctx, at + timedelta(minutes=1))
    assert st.snoozed_until == at + timedelta(minutes=5)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"quiet": [["12:00", "12:00:30"]]}, "quiet[0]"), ({"start": "09:00:15"}, "start"),
     ({"tz": "localtime"}, "tz"), ({"tz": "posix/Europe/London"}, "tz"),
     ({"calendar": "/etc/hostname"}, "calendar")],
)  # fmt: skip
def test_settings_that_could_not_be_saved_faithfully_are_refused(
    ctx: Context, desk: Path, changes: dict[str, object], field: str
) -> None:
    from isohold.domain.errors import InputError

    with pytest.raises(InputError) as caught:
        desk_breaks.update_settings(ctx, changes, datetime(2026, 10, 19, tzinfo=LONDON))
    assert caught.value.field == field


def test_the_daily_training_reminder_comes_once_while_a_session_is_due(
    ctx: Context, clock: FakeClock
) -> None:
    """Issue 18, finding 14: a reminder at the chosen time, also without desk breaks."""
    onboard(ctx, profile_dict())  # no desk breaks in this plan
    start = datetime(2026, 10, 19, 17, 0, tzinfo=LONDON)
    desk_breaks.update_settings(ctx, {"tz": "Europe/London", "training_reminder": "18:00"}, start)
    wall = AwareClock(start)
    clock.at = start.replace(tzinfo=None)
    screen = ScriptedScreen(wall, itertools.cycle(["skip"]))
    runner = DeskRunner(ctx, screen, Laptop(wall, (wall.at, wall.at)), clock=wall)
    simulate(runner, wall, datetime(2026, 10, 19, 17, 59, tzinfo=LONDON))
    assert screen.notices == []
    simulate(runner, wall, datetime(2026, 10, 19, 21, 0, tzinfo=LONDON))
    assert screen.notices == [REMINDER]
    assert desk_breaks.get_settings(ctx).to_dict()["training_reminder"] == "18:00"
