"""Today's view is computed once per change of the person's data and kept: every kind of write
(here, in another process, or through an import) and the day's turn must leave no stale view.

Each test warms the kept view, writes, and checks the view it then gets equals one computed
from scratch (a new context: nothing kept) and differs from the view before the write, so a
write that forgot to invalidate the kept view fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from isohold.domain.ids import new_uuid
from isohold.services import checkins, desk_breaks, fhir, log, sessions, today
from isohold.services.context import Context
from isohold.services.onboarding import edit_profile, onboard
from isohold.services.today import Today
from isohold.storage import versions
from isohold.storage.database import open_database
from tests.support.clocks import FakeClock
from tests.support.profiles import profile_dict

HYPERTENSION = profile_dict(
    conditions=["low_back_pain", "hypertension"], equipment=["wall"], bp_medicated=True,
    resting_bp={"systolic": 150, "diastolic": 95},
)  # fmt: skip


def _fresh(ctx: Context) -> Today:
    """Today's view computed from the database alone, by a context that keeps nothing."""
    return today.today(Context(ctx.db, ctx.catalogue, now=ctx.now))


def _kept_is_current(ctx: Context, before: Today) -> Today:
    after = today.today(ctx)
    assert after == _fresh(ctx), "the kept view is stale"
    assert after != before, "the write should have changed today's view"
    return after


def _done(exercise: str = "bird-dog", **kw: object) -> sessions.SetDone:
    fields: dict[str, object] = {"set_number": 1, "side": "left", "reps_done": 4, "hold_s": 10.0}
    fields.update(kw)
    return sessions.SetDone(exercise, uuid=new_uuid(), **fields)  # type: ignore[arg-type]


@pytest.fixture
def onboarded(ctx: Context) -> Context:
    onboard(ctx, profile_dict())
    return ctx


def _start(ctx: Context) -> str:
    return sessions.start(ctx).uuid


def _set(ctx: Context) -> None:
    sessions.record_set(ctx, _start(ctx), _done())


def _finish_complete(ctx: Context) -> None:
    uuid = _start(ctx)
    sessions.record_set(ctx, uuid, _done())
    sessions.finish(ctx, uuid, "complete")


def _finish_stopped(ctx: Context) -> None:
    uuid = _start(ctx)
    sessions.record_set(ctx, uuid, _done())
    sessions.finish(ctx, uuid, "stopped", "pain went up")


def _severe_report(ctx: Context) -> None:
    uuid = _start(ctx)
    sessions.record_set(ctx, uuid, _done())
    sessions.report_exercise(ctx, uuid, "bird-dog", 8, 5, new_uuid())


def _checkin(ctx: Context) -> None:
    checkins.checkin(ctx, 3, 2, uuid=new_uuid())


def _flare(ctx: Context) -> None:
    checkins.checkin(ctx, 9, 8, uuid=new_uuid())


def _profile(ctx: Context) -> None:
    edit_profile(ctx, {"conditions": ["neck_pain"]})


def _logged_set(ctx: Context) -> None:
    log.log_set(ctx, _done())


WRITES: dict[str, Callable[[Context], None]] = {
    "a session started (one to resume)": _start,
    "a set recorded": _set,
    "a session completed": _finish_complete,
    "a session stopped early": _finish_stopped,
    "severe pain reported after an exercise": _severe_report,
    "a morning check-in": _checkin,
    "a severe morning flare": _flare,
    "a changed profile (a new plan version)": _profile,
    "a set logged without the coach": _logged_set,
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_kind_of_write_leaves_no_stale_view(
    onboarded: Context, write: Callable[[Context], None]
) -> None:
    before = today.today(onboarded)
    write(onboarded)
    _kept_is_current(onboarded, before)


@pytest.mark.parametrize("reading", [(185, 115), (165, 102), (128, 82)])
def test_a_blood_pressure_reading_changes_the_days_gate(
    ctx: Context, reading: tuple[int, int]
) -> None:
    onboard(ctx, HYPERTENSION)
    before = today.today(ctx)
    assert before.gate.code == "measure_first"
    checkins.record_bp(ctx, checkins.parse_bp(f"{reading[0]}/{reading[1]}"), uuid=new_uuid())
    after = _kept_is_current(ctx, before)
    assert after.gate.code != "measure_first"


def test_a_write_by_another_process_is_seen(onboarded: Context, db_url: str) -> None:
    """Another process (the command line, another server worker) has its own connections and
    keeps its own views: its write reaches this one through the data version in the database."""
    before = today.today(onboarded)
    other = Context(open_database(db_url), onboarded.catalogue, now=onboarded.now)
    try:
        _finish_complete(other)
    finally:
        other.close()
    assert _kept_is_current(onboarded, before).done_today


def test_the_next_day_gets_its_own_view(onboarded: Context, clock: FakeClock) -> None:
    _checkin(onboarded)
    _finish_complete(onboarded)
    before = today.today(onboarded)
    assert before.done_today and before.checkin is not None
    clock.advance(days=1)
    after = _kept_is_current(onboarded, before)
    assert not after.done_today and after.checkin is None


def test_a_reading_stamped_later_today_counts_from_its_time(ctx: Context, clock: FakeClock) -> None:
    """A reading imported with a later time today (another app's) changes nothing in the
    database when its time comes: the kept view still ends then."""
    onboard(ctx, HYPERTENSION)
    later = clock.at + timedelta(hours=2)
    checkins.record_bp(ctx, checkins.parse_bp("185/115"), uuid=new_uuid(), measured_at=later)
    before = today.today(ctx)
    assert before.gate.code == "measure_first" and before == _fresh(ctx)
    clock.advance(hours=2)
    assert _kept_is_current(ctx, before).gate.code == "no_exercise"


def test_an_imported_reading_is_seen(ctx: Context) -> None:
    onboard(ctx, HYPERTENSION)
    before = today.today(ctx)
    at = ctx.now().replace(tzinfo=None).isoformat()
    bundle = {
        "resourceType": "Bundle", "type": "collection",
        "entry": [{"resource": {
            "resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
            "effectiveDateTime": at + "+00:00",
            "component": [
                {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                 "valueQuantity": {"value": 185, "unit": "mm[Hg]",
                                   "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
                {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
                 "valueQuantity": {"value": 115, "unit": "mm[Hg]",
                                   "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}},
            ],
        }}],
    }  # fmt: skip
    fhir.import_bp(ctx, bundle)
    assert _kept_is_current(ctx, before).gate.code != "measure_first"


def test_desk_settings_and_every_other_write_bump_the_data_version(onboarded: Context) -> None:
    """Writes that today's view does not show today (desk settings, desk breaks) still move
    the version: whatever is computed from the data is computed again."""
    first = versions.stamp(onboarded.db)
    desk_breaks.update_settings(onboarded, {"interval_min": 45}, onboarded.now())
    second = versions.stamp(onboarded.db)
    assert first is not None and second is not None
    assert second[2] > first[2] and second[:2] == first[:2]


def test_an_unchanged_day_is_computed_once(
    onboarded: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[datetime] = []
    compute = today._compute

    def counting(ctx: Context, now: datetime) -> tuple[Today, datetime]:
        calls.append(now)
        return compute(ctx, now)

    monkeypatch.setattr(today, "_compute", counting)
    first = today.today(onboarded)
    for _ in range(5):
        assert today.today(onboarded) is first
    assert len(calls) == 1
    _checkin(onboarded)
    today.today(onboarded)
    assert len(calls) == 2


def test_no_profile_yet_is_the_same_error(ctx: Context) -> None:
    from isohold.domain.errors import NoProfileError

    with pytest.raises(NoProfileError):
        today.today(ctx)
