"""Who made a plan version and why: a clinician who changed a block, or who approved a weekly
review (as proposed or edited); versions the person or the automatic review made have none."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.workspace_models import PlanEdit


@dataclass(frozen=True, slots=True)
class Authorship:
    """`kind`: edit (a clinician changed a block) | approved (a clinician approved a weekly
    review, as proposed or edited)."""

    kind: str
    by: str
    at: datetime
    reason: str | None
    #: what changed, in plain words
    changes: tuple[str, ...]
    beyond: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "by": self.by, "at": self.at.isoformat() + "Z",
                "reason": self.reason, "changes": list(self.changes),
                "beyond_limits": list(self.beyond)}  # fmt: skip


#: how a plan version a clinician made or approved starts its `reason`
BY_CLINICIAN = "clinician "


def add(session: Session, row: PlanEdit) -> None:
    session.add(row)
    session.flush()


def authorship(session: Session, version_ids: Collection[int]) -> dict[int, Authorship]:
    """The author of each plan version a clinician made or approved (others left out)."""
    rows = session.scalars(select(PlanEdit).where(PlanEdit.plan_version_id.in_(list(version_ids))))
    out: dict[int, Authorship] = {}
    for edit in rows:
        detail = edit.detail or {}
        out[edit.plan_version_id] = Authorship(
            str(detail.get("kind", "edit")), edit.author_name, edit.at, edit.reason,
            tuple(detail.get("changes", ())), tuple(detail.get("beyond", ())),
        )  # fmt: skip
    return out
