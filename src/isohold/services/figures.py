"""Exercise figures for the front-ends: an exercise's figure, a plan block's figure (drawn at
the block's angle and side), the coach's moving figures and the gallery.

A figure depends only on the catalogue entry and the block's angle and side, so drawings are
kept (a figure takes a few tens of milliseconds to draw).
"""

from __future__ import annotations

import re
from functools import lru_cache

from isohold.domain.models import Catalogue, Exercise
from isohold.domain.plan import Block
from isohold.figures import Figure, draw

_UID = re.compile(r"[^a-z0-9-]+")


@lru_cache(maxsize=512)
def _drawn(
    exercise: Exercise, angle: float | None, side: str | None, animate: bool, uid: str
) -> Figure:
    return draw(exercise, joint_angle_deg=angle, side=side, animate=animate, uid=uid)


def _uid(*parts: object) -> str:
    text = "-".join(str(p) for p in parts if p is not None)
    return "fig-" + _UID.sub("-", text.lower()).strip("-")


def exercise_figure(
    catalogue: Catalogue,
    exercise_id: str,
    *,
    joint_angle_deg: float | None = None,
    side: str | None = None,
    animate: bool = False,
    uid: str | None = None,
) -> Figure | None:
    """The figure of one exercise, or None when the exercise is unknown or has none."""
    exercise = catalogue.exercises.get(exercise_id)
    if exercise is None or exercise.figure is None:
        return None
    angle = None if joint_angle_deg is None else float(joint_angle_deg)
    name = uid or _uid(exercise_id, angle, side, "moving" if animate else None)
    return _drawn(exercise, angle, side, animate, name)


def block_figure(catalogue: Catalogue, block: Block, *, uid: str | None = None) -> Figure | None:
    """A plan block's figure: its exercise at the block's joint angle, on the block's side."""
    return exercise_figure(
        catalogue,
        block.exercise,
        joint_angle_deg=block.joint_angle_deg,
        side=block.side,
        uid=uid,
    )


def coach_figures(catalogue: Catalogue, block: Block) -> dict[str, str]:
    """The coach's moving figures for a block, keyed by the side a phase names (`left`,
    `right`, or `both` for exercises done with both sides at once)."""
    exercise = catalogue.exercises.get(block.exercise)
    if exercise is None or exercise.figure is None:
        return {}
    if exercise.unilateral and block.side != "both":
        sides = ("left", "right") if block.side == "each" else (block.side,)
    else:
        sides = ("both",)
    out: dict[str, str] = {}
    for side in sides:
        figure = exercise_figure(
            catalogue,
            block.exercise,
            joint_angle_deg=block.joint_angle_deg,
            side=block.side if side == "both" else side,
            animate=True,
            uid=_uid("coach", block.exercise, side),
        )
        if figure is not None:
            out[side] = figure.svg
    return out


def gallery(catalogue: Catalogue) -> list[tuple[Exercise, Figure]]:
    """Every exercise with its figure, in catalogue order, for review."""
    out = []
    for exercise in catalogue.exercises.values():
        figure = exercise_figure(catalogue, exercise.id)
        if figure is not None:
            out.append((exercise, figure))
    return out
