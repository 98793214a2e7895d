"""Home blood-pressure monitoring as the guidelines ask it (reference rows BP3-BP5, DR19,
DR20), as pure rules over the readings.

- A home week: 7 days, two readings about a minute apart each morning and each evening, seated
  after 5 minutes' rest. The first day is left out and every other reading is averaged; at
  least 12 readings over at least 3 days make an average fit to decide on (BP3).
- Weeks come from the readings themselves: a week starts on the first day with a reading that
  no earlier week covers and runs 7 calendar days, so a week of readings taken at any time is
  averaged the same way whether or not it was started from the guide. Readings taken standing
  or lying down are kept but not averaged.
- The day's gate (DR19): a home average of 145/90 or more (the home level of 160/100 in a
  clinic, BP4) holds blood-pressure training back until a clinician has cleared it.
- Change since the start: the first home week with an average against the latest; a
  systolic change of 15 mmHg or more is beyond measurement error (1.96 x 7.7, BP5, DR20).
- The responder view (DR20): from 8 weeks after the first home week (T2.16), the change set
  beside the trials' average falls of about 5-9 mmHg systolic (T2.1-T2.5), with its caveats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

WEEK_DAYS = 7
#: readings before noon are the morning's, the rest the evening's
EVENING_FROM_HOUR = 12
READINGS_PER_SESSION = 2
#: an average fit to decide on (BP3): at least this many readings on at least this many days
MIN_READINGS = 12
MIN_DAYS = 3
#: positions that are averaged; readings without a position are taken as seated
AVERAGED_POSITIONS = (None, "seated")
POSITIONS = ("seated", "standing", "lying")
#: what a cuff can report about a measurement (Blood Pressure Measurement status, 0x2A35)
READING_FLAGS = ("body_movement", "cuff_loose", "irregular_pulse", "position_improper",
                 "pulse_above_range", "pulse_below_range")  # fmt: skip
#: home equivalents of office 160/100 and 140/90 (BP4)
HOME_GATE_SYSTOLIC, HOME_GATE_DIASTOLIC = 145, 90
HOME_HIGH_SYSTOLIC, HOME_HIGH_DIASTOLIC = 135, 85
#: a systolic change this large is beyond measurement error: 1.96 x 7.7 mmHg (BP5, DR20)
SD_DIFFERENCE_SYSTOLIC = 7.7
CHANGE_ERROR_SYSTOLIC = round(1.96 * SD_DIFFERENCE_SYSTOLIC)
#: the trials' average fall in systolic pressure, mmHg (T2.1-T2.5)
TRIAL_FALL_LOW, TRIAL_FALL_HIGH = 5, 9
#: the responder view compares weeks at least this far apart (T2.16)
RESPONDER_WEEKS = 8


@dataclass(frozen=True, slots=True)
class HomeReading:
    at: datetime
    systolic: int
    diastolic: int
    pulse: int | None = None
    position: str | None = None

    @property
    def evening(self) -> bool:
        return self.at.hour >= EVENING_FROM_HOUR


@dataclass(frozen=True, slots=True)
class HomeWeek:
    start: date
    #: every reading of the 7 days, oldest first
    readings: tuple[HomeReading, ...]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=WEEK_DAYS - 1)

    @property
    def used(self) -> tuple[HomeReading, ...]:
        """The readings averaged: days 2-7, seated (BP3)."""
        return tuple(r for r in self.readings
                     if r.at.date() > self.start and r.position in AVERAGED_POSITIONS)  # fmt: skip

    @property
    def first_day_left_out(self) -> int:
        return sum(1 for r in self.readings if r.at.date() == self.start)

    @property
    def days_used(self) -> int:
        return len({r.at.date() for r in self.used})

    @property
    def complete(self) -> bool:
        """Enough readings to decide on (BP3)."""
        return len(self.used) >= MIN_READINGS and self.days_used >= MIN_DAYS

    @property
    def systolic(self) -> float | None:
        used = self.used
        return round(sum(r.systolic for r in used) / len(used), 1) if used else None

    @property
    def diastolic(self) -> float | None:
        used = self.used
        return round(sum(r.diastolic for r in used) / len(used), 1) if used else None

    def over(self, today: date) -> bool:
        return today > self.end

    def day(self, n: int) -> tuple[int, int]:
        """(morning, evening) readings on day `n` (1-7) of the week."""
        on = self.start + timedelta(days=n - 1)
        today = [r for r in self.readings if r.at.date() == on]
        return sum(not r.evening for r in today), sum(r.evening for r in today)

    def label(self) -> str:
        return f"{self.start:%d %b} to {self.end:%d %b %Y}"

    def average_text(self) -> str:
        if self.systolic is None or self.diastolic is None:
            return "no average yet"
        return f"{self.systolic:.0f}/{self.diastolic:.0f} mmHg"

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(), "end": self.end.isoformat(),
            "readings": len(self.readings), "averaged": len(self.used),
            "first_day_left_out": self.first_day_left_out, "days": self.days_used,
            "complete": self.complete, "systolic": self.systolic, "diastolic": self.diastolic,
        }  # fmt: skip


def home_weeks(readings: Sequence[HomeReading]) -> tuple[HomeWeek, ...]:
    """The readings grouped into home weeks, oldest first."""
    ordered = sorted(readings, key=lambda r: r.at)
    weeks: list[list[HomeReading]] = []
    starts: list[date] = []
    for r in ordered:
        day = r.at.date()
        if starts and day <= starts[-1] + timedelta(days=WEEK_DAYS - 1):
            weeks[-1].append(r)
        else:
            starts.append(day)
            weeks.append([r])
    return tuple(HomeWeek(s, tuple(w)) for s, w in zip(starts, weeks, strict=True))


def latest_complete(weeks: Sequence[HomeWeek]) -> HomeWeek | None:
    return next((w for w in reversed(weeks) if w.complete), None)


def gate_high(week: HomeWeek | None) -> bool:
    """A home average at or above the home level of 160/100 in a clinic (DR19)."""
    if week is None or week.systolic is None or week.diastolic is None:
        return False
    return week.systolic >= HOME_GATE_SYSTOLIC or week.diastolic >= HOME_GATE_DIASTOLIC


@dataclass(frozen=True, slots=True)
class Change:
    first: HomeWeek
    latest: HomeWeek

    @property
    def systolic(self) -> float:
        assert self.first.systolic is not None and self.latest.systolic is not None
        return round(self.latest.systolic - self.first.systolic, 1)

    @property
    def diastolic(self) -> float:
        assert self.first.diastolic is not None and self.latest.diastolic is not None
        return round(self.latest.diastolic - self.first.diastolic, 1)

    @property
    def beyond_error(self) -> bool:
        """The systolic change is larger than the usual variation between weeks (DR20)."""
        return abs(self.systolic) >= CHANGE_ERROR_SYSTOLIC

    @property
    def weeks_apart(self) -> int:
        return (self.latest.start - self.first.start).days // 7

    def text(self) -> str:
        way = "fell" if self.systolic < 0 else "rose" if self.systolic > 0 else "did not change"
        size = "" if self.systolic == 0 else f" by {abs(self.systolic):.0f} mmHg"
        error = (
            f"That is more than the {CHANGE_ERROR_SYSTOLIC} mmHg that home averages can differ "
            "by from one week to another without any real change."
            if self.beyond_error
            else f"A change of less than {CHANGE_ERROR_SYSTOLIC} mmHg can be the ordinary "
            "difference between one home week and another, so it may not be a real change."
        )
        return (
            f"Your home systolic average {way}{size} between the week of {self.first.label()} "
            f"and the week of {self.latest.label()} (diastolic {self.diastolic:+.0f} mmHg). "
            f"{error}"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "from": self.first.start.isoformat(), "to": self.latest.start.isoformat(),
            "systolic": self.systolic, "diastolic": self.diastolic,
            "measurement_error_systolic": CHANGE_ERROR_SYSTOLIC,
            "beyond_measurement_error": self.beyond_error, "text": self.text(),
        }  # fmt: skip


def change_since_start(weeks: Sequence[HomeWeek]) -> Change | None:
    """The first complete home week against the latest complete one, when they differ."""
    complete = [w for w in weeks if w.complete]
    if len(complete) < 2:
        return None
    return Change(complete[0], complete[-1])


CAVEATS = (
    "Blood pressure also changes with medicines, weight, salt, alcohol, sleep, stress and the "
    "seasons, so a change cannot be put down to the training alone.",
    "The trials mostly measured blood pressure in a clinic; home readings are usually a little "
    "lower, and the trials' figures are averages: some people's pressure fell more, some not at "
    "all.",
    "Never change or stop a blood-pressure medicine because of these numbers; talk to your "
    "doctor, who may want to see them.",
)


@dataclass(frozen=True, slots=True)
class Responder:
    """After 8 weeks: did the home systolic average fall by what the trials found?"""

    ready: bool
    verdict: str  # not_yet | meaningful | in_line | smaller | no_fall
    text: str
    change: Change | None = None
    caveats: tuple[str, ...] = CAVEATS

    def to_dict(self) -> dict[str, object]:
        return {
            "ready": self.ready, "verdict": self.verdict, "text": self.text,
            "change": None if self.change is None else self.change.to_dict(),
            "trial_fall_systolic": [TRIAL_FALL_LOW, TRIAL_FALL_HIGH],
            "caveats": list(self.caveats),
        }  # fmt: skip


def responder(weeks: Sequence[HomeWeek]) -> Responder:
    """The responder view: the first complete home week against the latest complete one at
    least 8 weeks later, set beside the trials' 5-9 mmHg systolic falls."""
    complete = [w for w in weeks if w.complete]
    if not complete:
        return Responder(False, "not_yet", "Take a home week of readings first: it is the start "
                         "that a later week is compared with.")  # fmt: skip
    first = complete[0]
    due = first.start + timedelta(weeks=RESPONDER_WEEKS)
    later = [w for w in complete if w.start >= due]
    if not later:
        return Responder(False, "not_yet", (
            f"After 8 weeks of training, take another home week (from {due:%d %B %Y}); isohold "
            "then compares it with your first week and with what the trials found."
        ))  # fmt: skip
    change = Change(first, later[-1])
    fall = -change.systolic
    if fall >= TRIAL_FALL_HIGH:
        verdict, words = (
            "meaningful",
            (
                f"Your home systolic pressure fell by {fall:.0f} mmHg: as much as or more than the "
                f"{TRIAL_FALL_LOW}-{TRIAL_FALL_HIGH} mmHg that isometric training lowered it by on "
                "average in the trials."
            ),
        )
    elif fall >= TRIAL_FALL_LOW:
        verdict, words = (
            "in_line",
            (
                f"Your home systolic pressure fell by {fall:.0f} mmHg: in line with the "
                f"{TRIAL_FALL_LOW}-{TRIAL_FALL_HIGH} mmHg that isometric training lowered it by on "
                "average in the trials."
            ),
        )
    elif fall > 0:
        verdict, words = (
            "smaller",
            (
                f"Your home systolic pressure fell by {fall:.0f} mmHg: less than the "
                f"{TRIAL_FALL_LOW}-{TRIAL_FALL_HIGH} mmHg average fall in the trials."
            ),
        )
    else:
        verdict, words = (
            "no_fall",
            (
                "Your home systolic pressure did not fall "
                f"({change.systolic:+.0f} mmHg): the training has not lowered it the way it did "
                "on average in the trials. Talk to your doctor about your blood pressure and what "
                "else may help."
            ),
        )
    if change.beyond_error:
        error = (f"The change is larger than the {CHANGE_ERROR_SYSTOLIC} mmHg that home "
                 "averages can differ by between weeks without a real change.")  # fmt: skip
    else:
        error = (f"It is smaller than the {CHANGE_ERROR_SYSTOLIC} mmHg that home averages can "
                 "differ by between weeks without a real change, so one comparison cannot show "
                 "for sure whether the training worked for you.")  # fmt: skip
    stop = ""
    if gate_high(change.latest):
        stop = (f" Your latest home average is {change.latest.average_text()}, at or above "
                f"{HOME_GATE_SYSTOLIC}/{HOME_GATE_DIASTOLIC}: see your doctor soon.")  # fmt: skip
    return Responder(True, verdict, f"{words} {error}{stop}", change)


def guide(weeks: Sequence[HomeWeek], now: datetime) -> str:
    """What to do now in the guided home week, in plain words."""
    today = now.date()
    current = weeks[-1] if weeks and not weeks[-1].over(today) else None
    how = ("seated, back supported, feet flat, arm resting at heart level, after 5 minutes' "
           "quiet rest; two readings a minute apart")  # fmt: skip
    if current is None:
        return (f"Your next reading starts a home week of 7 days: each morning (before "
                f"breakfast and medicines) and each evening, {how}. The first day is left out "
                "of the average.")  # fmt: skip
    n = (today - current.start).days + 1
    morning, evening = current.day(n)
    slot, done = ("evening", evening) if now.hour >= EVENING_FROM_HOUR else ("morning", morning)
    left = max(0, READINGS_PER_SESSION - done)
    first = " This first day is left out of the average: it gets you used to the routine." \
        if n == 1 else ""  # fmt: skip
    this = (f"take {left} reading{'s' if left != 1 else ''} this {slot}, {how}" if left
            else f"this {slot}'s readings are done")  # fmt: skip
    return f"Day {n} of 7 of your home week ({current.label()}): {this}.{first}"
