"""Alerts per patient: the recorded data of the last days, gathered for many patients at once
(storage/alerts.py), judged by the domain's rules (domain/alerts.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from isohold.domain.alerts import (
    Alert,
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
from isohold.domain.models import Catalogue
from isohold.domain.pain import ACCEPTABLE_PAIN
from isohold.services.context import Context
from isohold.storage import alerts as store


def gather(
    s: Session, person_ids: Collection[int], today: date, catalogue: Catalogue, window_days: int
) -> dict[int, Facts]:
    """Each patient's facts over the last `window_days` days up to `today`."""
    ids = list(person_ids)
    first = today - timedelta(days=window_days - 1)
    since = datetime.combine(first, time())
    plans = store.current_plans(s, ids)
    profiles = store.latest_profiles(s, ids)
    trainings = store.sessions_since(s, ids, first)
    limits = store.plan_limits(s, {t.plan_version_id for t in trainings})
    pains = store.worst_pains(s, ids, first)
    usual = store.usual_pains(s, ids)
    monday = today - timedelta(days=today.weekday())
    desk = {
        week: store.desk_counts(
            s,
            ids,
            datetime.combine(week, time()),
            datetime.combine(week + timedelta(days=7), time()),
        )
        for week in (monday - timedelta(days=14), monday - timedelta(days=7))
    }
    by: dict[str, dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
    last: dict[int, tuple[int, date]] = {}
    for t in trainings:
        by["sessions"][t.person_id].append(
            SessionFact(
                t.id,
                t.day,
                t.started_at,
                t.status,
                t.note,
                limits.get(t.plan_version_id) or ACCEPTABLE_PAIN,
                tuple(sorted(pains.get(t.id, {}).items())),
            )
        )
        if t.has_sets:
            last[t.person_id] = (t.id, t.day)
    last.update(store.last_sessions(s, [pid for pid in ids if pid not in last]))
    for c in store.checkins_since(s, ids, first):
        by["checkins"][c.person_id].append(CheckinFact(c.id, c.day, c.pain))
    for r in store.readings_since(s, ids, since):
        by["readings"][r.person_id].append(
            ReadingFact(r.id, r.measured_at, r.systolic, r.diastolic)
        )
    reviews: dict[int, dict[int, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    made_at: dict[int, datetime] = {}
    for d in store.decisions_since(s, ids, since):
        reviews[d.person_id][d.to_plan_version_id].append((d.exercise, d.action))
        made_at[d.to_plan_version_id] = d.created_at
    out = {}
    for pid in ids:
        plan, profile = plans.get(pid), profiles.get(pid)
        answers = profile.data if profile is not None else {}
        out[pid] = Facts(
            today=today,
            usual=usual.get(pid, answers.get("pain_now")) if plan is not None else None,
            sessions=tuple(by["sessions"][pid]),
            checkins=tuple(by["checkins"][pid]),
            readings=tuple(by["readings"][pid]),
            bp_cleared=bool(answers.get("bp_cleared")),
            reviews=tuple(ReviewFact(v, made_at[v], tuple(d)) for v, d in reviews[pid].items()),
            flags=_flags(answers, catalogue),
            profile_id=profile.id if profile is not None else None,
            profile_at=profile.created_at if profile is not None else None,
            training=plan is not None and plan.limit is not None and plan.status != "refer",
            plan_since=plan.created_at.date() if plan is not None else None,
            last_session=last.get(pid),
            desk_weeks=tuple(
                DeskWeekFact(week, *counts[pid]) for week, counts in desk.items() if pid in counts
            ),
        )
    return out


def _flags(answers: dict[str, Any], catalogue: Catalogue) -> tuple[FlagFact, ...]:
    cleared = set(answers.get("cleared_flags") or ())
    out = []
    for code in answers.get("red_flags") or ():
        if code in cleared:
            continue
        flag = catalogue.red_flags.get(code)
        out.append(
            FlagFact(code, flag.meaning if flag else code, flag.urgency if flag else "urgent")
        )
    return tuple(out)


def alerts_of(
    ctx: Context,
    person_ids: Collection[int],
    limits: Thresholds,
    today: date | None = None,
    hidden: dict[int, frozenset[str]] | None = None,
) -> dict[int, tuple[Alert, ...]]:
    """Each patient's alerts, most urgent first, leaving out the keys in `hidden` (those a
    clinician acknowledged)."""
    today = today or ctx.now().date()
    names = {e.id: e.name for e in ctx.catalogue.exercises.values()}
    hidden = hidden or {}
    with ctx.db.reading() as s:
        facts = gather(s, person_ids, today, ctx.catalogue, limits.window_days)
    return {
        pid: tuple(a for a in alerts(f, names, limits) if a.key not in hidden.get(pid, ()))
        for pid, f in facts.items()
    }
