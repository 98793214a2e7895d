"""What the drawing touches, measured on the drawn shapes: where each resting landmark's lowest
point is, how far each hand is from its target and each prop from the body. The figure reports
these so tests (and anyone reviewing a new pose) can check the drawing keeps its contacts."""

from __future__ import annotations

import math
from collections.abc import Callable

from isohold.domain.figure_spec import Pose
from isohold.figures import landmarks
from isohold.figures.project import P2, ellipse
from isohold.figures.props import Props
from isohold.figures.scene import Scene


def gap(point: P2, outline: tuple[P2, ...]) -> float:
    """0 when `point` is inside the convex, counter-clockwise outline, else its distance to it."""
    inside = True
    best = math.inf
    n = len(outline)
    for i in range(n):
        a, b = outline[i], outline[(i + 1) % n]
        ex, ey = b[0] - a[0], b[1] - a[1]
        if ex * (point[1] - a[1]) - ey * (point[0] - a[0]) < 0:
            inside = False
        length = ex * ex + ey * ey or 1e-12
        t = max(0.0, min(1.0, ((point[0] - a[0]) * ex + (point[1] - a[1]) * ey) / length))
        best = min(best, math.hypot(point[0] - a[0] - t * ex, point[1] - a[1] - t * ey))
    return 0.0 if inside else best


def rests(scene: Scene, pose: Pose, to_svg: Callable[[P2], P2]) -> dict[str, float]:
    """The SVG y of the lowest point of each landmark the pose rests on."""
    out: dict[str, float] = {}
    for name in pose.rest:
        low = math.inf
        for blob in landmarks.rest_blobs(scene.body, name):
            e = ellipse(scene.view, blob)
            low = min(low, e.centre[1] - math.sqrt(e.syy))
        out[name] = to_svg((0.0, low))[1]
    return out


def reaches(scene: Scene, pose: Pose, px: float) -> tuple[tuple[str, str, float], ...]:
    """(hand, target, gap in SVG units) for every hand the pose puts on a landmark."""
    out = []
    for side, target in pose.reach:
        for hand in ("work", "other") if side == "both" else (side,):
            (p, _), *_ = scene.landmark(target)
            shape = next(s for s in scene.shapes if s.key == f"hand.{hand}")
            out.append((f"hand.{hand}", target, gap(p, shape.points) * px))
    return tuple(out)


def touches(scene: Scene, props: Props, px: float) -> tuple[tuple[str, str, float], ...]:
    """(prop, landmark, gap in SVG units) between each prop and the body part it touches."""
    out = []
    for kind, name, at in props.touches:
        keys = landmarks.segment_keys(name)
        shapes = [s for s in scene.shapes if s.key in keys]
        out.append((kind, name, min((gap(at, s.points) for s in shapes), default=math.inf) * px))
    return tuple(out)
