"""Guided or logged training sessions: start (or resume), record each set as it completes,
report pain and effort per exercise, and finish as complete, partial or stopped."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy.orm import Session

from isohold.domain import record_rules as rules
from isohold.domain.day_gate import LeftOut
from isohold.domain.errors import BusyError, ConflictError, InputError, NotFoundError
from isohold.domain.escalation import Verdict, after_exercise
from isohold.domain.ids import check_uuid
from isohold.domain.plan import Plan
from isohold.domain.vocabulary import SIDES
from isohold.services import gate
from isohold.services.context import Context, require_person
from isohold.storage import plans
from isohold.storage import sessions as store
from isohold.storage.models import PlanVersion, TrainingSession
from isohold.storage.records import by_uuid

FINISHED = ("complete", "partial", "stopped")
#: how often a batch of sets the database refused as busy is written (and the pause before
#: the next try, growing with each): another process's writer held SQLite past its busy
#: timeout, or PostgreSQL ended the batch to break a deadlock
BUSY_TRIES = 5
BUSY_PAUSE_S = 0.05


@dataclass(frozen=True)
class SetDone:
    exercise: str
    set_number: int
    side: str
    reps_done: int
    hold_s: float
    uuid: str | None = None
    load_value: float | None = None
    effort: int | None = None
    pain_during: int | None = None


@dataclass(frozen=True)
class SessionState:
    uuid: str
    status: str
    started_at: datetime
    plan_version: int
    plan: Plan
    #: (exercise, set_number, side) already saved: a resumed session skips them
    done: frozenset[tuple[str, int, str]] = field(default_factory=frozenset)
    reported: frozenset[str] = field(default_factory=frozenset)
    #: blocks today's gate leaves out, and why (services/gate.py)
    left_out: tuple[LeftOut, ...] = ()
    #: what today's gate says (a blood-pressure verdict, or empty)
    gate_text: str = ""
    gate_code: str = "go"

    @property
    def skipped(self) -> frozenset[str]:
        return frozenset(x.exercise for x in self.left_out)


@dataclass(frozen=True)
class Reported:
    """A pain report saved (False: a replay) and what it means for the session."""

    saved: bool
    verdict: Verdict


def _state(s: Session, training: TrainingSession) -> SessionState:
    version = s.get(PlanVersion, training.plan_version_id)
    assert version is not None
    sets = store.sets_of(s, training.id)
    return SessionState(
        uuid=training.uuid,
        status=training.status,
        started_at=training.started_at,
        plan_version=version.version,
        plan=plans.plan_of(version),
        done=frozenset((r.exercise, r.set_number, r.side) for r in sets),
        reported=frozenset(r.exercise for r in store.reports_of(s, training.id)),
    )


def interrupted(ctx: Context) -> list[SessionState]:
    """Sessions left open by a crash, a closed terminal or kill -9: they can be resumed."""
    with ctx.db.reading() as s:
        person = require_person(s)
        return [_state(s, t) for t in store.open_sessions(s, person)]


def start(
    ctx: Context,
    uuid: str | None = None,
    *,
    resume: str | None = None,
    close_others: bool = True,
) -> SessionState:
    """Start a session on the current plan, or resume an interrupted one by its UUID.

    With `close_others`, sessions still open (interrupted) are marked partial: their completed
    sets stay saved. A set logged beside a running coach leaves the coach's session alone.
    Nothing starts after a referral or on a day with no exercise (today's gate); the blocks the
    gate leaves out come back in `left_out`.
    """
    today = gate.today(ctx)
    if not today.exercise_allowed:
        raise ConflictError(today.text)
    if resume is None and today.left_out:
        with ctx.db.reading() as s:
            version = plans.current_plan(s, require_person(s))
            planned = {b.exercise for b in version.blocks} if version is not None else set()
        if planned and planned <= today.skipped:
            names = {e.id: e.name for e in ctx.catalogue.exercises.values()}
            reasons = "; ".join(f"{names.get(x.exercise, x.exercise)}: {x.text}"
                                for x in today.left_out)  # fmt: skip
            raise ConflictError(
                f"every hold in today's plan is left out today ({reasons}). {today.text}".strip()
            )
    state = _start(ctx, uuid, resume=resume, close_others=close_others)
    return replace(state, left_out=today.left_out, gate_text=today.text, gate_code=today.code)


def _start(
    ctx: Context, uuid: str | None, *, resume: str | None, close_others: bool
) -> SessionState:
    now = ctx.now()
    with ctx.db.transaction() as s:
        person = require_person(s)
        if resume is not None:
            training = by_uuid(s, TrainingSession, check_uuid(resume, "resume"))
            if training is None or training.person_id != person.id:
                raise NotFoundError(f"no session {resume}")
            training.status = store.OPEN
            return _state(s, training)
        version = plans.current_plan(s, person)
        if version is None or not version.blocks:
            raise NotFoundError("the current plan has no exercises to do")
        wanted = check_uuid(uuid)
        for other in store.open_sessions(s, person) if close_others else ():
            if other.uuid != wanted:
                other.status = "partial"
                other.ended_at = other.ended_at or now
        training, _ = store.start(s, person, version.id, wanted, now)
        return _state(s, training)


def _open_session(s: Session, uuid: str) -> TrainingSession:
    training = by_uuid(s, TrainingSession, check_uuid(uuid, "session"))
    if training is None:
        raise NotFoundError(f"no session {uuid}")
    return training


def _planned(
    s: Session, plan_version_id: int, exercise: str
) -> tuple[int, float, str, float | None]:
    dose = plans.planned_dose(s, plan_version_id, exercise)
    if dose is None:
        raise InputError("exercise", f"{exercise!r} is not in this session's plan")
    return dose


def record_set(ctx: Context, session_uuid: str, done: SetDone) -> bool:
    """Save one completed set (committed at once). Returns False when this UUID was saved before."""
    (result,) = record_sets(ctx, [(session_uuid, done)])
    if isinstance(result, Exception):
        raise result
    return result


def record_sets(ctx: Context, items: list[tuple[str, SetDone]]) -> list[bool | Exception]:
    """Save several sets in one transaction (one disk sync): group commit for concurrent
    writers. Each item gets its own result: True stored, False a replay, or the error that
    refused it (the others are still saved).

    Several server processes each commit their own batches into one database: the sets are
    written in UUID order (two batches holding the same replayed sets take their locks in the
    same order), and a batch the database refuses as busy (BusyError: rolled back, nothing
    saved) is written again, each set with the UUID it was given the first time, so a retry
    can neither lose a set nor store one twice."""
    results: list[bool | Exception] = []
    writes: list[tuple[int, str, SetDone]] = []
    for index, (session_uuid, done) in enumerate(items):
        try:
            _check_set(done)
            session = check_uuid(session_uuid, "session")
            writes.append((index, session, replace(done, uuid=check_uuid(done.uuid))))
            results.append(False)  # replaced by what the write says
        except InputError as error:
            results.append(error)
    writes.sort(key=lambda w: str(w[2].uuid))
    now = ctx.now()
    for attempt in range(1, BUSY_TRIES + 1):
        try:
            written = _write_sets(ctx, writes, now)
            break
        except BusyError:
            if attempt == BUSY_TRIES:
                raise
            time.sleep(BUSY_PAUSE_S * attempt)
    for (index, _session, _done), result in zip(writes, written, strict=True):
        results[index] = result
    return results


def _write_sets(
    ctx: Context, writes: list[tuple[int, str, SetDone]], now: datetime
) -> list[bool | Exception]:
    rows = [{"session": s, **vars(done), "completed_at": now} for _i, s, done in writes]
    with ctx.db.connection() as conn:
        stored = store.insert_sets(conn, rows)
        results: list[bool | Exception] = []
        for (_index, session, done), saved in zip(writes, stored, strict=True):
            if saved is not None:
                results.append(saved)
            elif not store.session_exists(conn, session):
                results.append(NotFoundError(f"no session {session}"))
            else:
                results.append(
                    InputError("exercise", f"{done.exercise!r} is not in this session's plan")
                )
    return results


def _check_set(done: SetDone) -> None:
    """The same rules as every other way in (domain/record_rules.py)."""
    _check_scores(done.effort, "effort")
    _check_scores(done.pain_during, "pain_during")
    if done.side not in SIDES:
        raise InputError("side", f"must be one of {', '.join(SIDES)}, got {done.side!r}")
    rules.whole(done.set_number, "set_number", rules.SET_NUMBER)
    rules.whole(done.reps_done, "reps_done", rules.REPS)
    rules.number(done.hold_s, "hold_s", rules.HOLD_S)
    rules.number(done.load_value, "load_value", rules.LOAD, optional=True)


def report_exercise(
    ctx: Context,
    session_uuid: str,
    exercise: str,
    pain_during: int,
    effort: int | None = None,
    uuid: str | None = None,
    *,
    warning: bool = False,
) -> Reported:
    """Pain (0-10) and effort (0-10) after an exercise, and whether a warning sign came (chest
    pain, dizziness, new numbness, unusual breathlessness). Saved once per UUID; the verdict
    (go on, or stop the session and why) follows the escalation rules for everyone."""
    from isohold.services.progress import baseline_pain

    _check_scores(pain_during, "pain_during")
    _check_scores(effort, "effort")
    with ctx.db.transaction() as s:
        training = _open_session(s, session_uuid)
        _planned(s, training.plan_version_id, exercise)
        version = s.get(PlanVersion, training.plan_version_id)
        assert version is not None
        plan = plans.plan_of(version)
        limit = plan.program.max_pain_during if plan.program is not None else 5
        usual = baseline_pain(s, require_person(s), version)
        _, created = store.add_report(
            s,
            training,
            check_uuid(uuid),
            exercise=exercise,
            pain_during=pain_during,
            effort=effort,
            created_at=ctx.now(),
        )
    verdict = after_exercise(pain_during, limit, warning=warning, usual=usual)
    return Reported(saved=created, verdict=verdict)


def finish(ctx: Context, session_uuid: str, status: str, note: str | None = None) -> None:
    if status not in FINISHED:
        raise InputError("status", f"must be one of {', '.join(FINISHED)}")
    with ctx.db.transaction() as s:
        training = _open_session(s, session_uuid)
        training.status = status
        training.ended_at = ctx.now()
        training.note = note


def _check_scores(value: int | None, field: str) -> None:
    if value is not None and not (isinstance(value, int) and 0 <= value <= 10):
        raise InputError(field, f"must be a whole number from 0 to 10, got {value!r}")
