"""Onboarding: a validated profile becomes the person's first (or a new) plan version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.orm import Session

from isohold.domain.carry import carry_progress
from isohold.domain.errors import ProfileExistsError
from isohold.domain.plan import Plan
from isohold.domain.prescription import prescribe
from isohold.domain.profile import parse_profile
from isohold.domain.restrictions import restrictions_for
from isohold.services.context import Context
from isohold.storage import people, plans
from isohold.storage.models import Person, PlanVersion


@dataclass(frozen=True)
class Onboarded:
    plan: Plan
    plan_version: int
    profile_version: int


class SaveHook(Protocol):
    """What a caller checks and records in the same transaction as a changed profile's plan
    (a clinician's clearance, services/clearances.py)."""

    def check(self, s: Session, person: Person, current: PlanVersion | None, plan: Plan) -> None:
        """Before saving: raise to save nothing."""

    def saved(self, s: Session, current: PlanVersion | None, row: PlanVersion) -> None:
        """After the new plan version `row` is added."""


def onboard(
    ctx: Context, raw_profile: Any, *, replace: bool = False, hook: SaveHook | None = None,
    reason: str = "onboarding",
) -> Onboarded:  # fmt: skip
    """Save the profile and its plan. A second onboarding needs `replace` (history is kept);
    exercises that stay keep the dose the weekly reviews had reached (domain/carry.py) and a
    wall squat keeps the angle of the latest wall-squat test (services/wall_squat.py)."""
    from isohold.services.wall_squat import with_saved_angle

    profile = parse_profile(raw_profile)
    plan = prescribe(profile, ctx.catalogue)
    now = ctx.now()
    with ctx.db.transaction() as s:
        person = people.the_person(s)
        # a clinic's patient has a person from the start, with no profile until onboarding
        if person is not None and not replace and people.latest_profile(s, person) is not None:
            raise ProfileExistsError(
                "a profile is already saved; save a new profile and plan over it to change "
                "your answers (the earlier ones are kept in the history)"
            )
        current = None
        if person is None:
            person = people.add_person(s, now)
        else:
            current = plans.current_plan(s, person)
            previous = plans.plan_of(current) if current is not None else None
            limits = restrictions_for(profile, ctx.catalogue)
            plan = carry_progress(plan, previous, limits, ctx.catalogue)
            plan = with_saved_angle(s, person, plan, ctx.catalogue)
        if hook is not None:
            hook.check(s, person, current, plan)
        pv = people.add_profile(s, person, profile.to_dict(), now)
        row = plans.add_plan(s, person, plan, reason=reason, now=now, profile_version_id=pv.id)
        if hook is not None:
            hook.saved(s, current, row)
        return Onboarded(plan=plan, plan_version=row.version, profile_version=pv.version)


def current_profile(ctx: Context) -> dict[str, Any]:
    """The saved profile (contract 1), to show or change one answer."""
    from isohold.services.context import require_person

    with ctx.db.reading() as s:
        saved = people.latest_profile(s, require_person(s))
        assert saved is not None
        return dict(saved.data)


def edit_profile(
    ctx: Context, changes: dict[str, Any], *, hook: SaveHook | None = None,
    reason: str = "onboarding",
) -> Onboarded:  # fmt: skip
    """Change some answers of the saved profile and save the new plan, keeping progress."""
    profile = {**current_profile(ctx), **changes}
    kept = {k: v for k, v in profile.items() if v is not None}
    return onboard(ctx, kept, replace=True, hook=hook, reason=reason)
