"""Education topics for the person: the domain rules (domain/education.py) fed with the
profile's conditions and goals, and a topic in the shape the CLI and the API print."""

from __future__ import annotations

from typing import Any

from isohold.domain import education as ed
from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue
from isohold.domain.profile import parse_profile
from isohold.services.context import Context, require_person
from isohold.services.today import Today
from isohold.storage import people


def topic_named(catalogue: Catalogue, ident: str) -> ed.Topic:
    found = catalogue.education.get(ident)
    if found is None:
        known = ", ".join(catalogue.education)
        raise InputError("topic", f"{str(ident)[:40]!r} is not a topic; allowed: {known}")
    return found


def topic_dict(t: ed.Topic, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "id": t.id, "title": t.title, "summary": t.summary, "body": list(t.body),
        "stop": t.stop, "minutes": round(t.minutes, 2), "evidence": t.evidence,
        "rows": list(t.rows), "sources": catalogue.refs(t.sources),
    }  # fmt: skip


def _person(ctx: Context) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The saved profile's conditions and goals (none before onboarding)."""
    with ctx.db.reading() as s:
        person = require_person(s)
        saved = people.latest_profile(s, person)
        if saved is None:
            return (), ()
        profile = parse_profile(saved.data)
    return profile.conditions, profile.goals


def for_plan(ctx: Context) -> list[ed.Topic]:
    conditions, goals = _person(ctx)
    return ed.for_plan(ctx.catalogue.education, conditions, goals)


#: day-gate codes that put blood pressure first: a reading to take, one too high for heavy holds
BP_GATES = ("measure_first", "no_bp_training")


def for_today(ctx: Context, view: Today) -> ed.Topic | None:
    """One topic for the Today page: the flare-up plan after a severe morning flare, blood
    pressure and breathing when the day's gate is about blood pressure, else one in turn."""
    signals = set()
    if view.morning_advice:
        signals.add("flare")
    elif view.gate.code in BP_GATES or view.gate.code == "no_exercise":
        signals.add("bp_gate")  # no exercise without a flare: a very high reading
    conditions, goals = _person(ctx)
    return ed.for_today(ctx.catalogue.education, conditions, goals, signals, view.day)


def for_decisions(ctx: Context, actions: list[str]) -> list[ed.Topic]:
    """The topics that explain these review actions, each once, in the actions' order."""
    conditions, goals = _person(ctx)
    topics = ctx.catalogue.education
    found = [t for a in actions for t in ed.for_decision(topics, a, conditions, goals)]
    return list({t.id: t for t in found}.values())
