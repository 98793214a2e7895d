"""A clinician changes one block of a linked patient's plan (exercise, dose, intensity, angle,
side): within the catalogue's limits and the patient's answers, or beyond them with a written
reason. Each change is a new plan version with its author and reason (storage/plan_edits.py),
which the patient's today shows. The clinic gate has checked the link and written the audit
row; the services act on the patient it names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from isohold.domain.errors import InputError, NoProfileError
from isohold.domain.plan import Plan
from isohold.domain.plan_diff import plan_diff
from isohold.domain.plan_edit import Edited, edit_block, parse_edit
from isohold.domain.profile import parse_profile
from isohold.domain.restrictions import Restrictions, restrictions_for
from isohold.services.accounts import utc
from isohold.services.context import Context, require_person
from isohold.services.signin import Who
from isohold.storage import people, plans
from isohold.storage import plan_edits as store
from isohold.storage.models import Person, PlanVersion
from isohold.storage.workspace_models import PlanEdit

MAX_REASON_CHARS = 1000
REASON_NEEDED = "a written reason is needed for a change beyond the limits: {beyond}"


@dataclass(frozen=True)
class Prescribed:
    version: int
    edited: Edited
    author: store.Authorship

    def to_dict(self) -> dict[str, Any]:
        return {"plan_version": self.version, "block": self.edited.after.exercise,
                "before": self.edited.before.to_dict(), "after": self.edited.after.to_dict(),
                **self.author.to_dict()}  # fmt: skip


#: other names a caller may use for a block's fields
ALIASES = {"hold": "hold_s", "angle": "joint_angle_deg", "joint_angle": "joint_angle_deg",
           "angle_deg": "joint_angle_deg", "intensity": "intensity_value", "rest": "rest_s",
           "rest_between_reps": "rest_between_reps_s"}  # fmt: skip


def normal_changes(raw: object) -> object:
    """`raw` with the fields' other names (ALIASES) as the plan names them."""
    if not isinstance(raw, dict):
        return raw
    return {ALIASES.get(str(k), k): v for k, v in raw.items()}


def request_parts(body: dict[str, Any]) -> tuple[object, object, object]:
    """(block, changes, reason) of an edit request: {"block", "changes", "reason"}, or the
    changes given beside the block ({"block": ..., "reps": 6}), or "exercise" for the block
    when there is no "block"."""
    block = body.get("block", body.get("exercise") if "changes" in body else None)
    changes = body.get("changes")
    if changes is None:
        changes = {k: v for k, v in body.items() if k not in ("block", "reason")} or None
    return block, normal_changes(changes), body.get("reason")


def clean_reason(raw: object) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise InputError("reason", "must be text")
    text = " ".join(raw.split())
    if len(text) > MAX_REASON_CHARS:
        raise InputError("reason", f"must be at most {MAX_REASON_CHARS} characters")
    return text or None


def limits_of(s: Session, person: Person, ctx: Context) -> Restrictions | None:
    saved = people.latest_profile(s, person)
    return restrictions_for(parse_profile(saved.data), ctx.catalogue) if saved else None


def current(s: Session) -> tuple[Person, PlanVersion]:
    person = require_person(s)
    version = plans.current_plan(s, person)
    if version is None:
        raise NoProfileError("no plan yet")
    return person, version


def save_version(
    s: Session, ctx: Context, who: Who, person: Person, base: PlanVersion, plan: Plan,
    *, reason: str | None, kind: str, beyond: tuple[str, ...] = (),
) -> tuple[PlanVersion, store.Authorship]:  # fmt: skip
    """`plan` as the person's next version, made by `who` (an edit or an approval)."""
    names = {e.id: e.name for e in ctx.catalogue.exercises.values()}
    changes = [c.text(names) for c in plan_diff(plans.plan_of(base), plan)]
    row = plans.add_plan(s, person, plan, reason=f"{store.BY_CLINICIAN}{kind}", now=ctx.now(),
                         profile_version_id=base.profile_version_id)  # fmt: skip
    at = utc(ctx)
    detail = {"kind": kind, "changes": changes, "beyond": list(beyond)}
    store.add(s, PlanEdit(plan_version_id=row.id, author_id=who.account_id,
                          author_name=who.name, reason=reason, at=at, detail=detail))  # fmt: skip
    return row, store.Authorship(kind, who.name, at, reason, tuple(changes), beyond)


def edit_plan(ctx: Context, who: Who, block: object, changes: object, reason: object) -> Prescribed:
    """Change one block of the acting patient's current plan; InputError naming the field for
    a bad value, or naming `reason` when the change crosses a limit without one."""
    if not isinstance(block, str) or not block.strip():
        raise InputError("block", "name the exercise of the block to change, as in the plan")
    edit = parse_edit(changes)
    why = clean_reason(reason)
    with ctx.db.transaction() as s:
        person, version = current(s)
        plan = plans.plan_of(version)
        listed = [b.exercise for b in plan.program.blocks] if plan.program is not None else []
        if block.strip() not in listed:
            raise InputError("block", f"{block.strip()[:80]!r} is not in the plan; its blocks: "
                             + (", ".join(listed) or "none (the plan has no program)"))  # fmt: skip
        edited = edit_block(plan, block.strip(), edit, ctx.catalogue, limits_of(s, person, ctx))
        if edited.beyond and why is None:
            fields = ", ".join(sorted(edit.changes()))
            raise InputError("reason", REASON_NEEDED.format(beyond="; ".join(edited.beyond))
                             + f" (changing {fields}); nothing was changed")  # fmt: skip
        row, author = save_version(s, ctx, who, person, version, edited.plan, reason=why,
                                   kind="edit", beyond=edited.beyond)  # fmt: skip
        return Prescribed(row.version, edited, author)


def history(ctx: Context) -> list[dict[str, Any]]:
    """The acting patient's plan versions, newest first, each with who made it and why."""
    with ctx.db.reading() as s:
        person, _ = current(s)
        versions = plans.plan_history(s, person)
        authors = store.authorship(s, [v.id for v in versions])
        return [
            {"version": v.version, "created_at": v.created_at.isoformat(), "made_by": v.reason,
             "author": authors[v.id].to_dict() if v.id in authors else None}
            for v in reversed(versions)
        ]  # fmt: skip


def latest_change(s: Session, version: PlanVersion) -> store.Authorship | None:
    """Who made this plan version, when a clinician did."""
    return store.authorship(s, [version.id]).get(version.id)


def plan_document(ctx: Context) -> dict[str, Any]:
    """The acting patient's current plan (contract 2, with its sources), who made it and the
    versions before it."""
    with ctx.db.reading() as s:
        _person, version = current(s)
        plan = plans.plan_of(version).to_dict()
        change = latest_change(s, version)
        number = version.version
    return {"plan_version": number, "plan": plan,
            "change": change.to_dict() if change else None, "history": history(ctx)}  # fmt: skip


def apply_template(ctx: Context, who: Who, template_id: object, reason: object) -> dict[str, Any]:
    """Put one of `who`'s program templates in the acting patient's plan: every block checked
    as an edit is (the catalogue's limits and this patient's answers), beyond them only with a
    written reason (InputError naming `reason` and each block's limits crossed; nothing is
    changed); a new plan version with `who` as its author."""
    from isohold.domain.program_template import apply_template as put
    from isohold.services import templates

    template = templates.own(ctx, who, templates.template_id_of(template_id))
    why = clean_reason(reason)
    with ctx.db.transaction() as s:
        person, version = current(s)
        applied = put(plans.plan_of(version), template.blocks, ctx.catalogue,
                      limits_of(s, person, ctx))  # fmt: skip
        if applied.beyond and why is None:
            crossed = REASON_NEEDED.format(beyond="; ".join(applied.beyond))
            raise InputError("reason", f"{crossed} (the template {template.name!r}); nothing "
                             "was changed")  # fmt: skip
        row, author = save_version(s, ctx, who, person, version, applied.plan, reason=why,
                                   kind="template", beyond=applied.beyond)  # fmt: skip
        return {"plan_version": row.version, "template": {"id": template.id,
                "name": template.name}, **author.to_dict()}  # fmt: skip
