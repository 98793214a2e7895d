"""From 3-D to the drawing: the three cameras, ellipsoids seen as ellipses, and the smooth
outline around a segment's ellipses (the same number of points for every pose, so that a path
can move from one pose to another)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from isohold.figures.skeleton import Blob
from isohold.figures.vec import IDENTITY, Mat, Vec

P2 = tuple[float, float]

#: how the body's axes (forward, up, right) sit in the world for each view: the side view
#: looks at the body's right side (it faces right), the front view at its front, and the top
#: view down on it from above (it faces up the page)
VIEW_BASE: dict[str, Mat] = {
    "side": IDENTITY,
    "front": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0), (-1.0, 0.0, 0.0)),
    "top": ((0.0, 0.0, -1.0), (0.0, 1.0, 0.0), (1.0, 0.0, 0.0)),
}
#: points on a segment's outline (a multiple of 4 keeps the extremes exact)
OUTLINE_POINTS = 36


def to2d(view: str, v: Vec) -> P2:
    """The drawing's x (right) and y (up) of a world point."""
    return (v[0], -v[2]) if view == "top" else (v[0], v[1])


def depth(view: str, v: Vec) -> float:
    """How near the camera a point is (larger is nearer)."""
    return v[1] if view == "top" else v[2]


@dataclass(frozen=True, slots=True)
class Ellipse:
    """A projected ellipsoid: centre and the 2x2 matrix S with the outline {c + S n / |n|_S}."""

    centre: P2
    sxx: float
    sxy: float
    syy: float

    def support(self, nx: float, ny: float) -> P2:
        """The outline point furthest along the direction (nx, ny)."""
        mx = self.sxx * nx + self.sxy * ny
        my = self.sxy * nx + self.syy * ny
        k = math.sqrt(max(nx * mx + ny * my, 1e-18))
        return (self.centre[0] + mx / k, self.centre[1] + my / k)

    def reach(self, nx: float, ny: float) -> float:
        """How far the outline reaches along the unit direction (nx, ny) from the origin."""
        mx = self.sxx * nx + self.sxy * ny
        my = self.sxy * nx + self.syy * ny
        return self.centre[0] * nx + self.centre[1] * ny + math.sqrt(max(nx * mx + ny * my, 0))


def ellipse(view: str, blob: Blob) -> Ellipse:
    cols = [to2d(view, c) for c in blob.axes]
    return Ellipse(
        to2d(view, blob.centre),
        sum(c[0] * c[0] for c in cols),
        sum(c[0] * c[1] for c in cols),
        sum(c[1] * c[1] for c in cols),
    )


def outline(ellipses: list[Ellipse], count: int = OUTLINE_POINTS) -> list[P2]:
    """Points on the convex hull of the ellipses, one per direction, counter-clockwise from the
    right (the tangent at point k is perpendicular to direction k)."""
    out: list[P2] = []
    for k in range(count):
        a = 2 * math.pi * k / count
        nx, ny = math.cos(a), math.sin(a)
        best = max(ellipses, key=lambda e: e.reach(nx, ny))
        out.append(best.support(nx, ny))
    return out
