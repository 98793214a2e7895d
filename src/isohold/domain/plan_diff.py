"""What changed between two plans, block by block, in plain words: a clinician approving a
weekly review sees it, and the patient sees who changed what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from isohold.domain import describe
from isohold.domain.plan import Block, Plan

#: the fields compared, with how each is named and shown
_FIELDS = (
    ("sets", "sets"),
    ("reps", "reps"),
    ("hold_s", "hold"),
    ("rest_between_reps_s", "rest between reps"),
    ("rest_s", "rest between sets"),
    ("intensity", "intensity"),
    ("joint_angle_deg", "angle"),
    ("side", "side"),
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class BlockChange:
    """`kind`: added | removed | replaced (another exercise in its place) | changed."""

    kind: str
    exercise: str
    other: str | None
    fields: tuple[FieldChange, ...]

    def text(self, names: dict[str, str]) -> str:
        name = names.get(self.exercise, self.exercise)
        if self.kind == "added":
            return f"{name}: added"
        if self.kind == "removed":
            return f"{name}: removed"
        said = "; ".join(f"{f.label} {f.before} → {f.after}" for f in self.fields)
        if self.kind == "replaced":
            other = names.get(self.other or "", self.other)
            return f"{name} replaced by {other}" + (f" ({said})" if said else "")
        return f"{name}: {said}"

    def to_dict(self, names: dict[str, str]) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "exercise": self.exercise,
            "other": self.other,
            "fields": [
                {"field": f.field, "label": f.label, "before": f.before, "after": f.after}
                for f in self.fields
            ],
            "text": self.text(names),
        }


def _shown(block: Block, field: str) -> str:
    if field == "intensity":
        return describe.intensity(block)
    if field == "side":
        return describe.side(block)
    value = getattr(block, field)
    if value is None:
        return "-"
    unit = {"hold_s": " s", "rest_s": " s", "rest_between_reps_s": " s", "joint_angle_deg": "°"}
    return describe.num(value) + unit.get(field, "")


def _fields(before: Block, after: Block) -> tuple[FieldChange, ...]:
    out = []
    for field, label in _FIELDS:
        old, new = _shown(before, field), _shown(after, field)
        if old != new:
            out.append(FieldChange(field, label, old, new))
    return tuple(out)


def plan_diff(before: Plan, after: Plan) -> tuple[BlockChange, ...]:
    """Block changes from `before` to `after`, in the order of `before` (a block replaced in
    its place is one change), then the blocks added."""
    old = before.program.blocks if before.program is not None else ()
    new = after.program.blocks if after.program is not None else ()
    new_by = {b.exercise: b for b in new}
    old_names = {b.exercise for b in old}
    added = [b for b in new if b.exercise not in old_names]
    out: list[BlockChange] = []
    for i, block in enumerate(old):
        if block.exercise in new_by:
            changed = _fields(block, new_by[block.exercise])
            if changed:
                out.append(BlockChange("changed", block.exercise, None, changed))
            continue
        # the same place in the new plan holds a newcomer of the same protocol: a swap
        swap = next((b for b in added if b.protocol == block.protocol and new.index(b) == i), None)
        if swap is not None:
            added.remove(swap)
            out.append(BlockChange("replaced", block.exercise, swap.exercise, _fields(block, swap)))
        else:
            out.append(BlockChange("removed", block.exercise, None, ()))
    out.extend(BlockChange("added", b.exercise, None, ()) for b in added)
    return tuple(out)
