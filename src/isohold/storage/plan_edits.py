"""Who made a plan version and why: a clinician who changed a block, or who approved a weekly
review (as proposed or edited); versions the person or the automatic review made have none."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.models import PlanVersion
from isohold.storage.workspace_models import PlanEdit


@dataclass(frozen=True, slots=True)
class Authorship:
    """`kind`: edit (a clinician changed a block) | approved (a clinician approved a weekly
    review, as proposed or edited) | template | cleared (a clinician cleared `item`: "bp" or
    a red-flag code, with a `note`; services/clearances.py)."""

    kind: str
    by: str
    at: datetime
    reason: str | None
    #: what changed, in plain words
    changes: tuple[str, ...]
    beyond: tuple[str, ...] = ()
    item: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"kind": self.kind, "by": self.by, "at": self.at.isoformat() + "Z",
               "reason": self.reason, "changes": list(self.changes),
               "beyond_limits": list(self.beyond)}  # fmt: skip
        if self.kind == CLEARED:
            out.update(item=self.item, note=self.note, text=cleared_text(self))
        return out


CLEARED = "cleared"


def cleared_text(author: Authorship) -> str:
    """Plain words, as "Dr Doc cleared your blood pressure for training on 30 Nov: <note>"."""
    flag = (author.item or "").replace("_", " ")
    what = "your blood pressure for training" if author.item == "bp" else (
        f"a warning sign you reported ({flag})"
    )  # fmt: skip
    return f"{author.by} cleared {what} on {author.at.day} {author.at:%b}: {author.note}"


#: how a plan version a clinician made or approved starts its `reason`
BY_CLINICIAN = "clinician "


def add(session: Session, row: PlanEdit) -> None:
    session.add(row)
    session.flush()


def authorship(session: Session, version_ids: Collection[int]) -> dict[int, Authorship]:
    """The author of each plan version a clinician made or approved (others left out)."""
    rows = session.scalars(select(PlanEdit).where(PlanEdit.plan_version_id.in_(list(version_ids))))
    return {edit.plan_version_id: _authorship(edit) for edit in rows}


def _authorship(edit: PlanEdit) -> Authorship:
    detail = edit.detail or {}
    return Authorship(
        str(detail.get("kind", "edit")), edit.author_name, edit.at, edit.reason,
        tuple(detail.get("changes", ())), tuple(detail.get("beyond", ())),
        detail.get("item"), detail.get("note"),
    )  # fmt: skip


def clearances(session: Session, person_id: int) -> list[tuple[int | None, Authorship]]:
    """Each clearance a clinician recorded for this person, oldest first, with the
    clinician's account id."""
    rows = session.scalars(
        select(PlanEdit).join(PlanVersion, PlanVersion.id == PlanEdit.plan_version_id)
        .where(PlanVersion.person_id == person_id).order_by(PlanEdit.at, PlanEdit.id)
    )  # fmt: skip
    found = [(edit.author_id, _authorship(edit)) for edit in rows]
    return [(author, a) for author, a in found if a.kind == CLEARED]
