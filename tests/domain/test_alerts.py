"""The alert rules over plain facts: each rule, its urgency and its evidence, the window and
the order (most urgent first, then newest)."""

from __future__ import annotations

from datetime import date, datetime

from isohold.domain.alerts import (
    ACT_NOW,
    SOON,
    WATCH,
    CheckinFact,
    DeskWeekFact,
    Facts,
    FlagFact,
    ReadingFact,
    ReviewFact,
    SessionFact,
    Thresholds,
    alerts,
)
from isohold.domain.escalation import STOP_WARNING

TODAY = date(2026, 11, 20)  # a Friday
NAMES = {"wall-sit": "Wall sit"}


def _session(i: int, day: date, status: str = "complete", pain: int | None = None,
             note: str | None = None) -> SessionFact:  # fmt: skip
    pains = () if pain is None else (("wall-sit", pain),)
    return SessionFact(i, day, datetime.combine(day, datetime.min.time()), status, note, 5, pains)


def _codes(facts: Facts, limits: Thresholds | None = None) -> list[tuple[str, int]]:
    return [(a.code, a.urgency) for a in alerts(facts, NAMES, limits)]


def test_nothing_to_say_about_a_good_week() -> None:
    sessions = tuple(_session(i, date(2026, 11, 16 + i), pain=2) for i in range(4))
    facts = Facts(TODAY, usual=3, sessions=sessions, training=True, plan_since=date(2026, 11, 9),
                  last_session=(3, date(2026, 11, 19)),
                  checkins=(CheckinFact(1, date(2026, 11, 17), 3),))  # fmt: skip
    assert alerts(facts, NAMES) == ()


def test_a_stopped_session_says_why() -> None:
    warning = _session(1, date(2026, 11, 18), "stopped", note=STOP_WARNING)
    severe = _session(2, date(2026, 11, 17), "stopped", pain=8)
    limit = _session(3, date(2026, 11, 16), "stopped", pain=6)
    found = alerts(Facts(TODAY, usual=2, sessions=(limit, severe, warning)), NAMES)
    assert [(a.code, a.urgency, a.evidence.id) for a in found] == [
        ("warning_sign", ACT_NOW, 1),
        ("stop_rule", ACT_NOW, 2),
        ("stop_rule", SOON, 3),
    ]
    assert "severe pain (8/10 during Wall sit)" in found[1].text
    assert "above the limit of 5/10 (6/10 during Wall sit)" in found[2].text
    assert found[0].key == "warning_sign:session:1"


def test_pain_above_the_limit_in_a_session_that_went_on() -> None:
    assert _codes(Facts(TODAY, usual=2, sessions=(_session(1, TODAY, pain=6),))) == [
        ("pain_above_limit", SOON)
    ]
    # within the person's usual pain it is not a flare
    assert _codes(Facts(TODAY, usual=6, sessions=(_session(1, TODAY, pain=6),))) == []


def test_mornings_after_a_session() -> None:
    trained = (_session(1, date(2026, 11, 18), pain=2),)
    worse = CheckinFact(5, date(2026, 11, 19), 4)
    assert _codes(Facts(TODAY, usual=3, sessions=trained, checkins=(worse,))) == [
        ("morning_worse", WATCH)
    ]
    # no session the day before: an ordinary morning
    assert _codes(Facts(TODAY, usual=3, checkins=(worse,))) == []
    flare = CheckinFact(6, date(2026, 11, 20), 7)
    assert _codes(Facts(TODAY, usual=3, checkins=(flare,))) == [("morning_flare", ACT_NOW)]


def test_readings_give_one_alert_for_the_highest_level() -> None:
    at = datetime(2026, 11, 18, 8, 0)
    gate = ReadingFact(1, at, 162, 95)
    gate2 = ReadingFact(2, at.replace(day=19), 150, 101)
    assert [
        (a.code, a.urgency, a.evidence.id)
        for a in alerts(Facts(TODAY, readings=(gate, gate2)), NAMES)
    ] == [("bp_gate", SOON, 2)]
    assert "2 readings at or above 160/100" in alerts(Facts(TODAY, readings=(gate, gate2)),
                                                      NAMES)[0].text  # fmt: skip
    assert _codes(Facts(TODAY, readings=(gate,), bp_cleared=True)) == [("bp_gate", WATCH)]
    refer = ReadingFact(3, at, 181, 90)
    assert _codes(Facts(TODAY, readings=(gate, refer))) == [("bp_refer", ACT_NOW)]


def test_reviews_that_eased_or_stopped() -> None:
    at = datetime(2026, 11, 16, 9, 0)
    eased = ReviewFact(4, at, (("wall-sit", "regress"), ("plank", "progress")))
    stopped = ReviewFact(5, at, (("wall-sit", "stop"),))
    quiet = ReviewFact(6, at, (("wall-sit", "progress"),))
    assert _codes(Facts(TODAY, reviews=(eased, stopped, quiet))) == [
        ("review_stopped", SOON),
        ("review_eased", WATCH),
    ]
    assert "eased off Wall sit" in alerts(Facts(TODAY, reviews=(eased,)), NAMES)[0].text


def test_red_flags_take_the_catalogue_urgency() -> None:
    flag = FlagFact("fever", "possible infection", "urgent")
    facts = Facts(TODAY, flags=(flag,), profile_id=3, profile_at=datetime(2026, 11, 19, 10))
    found = alerts(facts, NAMES)
    assert [(a.code, a.urgency, a.evidence.kind, a.evidence.id) for a in found] == [
        ("red_flag", ACT_NOW, "profile", 3)
    ]
    routine = FlagFact("x", "something to mention", "routine")
    assert _codes(Facts(TODAY, flags=(routine,), profile_id=3,
                        profile_at=datetime(2026, 11, 19))) == [("red_flag", WATCH)]  # fmt: skip


def test_no_session_for_n_days() -> None:
    base = Facts(TODAY, training=True, plan_since=date(2026, 11, 1))
    assert _codes(base) == [("no_session", WATCH)]  # none since the plan began
    recent = Facts(TODAY, training=True, plan_since=date(2026, 11, 1),
                   last_session=(9, date(2026, 11, 14)))  # fmt: skip
    assert _codes(recent) == []  # 6 days
    assert _codes(recent, Thresholds(inactive_days=5)) == [("no_session", WATCH)]
    assert "No session for 6 days" in alerts(recent, NAMES, Thresholds(inactive_days=5))[0].text
    # a plan without a program (a referral) asks for no sessions
    assert _codes(Facts(TODAY, training=False, plan_since=date(2026, 11, 1))) == []


def test_desk_adherence_of_the_last_finished_week() -> None:
    low = DeskWeekFact(date(2026, 11, 9), 3, 10)
    this_week = DeskWeekFact(date(2026, 11, 16), 0, 10)  # not over yet
    assert _codes(Facts(TODAY, desk_weeks=(low, this_week))) == [("desk_adherence", WATCH)]
    assert _codes(Facts(TODAY, desk_weeks=(DeskWeekFact(date(2026, 11, 9), 6, 10),))) == []
    assert _codes(Facts(TODAY, desk_weeks=(DeskWeekFact(date(2026, 11, 9), 0, 3),))) == []


def test_the_window_leaves_older_data_out() -> None:
    old = _session(1, date(2026, 11, 1), "stopped", pain=8)
    assert _codes(Facts(TODAY, usual=2, sessions=(old,))) == []
    assert _codes(Facts(TODAY, usual=2, sessions=(old,)), Thresholds(window_days=30)) == [
        ("stop_rule", ACT_NOW)
    ]
