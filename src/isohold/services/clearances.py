"""A clinician clears an item of a linked patient's answers (contract 1): their blood pressure
for isometric training (`bp_cleared`) or a red flag they answered yes to (`cleared_flags`).

The answer is changed through the profile edit every front-end uses
(services/onboarding.edit_profile), so the day's gate, the coaches and the plan see it at
once; that makes a new plan version, recorded with the clinician, the note and the item
(storage/plan_edits.py, kind "cleared"), which the patient's Today and Plan show.

A profile edit makes the plan again from the answers, keeping the doses the weekly reviews
and the clinician reached (domain/carry.py) but not a clinician's other changes (a swapped
exercise, a side, an angle, a template). A clearance that would undo such a change is refused
(ConflictError, 409, naming the blocks) and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.domain.errors import ConflictError, InputError, NoProfileError
from isohold.domain.plan import Plan
from isohold.domain.plan_diff import plan_diff
from isohold.services.accounts import utc
from isohold.services.context import Context, require_person
from isohold.services.onboarding import current_profile, edit_profile
from isohold.services.signin import Who
from isohold.storage import people, plans
from isohold.storage import plan_edits as store
from isohold.storage.models import Person, PlanVersion
from isohold.storage.workspace_models import PlanEdit

BP = "bp"
MAX_NOTE_CHARS = 500
WOULD_UNDO = (
    "Clearing this makes the plan again from the patient's answers, which would undo your "
    "earlier changes to: {blocks} (only doses are kept). Nothing was changed. Clear it before "
    "those changes, or make them again after clearing."
)


def _parts(body: object) -> tuple[str, str]:
    if not isinstance(body, dict):
        raise InputError("body", 'must be an object: {"item", "note"}')
    item, note = body.get("item"), body.get("note")
    if not isinstance(item, str) or not item.strip():
        raise InputError("item", 'give "bp" or the code of a red flag the patient answered yes to')
    if not isinstance(note, str) or not " ".join(note.split()):
        raise InputError("note", "write a short note of what was assessed (it must not be blank)")
    text = " ".join(note.split())
    if len(text) > MAX_NOTE_CHARS:
        raise InputError("note", f"must be at most {MAX_NOTE_CHARS} characters")
    return item.strip(), text


def _changes(profile: dict[str, Any], item: str) -> dict[str, Any]:
    if item == BP:
        if profile.get("bp_cleared"):
            raise ConflictError("the patient's blood pressure is already cleared for training")
        return {"bp_cleared": True}
    answered = list(profile.get("red_flags") or ())
    if item not in answered:
        said = ", ".join(answered) or "none"
        raise InputError("item", f"{item[:60]!r} is neither \"bp\" nor a red flag the patient "
                         f"answered yes to (their red flags: {said})")  # fmt: skip
    cleared = list(profile.get("cleared_flags") or ())
    if item in cleared:
        raise ConflictError(f"the red flag {item!r} is already cleared")
    return {"cleared_flags": [*cleared, item]}


class _Clearance:
    """The checks and the record, in the profile edit's transaction."""

    def __init__(self, ctx: Context, who: Who, item: str, note: str) -> None:
        self.ctx, self.who, self.item, self.note = ctx, who, item, note
        self.changes: list[str] = []

    def check(self, s: Session, person: Person, current: PlanVersion | None, plan: Plan) -> None:
        if current is None:
            return
        old = plans.plan_of(current)
        lost = _undone(s, person, current, old, plan)
        if lost:
            raise ConflictError(WOULD_UNDO.format(blocks=", ".join(lost)))
        names = {e.id: e.name for e in self.ctx.catalogue.exercises.values()}
        self.changes = [c.text(names) for c in plan_diff(old, plan)]

    def saved(self, s: Session, current: PlanVersion | None, row: PlanVersion) -> None:
        detail = {"kind": store.CLEARED, "item": self.item, "note": self.note,
                  "changes": self.changes, "beyond": []}  # fmt: skip
        store.add(s, PlanEdit(plan_version_id=row.id, author_id=self.who.account_id,
                              author_name=self.who.name, reason=self.note, at=utc(self.ctx),
                              detail=detail))  # fmt: skip


def _undone(s: Session, person: Person, current: PlanVersion, old: Plan, new: Plan) -> list[str]:
    """The blocks of the current plan a clinician had a hand in (a version since the answers
    were last saved has an author) that the new plan does not keep exactly."""
    since = select(PlanVersion.id).where(
        PlanVersion.person_id == person.id,
        PlanVersion.profile_version_id == current.profile_version_id,
    )
    if not store.authorship(s, list(s.scalars(since))) or old.program is None:
        return []
    kept = [b.to_dict() for b in new.program.blocks] if new.program is not None else []
    return [b.exercise for b in old.program.blocks if b.to_dict() not in kept]


def clear(ctx: Context, who: Who, body: object) -> dict[str, Any]:
    """Clear an item for the acting patient: InputError naming `item` or `note`,
    ConflictError when it is cleared already or would undo the clinician's plan changes."""
    item, note = _parts(body)
    with ctx.db.reading() as s:
        if people.latest_profile(s, require_person(s)) is None:
            raise NoProfileError("the patient has not answered the questions yet")
    profile = current_profile(ctx)
    changes = _changes(profile, item)
    hook = _Clearance(ctx, who, item, note)
    done = edit_profile(ctx, changes, hook=hook, reason=f"{store.BY_CLINICIAN}{store.CLEARED}")
    with ctx.db.reading() as s:
        version = plans.current_plan(s, require_person(s))
        assert version is not None
        author = store.authorship(s, [version.id])[version.id]
    return {"plan_version": done.plan_version, "status": done.plan.status,
            **author.to_dict()}  # fmt: skip


def clearable(ctx: Context) -> list[tuple[str, str]]:
    """What a clinician may still clear for the acting patient, as (item, words): their blood
    pressure for training, and each red flag they answered yes to that is not cleared yet."""
    profile = current_profile(ctx)
    out = [] if profile.get("bp_cleared") else [(BP, "Blood pressure: cleared for training")]
    cleared = set(profile.get("cleared_flags") or ())
    for code in profile.get("red_flags") or ():
        if code not in cleared:
            flag = ctx.catalogue.red_flags.get(code)
            out.append((code, f"Red flag: {flag.meaning if flag else code}"))
    return out


def listing(ctx: Context) -> list[dict[str, Any]]:
    """The acting patient's clearances, oldest first: who, when, item and note."""
    with ctx.db.reading() as s:
        found = store.clearances(s, require_person(s).id)
    return [{"by_account": account, **a.to_dict()} for account, a in found]
