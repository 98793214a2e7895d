"""Desk micro-breaks as a use case: settings, when the next break is and what it offers,
recording each break (done, skipped, snoozed) and weekly adherence.

Times given and returned here carry a time zone; the log stores the person's wall-clock time
in the settings' zone, like every other record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from isohold.domain.breaks import Interval, next_break
from isohold.domain.desk_break import BreakHold, break_holds, holds_by_exercise
from isohold.domain.desk_settings import (
    DeskSettings,
    default_settings,
    known_zone,
    parse_settings,
)
from isohold.domain.errors import ConflictError, InputError, IsoholdError
from isohold.domain.ids import check_uuid
from isohold.domain.plan import Plan
from isohold.services import gate
from isohold.services.calendar import calendar_at
from isohold.services.context import Context, require_person
from isohold.storage import desk as store
from isohold.storage import plans
from isohold.storage.models import DeskBreak, Person
from isohold.storage.people import the_person

OUTCOMES = ("done", "skipped", "snoozed")
#: "snooze 5 min" (the issue's one-tap choice; a product default, not a clinical number)
SNOOZE = timedelta(minutes=5)
#: how old a break may be when it is saved (offline pages sync later), and how far ahead
RECORD_WINDOW = (timedelta(days=30), timedelta(days=1))
#: how far ahead the calendar is read for meetings
LOOKAHEAD = timedelta(days=7)


def person_zone(ctx: Context) -> str:
    """The person's IANA zone: the setting (ISOHOLD_TZ), else this computer's (tzlocal), else
    UTC."""
    if ctx.zone:
        return ctx.zone
    from tzlocal import get_localzone_name

    try:
        name = get_localzone_name() or ""
    except Exception:  # a broken system zone is not an error for the person
        name = ""
    return name if known_zone(name) else "UTC"


def _plan(s: Session, person: Person) -> Plan | None:
    version = plans.current_plan(s, person)
    return None if version is None else plans.plan_of(version)


def _settings(s: Session, person: Person, plan: Plan | None, zone: str) -> DeskSettings:
    """The saved settings over defaults seeded from the plan's `microbreaks` block."""
    program = plan.program if plan is not None else None
    mb = program.microbreaks if program is not None else None
    base = (
        default_settings(zone, mb.interval_min, mb.duration_s)
        if mb is not None
        else default_settings(zone)
    )
    saved = store.settings_of(s, person)
    if saved is None:
        return base
    try:
        return parse_settings(saved, base)
    except InputError:  # saved by an older isohold with looser rules: start from the defaults
        return base


def get_settings(ctx: Context) -> DeskSettings:
    """The saved settings; the defaults before anyone has set up isohold on this computer."""
    with ctx.db.reading() as s:
        person = the_person(s)
        if person is None:
            return default_settings(person_zone(ctx))
        return _settings(s, person, _plan(s, person), person_zone(ctx))


def settings_saved(ctx: Context) -> bool:
    """Whether the person has saved desk settings (otherwise the defaults apply, in this
    computer's time zone)."""
    with ctx.db.reading() as s:
        person = the_person(s)
        return person is not None and store.settings_of(s, person) is not None


def update_settings(ctx: Context, changes: Any, now: datetime) -> DeskSettings:
    """Apply `changes` (keys of the settings document) and save the whole document.

    A calendar being set is read first, over the window the scheduler reads, and refused when
    it cannot be; a calendar saved earlier that has since broken does not stop other settings
    from changing (the status warns about it instead)."""
    with ctx.db.reading() as s:
        person = require_person(s)
        new = parse_settings(changes, _settings(s, person, _plan(s, person), person_zone(ctx)))
    if isinstance(changes, dict) and changes.get("calendar") and new.calendar is not None:
        # outside the write transaction: reading a large calendar never holds the database
        _busy(new, now, strict=True)  # raises InputError naming the calendar
    with ctx.db.transaction() as s:
        person = require_person(s)
        new = parse_settings(changes, _settings(s, person, _plan(s, person), person_zone(ctx)))
        store.save_settings(s, person, new.to_dict(), _wall(now, new))
        return new


@dataclass(frozen=True)
class DeskStatus:
    settings: DeskSettings
    #: when the next break is due (None: no work time in the next two weeks)
    next_at: datetime | None
    holds: tuple[BreakHold, ...]
    #: the break's length in seconds (longer every `long_every`-th break, when turned on)
    length_s: float
    long: bool
    snoozed_until: datetime | None
    #: why breaks ignore meetings right now (the calendar file could not be read), or None
    warning: str | None
    #: why there are no breaks today (a referral, or today's gate says no exercise), or None
    stopped: str | None = None

    def due(self, now: datetime) -> bool:
        return self.stopped is None and self.next_at is not None and self.next_at <= now

    def to_dict(self) -> dict[str, Any]:
        return {
            "next_at": None if self.next_at is None else self.next_at.isoformat(),
            "length_s": self.length_s,
            "long": self.long,
            "snoozed_until": None if self.snoozed_until is None
            else self.snoozed_until.isoformat(),
            "holds": [h.to_dict() for h in self.holds],
            "settings": self.settings.to_dict(),
            "warning": self.warning,
            "stopped": self.stopped,
        }  # fmt: skip


def _wall(at: datetime, settings: DeskSettings) -> datetime:
    """An aware time as the naive wall-clock time the log stores."""
    return at.astimezone(settings.schedule.tz).replace(tzinfo=None, microsecond=0)


def _utc(at: datetime) -> datetime:
    """An aware time as the naive UTC time the log keeps beside the wall-clock one."""
    return at.astimezone(UTC).replace(tzinfo=None, microsecond=0)


def _from_utc(naive_utc: datetime) -> datetime:
    return naive_utc.replace(tzinfo=UTC)


def status(ctx: Context, now: datetime, rested_at: datetime | None = None) -> DeskStatus:
    """The next break. `rested_at`: when the person came back from a long enough time away from
    the computer (idle or locked), which counts as a break already taken."""
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    with ctx.db.reading() as s:
        person = require_person(s)
        plan = _plan(s, person)
        settings = _settings(s, person, plan, person_zone(ctx))
        latest = store.latest_break(s, person)
        final = store.latest_break(s, person, store.FINAL)
        turn = store.turns_taken(s, person)
        day_start = _wall(now, settings).replace(hour=0, minute=0, second=0)
        today = [
            b for b in store.breaks_between(s, person, day_start, day_start + timedelta(days=1))
            if b.outcome in store.FINAL
        ]  # fmt: skip
    busy, warning = _busy(settings, now)
    snoozed_until = None
    if latest is not None and latest.outcome == "snoozed":
        until = _from_utc(latest.recorded_utc) + SNOOZE
        snoozed_until = until if until > now else None
    last_final = None if final is None else _from_utc(final.recorded_utc)
    anchors = [t for t in (last_final, rested_at) if t is not None]
    # a snoozed break comes back after the snooze, or at the next free time after it
    at = next_break(max(now, snoozed_until or now), max(anchors, default=None),
                    settings.schedule, busy)  # fmt: skip
    number = len(today) + 1
    length = settings.length_s(number)
    holds = () if plan is None else break_holds(plan, ctx.catalogue, turn, length)
    day = gate.today(ctx)
    if not day.exercise_allowed:  # the same gate as every session: no breaks either
        return DeskStatus(settings, None, holds, length, False, None, warning, day.text)
    return DeskStatus(settings, at, holds, length, settings.is_long(number), snoozed_until,
                      warning)  # fmt: skip


def _busy(
    settings: DeskSettings, now: datetime, *, strict: bool = False
) -> tuple[list[Interval], str | None]:
    """Meetings over the window the scheduler reads; a calendar that cannot be read is a
    warning (breaks go on without meetings), or an error with `strict`."""
    if settings.calendar is None:
        return [], None
    try:
        calendar = calendar_at(settings.calendar)
        return calendar.busy(now - timedelta(hours=12), now + LOOKAHEAD, settings.schedule.tz), None
    except IsoholdError as error:
        if strict:
            raise
        return [], f"{error}; breaks ignore meetings until the file can be read again"


@dataclass(frozen=True)
class BreakDone:
    uuid: str
    outcome: str
    due_at: datetime
    holds: tuple[str, ...]
    pain: int | None = None


def record(ctx: Context, done: BreakDone, now: datetime) -> bool:
    """Save one break; returns False when this UUID was saved before (a replay)."""
    check_uuid(done.uuid, "uuid")
    if done.outcome not in OUTCOMES:
        raise InputError("outcome", f"must be one of {', '.join(OUTCOMES)}")
    if done.pain is not None:
        if (
            isinstance(done.pain, bool)
            or not isinstance(done.pain, int)
            or not 0 <= done.pain <= 10
        ):
            raise InputError("pain", "must be a whole number from 0 to 10")
        if done.outcome != "done":
            raise InputError("pain", "is only recorded for a break that was done")
    if done.due_at.tzinfo is None:
        raise InputError("due_at", "must carry a time zone")
    if not now - RECORD_WINDOW[0] <= done.due_at <= now + RECORD_WINDOW[1]:
        raise InputError("due_at", "must be within the last 30 days (a break saved offline "
                                   "syncs later) and not more than a day ahead")  # fmt: skip
    if done.outcome == "done":
        day = gate.today(ctx)
        if not day.exercise_allowed:
            raise ConflictError(day.text)
    with ctx.db.transaction() as s:
        person = require_person(s)
        version = plans.current_plan(s, person)
        plan = plans.plan_of(version) if version is not None else None
        settings = _settings(s, person, plan, person_zone(ctx))
        known = holds_by_exercise(plan, ctx.catalogue) if plan is not None else {}
        if not done.holds:
            raise InputError("holds", "must name the break's holds")
        for ident in done.holds:
            if ident not in known:
                raise InputError("holds", f"{ident!r} is not one of your plan's break holds")
        ordered = list(dict.fromkeys(done.holds))  # a repeated name is one hold
        holds = [{"exercise": e, "hold_s": known[e].hold_s} for e in ordered]
        _, created = store.add_break(
            s, person, done.uuid,
            plan_version_id=None if version is None else version.id,
            due_at=_wall(done.due_at, settings), recorded_at=_wall(now, settings),
            recorded_utc=_utc(now),
            outcome=done.outcome, holds=holds, pain=done.pain,
        )  # fmt: skip
        return created


def answered_since(ctx: Context, since: datetime) -> bool:
    """Whether any break was recorded at or after `since` (anywhere: web page, terminal)."""
    with ctx.db.reading() as s:
        latest = store.latest_break(s, require_person(s))
    return latest is not None and latest.recorded_utc >= _utc(since)


@dataclass(frozen=True)
class WeekAdherence:
    week: date  # the Monday
    done: int
    skipped: int
    snoozed: int
    worst_pain: int | None

    @property
    def offered(self) -> int:
        return self.done + self.skipped

    @property
    def adherence(self) -> float | None:
        """Done ÷ breaks that ended (a snooze only postpones a break)."""
        return self.done / self.offered if self.offered else None

    def to_dict(self) -> dict[str, Any]:
        return {"week": self.week.isoformat(), "done": self.done, "skipped": self.skipped,
                "snoozed": self.snoozed, "adherence": self.adherence,
                "worst_pain": self.worst_pain}  # fmt: skip


def adherence(ctx: Context, today: date, weeks: int = 8) -> list[WeekAdherence]:
    """Breaks per ISO week (oldest first), the last `weeks` weeks up to `today`."""
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=weeks - 1)
    with ctx.db.reading() as s:
        person = require_person(s)
        rows = store.breaks_between(
            s, person, datetime.combine(first, datetime.min.time()),
            datetime.combine(monday + timedelta(days=7), datetime.min.time()),
        )  # fmt: skip
    return [_week(first + timedelta(weeks=k), rows) for k in range(weeks)]


def _week(monday: date, rows: list[DeskBreak]) -> WeekAdherence:
    mine = [r for r in rows if monday <= r.recorded_at.date() < monday + timedelta(days=7)]
    pains = [r.pain for r in mine if r.pain is not None]
    return WeekAdherence(
        monday,
        sum(r.outcome == "done" for r in mine),
        sum(r.outcome == "skipped" for r in mine),
        sum(r.outcome == "snoozed" for r in mine),
        max(pains) if pains else None,
    )
