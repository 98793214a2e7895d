"""A clinician's program templates (issue 14, item 3): save a linked patient's current
program under a name (only its blocks: nothing of the patient's), list and delete one's own,
and apply one to another linked patient through the prescribing rules
(services/prescribing.apply_template). Another clinician's template answers as if it did not
exist. Saving reads a patient's plan, so it is audited as a read of that patient; listing and
deleting are audited as the clinician's own actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from isohold.domain.errors import ConflictError, InputError, NotFoundError
from isohold.domain.plan import block_from_dict
from isohold.domain.program_template import blocks_of, clean_name
from isohold.services import audit
from isohold.services.accounts import utc
from isohold.services.context import Context
from isohold.services.signin import Who
from isohold.storage import accounts as account_store
from isohold.storage import plans
from isohold.storage import templates as store
from isohold.storage.clinic_models import Account
from isohold.storage.models import Person
from isohold.storage.workspace_models import ProgramTemplate

NOT_FOUND = "not found"


@dataclass(frozen=True)
class Template:
    id: int
    name: str
    blocks: list[dict[str, Any]]
    created_at: datetime

    @classmethod
    def of(cls, row: ProgramTemplate) -> Template:
        return cls(row.id, row.name, list(row.blocks), row.created_at)

    def to_dict(self, names: dict[str, str] | None = None) -> dict[str, Any]:
        names = names or {}
        return {
            "id": self.id,
            "name": self.name,
            "created_at": self.created_at.isoformat() + "Z",
            "exercises": [
                names.get(str(b.get("exercise")), b.get("exercise")) for b in self.blocks
            ],
            "blocks": self.blocks,
        }


def _names(ctx: Context) -> dict[str, str]:
    return {e.id: e.name for e in ctx.catalogue.exercises.values()}


def template_id_of(raw: object, field: str = "template_id") -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 < raw < 10**12:
        raise InputError(field, "must be the id of one of your templates (a whole number)")
    return raw


def save(
    ctx: Context,
    who: Who,
    name: object,
    patient_id: object,
    address: str | None,
    route: str = "POST /api/v1/templates",
) -> dict[str, Any]:
    """Save a linked patient's current program's blocks as `name`; NotFoundError for a patient
    who is not linked to `who`, ConflictError when `who` has a template of that name."""
    title = clean_name(name)
    if isinstance(patient_id, bool) or not isinstance(patient_id, int) or patient_id <= 0:
        raise InputError("patient_id", "must be the id of one of your patients")
    with ctx.db.reading() as s:
        patient = s.get(Account, patient_id)
        ok = (
            patient is not None
            and patient.role == "patient"
            and patient.person_id is not None
            and account_store.linked(s, who.account_id, patient.id)
        )
        person_id = patient.person_id if ok and patient is not None else None
    if person_id is None:
        raise NotFoundError(NOT_FOUND)
    now = utc(ctx)
    audit.record(
        ctx, audit.Entry("read", route, now, patient_id=patient_id, actor=who.actor(address))
    )
    with ctx.db.transaction() as s:
        person = s.get(Person, person_id)
        version = plans.current_plan(s, person) if person is not None else None
        if version is None:
            raise InputError("patient_id", "this patient has no plan yet")
        blocks = blocks_of(plans.plan_of(version))
        if store.named(s, who.account_id, title) is not None:
            raise ConflictError(
                f"you have a template called {title!r} already; delete it "
                "first or choose another name"
            )
        row = store.add(
            s, ProgramTemplate(owner_id=who.account_id, name=title, blocks=blocks, created_at=now)
        )
        audit.write(s, audit.Entry("template-save", route, now, actor=who.actor(address)))
        return Template.of(row).to_dict(_names(ctx))


def names(ctx: Context, who: Who) -> list[tuple[int, str]]:
    """`who`'s templates as (id, name), for a page's list (no one's data: not audited)."""
    with ctx.db.reading() as s:
        return [(row.id, row.name) for row in store.owned(s, who.account_id)]


def listing(ctx: Context, who: Who, address: str | None) -> list[dict[str, Any]]:
    names = _names(ctx)
    with ctx.db.transaction() as s:
        audit.write(
            s,
            audit.Entry(
                "template-list", "GET /api/v1/templates", utc(ctx), actor=who.actor(address)
            ),
        )
        return [Template.of(row).to_dict(names) for row in store.owned(s, who.account_id)]


def remove(ctx: Context, who: Who, template_id: int, address: str | None) -> dict[str, Any]:
    with ctx.db.transaction() as s:
        row = store.own(s, who.account_id, template_id)
        if row is None:
            raise NotFoundError(f"no template {template_id}")
        name = row.name
        store.delete(s, row)
        audit.write(
            s,
            audit.Entry(
                "template-delete",
                f"DELETE /api/v1/templates/{template_id}",
                utc(ctx),
                actor=who.actor(address),
            ),
        )
        return {"deleted": template_id, "name": name}


def own(ctx: Context, who: Who, template_id: int) -> Template:
    """`who`'s template; NotFoundError for another clinician's or none."""
    with ctx.db.reading() as s:
        row = store.own(s, who.account_id, template_id)
        if row is None:
            raise NotFoundError(f"no template {template_id}")
        found = Template.of(row)
    for i, raw in enumerate(found.blocks):  # a template no plan could hold: say so now
        block_from_dict(raw, f"blocks[{i}]")
    return found
