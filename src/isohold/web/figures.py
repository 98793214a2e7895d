"""Figures in pages: a template helper that draws an exercise's figure (for a plan block, at its
angle and side) inline, so its <title> and <desc> reach screen readers."""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

from isohold.services.figures import exercise_figure


@pass_context
def figure_markup(
    context: Any,
    exercise_id: str,
    angle: float | None = None,
    side: str | None = None,
    uid: str | None = None,
) -> Markup:
    """The inline SVG of `exercise_id` (empty when it has none). The SVG is built by the
    figure engine, which escapes every text it writes."""
    catalogue = context.get("catalogue")
    if catalogue is None:
        return Markup("")
    drawn = exercise_figure(catalogue, exercise_id, joint_angle_deg=angle, side=side, uid=uid)
    return Markup(drawn.svg) if drawn is not None else Markup("")
