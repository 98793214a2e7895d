"""The exercise handout as a use case: the current plan's programs with each exercise's words
(and figure, where `isohold.figures` draws one) for reports/handout.py to lay out."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from isohold.domain import describe
from isohold.domain.errors import ConflictError
from isohold.domain.models import Exercise
from isohold.domain.plan import Block
from isohold.reports import handout as doc
from isohold.services import today
from isohold.services.context import Context


def _drawer() -> Callable[..., Any] | None:
    """`isohold.figures.draw`, when the figures package is installed (else text only)."""
    try:
        module = importlib.import_module("isohold.figures")
    except ImportError:
        return None
    draw = getattr(module, "draw", None)
    return draw if callable(draw) else None


def _figure(draw: Callable[..., Any] | None, exercise: Exercise, block: Block) -> str | None:
    """The exercise's figure at the block's angle and side, or None when it has none."""
    if draw is None or getattr(exercise, "figure", None) is None:
        return None
    try:
        figure = draw(exercise, joint_angle_deg=block.joint_angle_deg, side=block.side,
                      uid=f"handout-{block.exercise}")  # fmt: skip
    except ValueError:
        return None
    svg = getattr(figure, "svg", None)
    return svg if isinstance(svg, str) else None


def build(ctx: Context, session_url: str, name: str | None = None) -> doc.Handout:
    view = today.today(ctx)
    plan = view.plan
    if plan.program is None:
        raise ConflictError(
            "there is no exercise program to hand out: see a clinician first"
            if plan.referral is not None
            else "the plan has no exercises"
        )
    program = plan.program
    draw = _drawer()
    pages: dict[str, list[doc.HandoutExercise]] = {}
    for block in program.blocks:
        ex = ctx.catalogue.exercises.get(block.exercise)
        dose = describe.dose(block, ex.kind if ex is not None else "isometric")
        if block.joint_angle_deg is not None:
            dose += f" at {describe.num(block.joint_angle_deg)}°"
        pages.setdefault(block.protocol, []).append(doc.HandoutExercise(
            name=ex.name if ex else block.exercise, dose=dose,
            intensity=describe.intensity(block), side=describe.side(block),
            rest=describe.rest(block), steps=ex.steps if ex else (),
            cues=ex.cues[:3] if ex else (), safety=ex.safety if ex else (),
            figure_svg=_figure(draw, ex, block) if ex else None,
        ))  # fmt: skip
    out = []
    for protocol_id, exercises in pages.items():
        proto = ctx.catalogue.protocols.get(protocol_id)
        per_week = proto.sessions_per_week if proto else program.sessions_per_week
        weeks = proto.weeks if proto else program.weeks
        out.append(doc.HandoutPage(
            program=proto.name if proto else protocol_id, purpose=proto.purpose if proto else "",
            sessions=f"up to {per_week} sessions a week for {weeks} weeks",
            exercises=tuple(exercises),
        ))  # fmt: skip
    return doc.Handout(made_on=view.day, session_url=session_url,
                       max_pain_during=program.max_pain_during, pages=tuple(out),
                       name=name or None)  # fmt: skip


def handout_pdf(ctx: Context, session_url: str, name: str | None = None) -> bytes:
    return doc.handout_pdf(build(ctx, session_url, name))
