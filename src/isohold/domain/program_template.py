"""A clinician's program template: the blocks of one patient's program (exercise, dose,
intensity, angle, side and their sources), saved under a name and applied to another
patient's plan. The template keeps only the blocks: the patient's program around them
(sessions a week, pain limit, tests, desk breaks) stays the patient's own.

Applying checks every block as a clinician's edit is checked (plan_edit.check_block): the
catalogue's limits and what the receiving patient's answers allow. The service asks for a
written reason when any block crosses them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue
from isohold.domain.plan import Block, Plan, block_from_dict
from isohold.domain.plan_edit import check_block
from isohold.domain.restrictions import Restrictions

MAX_NAME_CHARS = 120


def clean_name(raw: object) -> str:
    """A template's name: text of 1 to 120 characters (spaces tidied); InputError naming
    `name` otherwise."""
    if not isinstance(raw, str):
        raise InputError("name", "give the template a name (text)")
    name = " ".join(raw.split())
    if not name:
        raise InputError("name", "give the template a name")
    if len(name) > MAX_NAME_CHARS:
        raise InputError("name", f"must be at most {MAX_NAME_CHARS} characters")
    return name


def blocks_of(plan: Plan) -> list[dict[str, Any]]:
    """The blocks a template keeps of `plan`; InputError when the plan has no program (a
    referral)."""
    if plan.program is None or not plan.program.blocks:
        raise InputError("patient_id", "this patient's plan has no exercises to save")
    return [block.to_dict() for block in plan.program.blocks]


@dataclass(frozen=True, slots=True)
class Applied:
    plan: Plan
    #: each block's limits crossed, as "Exercise: what" (empty: all within the limits)
    beyond: tuple[str, ...]


def parse_blocks(raw: Sequence[Any]) -> tuple[Block, ...]:
    blocks = tuple(block_from_dict(b, f"blocks[{i}]") for i, b in enumerate(raw))
    seen = [b.exercise for b in blocks]
    if not blocks:
        raise InputError("template_id", "this template has no blocks")
    if len(set(seen)) != len(seen):
        raise InputError("template_id", "this template has an exercise twice")
    return blocks


def apply_template(
    plan: Plan, raw_blocks: Sequence[Any], catalogue: Catalogue, limits: Restrictions | None
) -> Applied:
    """`plan` with its program's blocks replaced by the template's, and the limits each block
    crosses for this patient; InputError for a plan without a program, a block the catalogue
    cannot hold, or a template that changes nothing."""
    if plan.program is None:
        raise InputError("patient_id", "this patient's plan has no program (a referral)")
    blocks = parse_blocks(raw_blocks)
    beyond: list[str] = []
    for block in blocks:
        known = catalogue.exercises.get(block.exercise)
        name = known.name if known is not None else block.exercise
        try:
            crossed = check_block(block, catalogue, limits)
        except InputError as error:
            raise InputError("template_id", f"{name}: {error.reason}") from error
        beyond.extend(f"{name}: {text}" for text in crossed)
    if blocks == plan.program.blocks:
        raise InputError("template_id", "changes nothing: the plan already has these blocks")
    return Applied(
        replace(plan, program=replace(plan.program, blocks=blocks)), tuple(dict.fromkeys(beyond))
    )
