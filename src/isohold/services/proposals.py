"""The automatic weekly review on a leash: per patient, "apply" (the review changes the plan at
once, the default) or "propose" (services/progress.weekly_review saves its plan as a proposal
instead). A clinician sees each proposal as a diff of the plan, then approves it (as proposed
or with edits, which follow the prescribing rules) or rejects it; a block the clinician has
changed since the review was proposed keeps that change (domain/plan_rebase.py). Only an
approved proposal becomes a plan version, so the patient's coach trains on approved plans
only. The clinic gate has checked the link and written the audit row before these run."""

from __future__ import annotations

from typing import Any

from isohold.domain.errors import ConflictError, InputError, NotFoundError
from isohold.domain.plan import Plan, plan_from_dict
from isohold.domain.plan_diff import plan_diff
from isohold.domain.plan_edit import edit_block, parse_edit
from isohold.domain.plan_rebase import rebase
from isohold.services.accounts import utc
from isohold.services.context import Context
from isohold.services.prescribing import (
    REASON_NEEDED,
    clean_reason,
    current,
    limits_of,
    normal_changes,
    request_parts,
    save_version,
)
from isohold.services.signin import Who
from isohold.storage import plans
from isohold.storage import proposals as store
from isohold.storage.models import PlanVersion, ProgramDecision
from isohold.storage.workspace_models import ReviewProposal


def mode(ctx: Context) -> str:
    with ctx.db.reading() as s:
        person, _ = current(s)
        return store.mode_of(s, person.id)


def set_mode(ctx: Context, who: Who, raw: object) -> str:
    if raw not in store.MODES:
        raise InputError("mode", "must be 'apply' (the weekly review changes the plan at once) "
                         "or 'propose' (it waits for a clinician's approval)")  # fmt: skip
    with ctx.db.transaction() as s:
        person, _ = current(s)
        store.set_mode(s, person.id, str(raw), who.account_id, utc(ctx))
    return str(raw)


def _view(
    row: ReviewProposal, base: dict[str, Any] | None, names: dict[str, str]
) -> dict[str, Any]:
    diff = plan_diff(plan_from_dict(base), plan_from_dict(row.document)) if base else ()
    return {
        "id": row.id, "status": row.status, "created_at": row.created_at.isoformat() + "Z",
        "decisions": row.decisions, "diff": [c.to_dict(names) for c in diff],
        "plan": row.document, "decided_by": row.decided_by_name,
        "decided_at": row.decided_at.isoformat() + "Z" if row.decided_at else None,
        "note": row.note,
    }  # fmt: skip


def listing(ctx: Context) -> dict[str, Any]:
    """The acting patient's review mode and proposals, newest first, each with its diff from
    the plan it was made on."""
    names = {e.id: e.name for e in ctx.catalogue.exercises.values()}
    with ctx.db.reading() as s:
        person, version = current(s)
        rows = store.proposals_of(s, person.id)
        bases = {v.id: v.document for v in plans.plan_history(s, person)}
        return {"review_mode": store.mode_of(s, person.id), "plan_version": version.version,
                "proposals": [_view(r, bases.get(r.from_plan_version_id), names)
                              for r in rows]}  # fmt: skip


def _pending(s: Any, person_id: int, proposal_id: int) -> ReviewProposal:
    row = store.proposal(s, person_id, proposal_id)
    if row is None:
        raise NotFoundError(f"no proposal {proposal_id} for this patient")
    if row.status != store.PENDING:
        raise ConflictError(f"proposal {proposal_id} is {row.status} already; nothing was changed")
    return row


def approve(ctx: Context, who: Who, proposal_id: int, edits: object = None,
            reason: object = None) -> dict[str, Any]:  # fmt: skip
    """The proposal's plan (with `edits`, {block: changes}, made as a clinician's edits) as the
    patient's next plan version, with the review's decisions; ConflictError when the plan has
    changed since the review proposed it."""
    why = clean_reason(reason)
    edits = _edits(edits)
    with ctx.db.transaction() as s:
        person, version = current(s)
        row = _pending(s, person.id, proposal_id)
        plan, kept = _onto_current(s, row, version)
        beyond: list[str] = []
        for block, changes in (edits or {}).items():
            edited = edit_block(plan, str(block), parse_edit(changes), ctx.catalogue,
                                limits_of(s, person, ctx))  # fmt: skip
            plan = edited.plan
            beyond.extend(edited.beyond)
        if beyond and why is None:
            raise InputError("reason", REASON_NEEDED.format(beyond="; ".join(beyond))
                             + "; nothing was changed")  # fmt: skip
        new, author = save_version(s, ctx, who, person, version, plan, reason=why,
                                   kind="approved", beyond=tuple(beyond))  # fmt: skip
        for d in row.decisions:
            s.add(ProgramDecision(person_id=person.id, from_plan_version_id=version.id,
                                  to_plan_version_id=new.id, exercise=d["exercise"],
                                  action=d["action"], reason=d["reason"],
                                  created_at=ctx.now()))  # fmt: skip
        row.status, row.to_plan_version_id = store.APPROVED, new.id
        row.decided_by_id, row.decided_by_name, row.decided_at = who.account_id, who.name, author.at
        row.note = why
        return {"id": row.id, "status": row.status, "plan_version": new.version,
                "edited": bool(edits), "kept_edits": list(kept), **author.to_dict()}  # fmt: skip


def _edits(raw: object) -> dict[str, Any] | None:
    """Edits as {block: changes}, from that or from {"block", "changes"} (or a list of them)."""
    if raw is None:
        return None
    items = raw if isinstance(raw, list) else [raw]
    out: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, dict):
            raise InputError("edits", 'must be an object: {"<block>": {"reps": 6, ...}}')
        if "block" in item:
            block, changes, _ = request_parts(item)
            out[str(block)] = changes
        else:
            out.update({str(k): normal_changes(v) for k, v in item.items()})
    return out


def _onto_current(
    s: Any, row: ReviewProposal, version: PlanVersion
) -> tuple[Plan, tuple[str, ...]]:
    """The proposal's plan, brought onto the current plan when a clinician has changed it
    since (their changed blocks stay); ConflictError when it cannot be."""
    proposed = plan_from_dict(row.document)
    if row.from_plan_version_id == version.id:
        return proposed, ()
    base = s.get(PlanVersion, row.from_plan_version_id)
    merged = None if base is None else rebase(
        plans.plan_of(base), plans.plan_of(version), proposed
    )  # fmt: skip
    if merged is None:
        raise ConflictError(
            f"the plan has changed since this review was proposed (now version "
            f"{version.version}) and the review cannot be brought onto it: reject it; the "
            "next weekly review proposes again"
        )
    return merged.plan, merged.kept


def reject(ctx: Context, who: Who, proposal_id: int, reason: object = None) -> dict[str, Any]:
    why = clean_reason(reason)
    with ctx.db.transaction() as s:
        person, version = current(s)
        row = _pending(s, person.id, proposal_id)
        row.status = store.REJECTED
        row.decided_by_id, row.decided_by_name, row.decided_at = who.account_id, who.name, utc(ctx)
        row.note = why
        return {"id": row.id, "status": row.status, "plan_version": version.version,
                "decided_by": who.name, "reason": why}  # fmt: skip


def pending_of(ctx: Context, patient_ids: list[int]) -> dict[int, int]:
    """How many weekly reviews wait for approval, per patient account (none: left out)."""
    from isohold.storage.alert_acks import persons_of

    with ctx.db.reading() as s:
        persons = persons_of(s, patient_ids)
        counts = store.pending_counts(s, list(persons.values()))
    return {a: counts[p] for a, p in persons.items() if p in counts}
