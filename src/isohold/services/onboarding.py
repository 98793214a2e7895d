"""Onboarding: a validated profile becomes the person's first (or a new) plan version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from isohold.domain.errors import ConflictError
from isohold.domain.plan import Plan
from isohold.domain.prescription import prescribe
from isohold.domain.profile import parse_profile
from isohold.services.context import Context
from isohold.storage import people, plans


@dataclass(frozen=True)
class Onboarded:
    plan: Plan
    plan_version: int
    profile_version: int


def onboard(ctx: Context, raw_profile: Any, *, replace: bool = False) -> Onboarded:
    """Save the profile and its plan. A second onboarding needs `replace` (history is kept)."""
    profile = parse_profile(raw_profile)
    plan = prescribe(profile, ctx.catalogue)
    now = ctx.now()
    with ctx.db.transaction() as s:
        person = people.the_person(s)
        if person is not None and not replace:
            raise ConflictError(
                "a profile is already saved; use --force to save a new profile and plan "
                "(the earlier ones are kept in the history)"
            )
        if person is None:
            person = people.add_person(s, now)
        pv = people.add_profile(s, person, profile.to_dict(), now)
        row = plans.add_plan(
            s, person, plan, reason="onboarding", now=now, profile_version_id=pv.id
        )
        return Onboarded(plan=plan, plan_version=row.version, profile_version=pv.version)
