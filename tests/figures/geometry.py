"""Measuring a drawn figure the way a reader would: angles between drawn segments, points on
the floor, and the SVG's own coordinates."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from isohold.figures import Figure

P2 = tuple[float, float]
SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def angle_at(a: P2, joint: P2, c: P2) -> float:
    """The angle (degrees) at `joint` between the segments to `a` and to `c`."""
    u = (a[0] - joint[0], a[1] - joint[1])
    v = (c[0] - joint[0], c[1] - joint[1])
    cos = (u[0] * v[0] + u[1] * v[1]) / (math.hypot(*u) * math.hypot(*v))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


#: the three joint centres whose drawn segments make each marked angle
SEGMENTS = {"knee": ("hip", "knee", "ankle"), "elbow": ("shoulder", "elbow", "wrist")}


def drawn_angle(figure: Figure) -> float:
    """The marked joint's angle as drawn, in the figure's own measure (flexion: 0 = straight;
    inside: the angle between the segments)."""
    assert figure.angle is not None
    if figure.angle.joint in SEGMENTS:
        a, j, c = (figure.joints[f"{k}.work"] for k in SEGMENTS[figure.angle.joint])
    else:
        a, j, c = figure.angle.points
    inside = angle_at(a, j, c)
    return inside if figure.angle.measure == "inside" else 180.0 - inside


def svg_points(figure: Figure) -> list[P2]:
    """Every coordinate pair in the SVG's path data, circles and texts."""
    root = ET.fromstring(figure.svg)
    pts: list[P2] = []
    for el in root.iter():
        if el.tag == f"{SVG}path":
            nums = [float(x) for x in NUMBER.findall(el.get("d", ""))]
            pts += list(zip(nums[0::2], nums[1::2], strict=False))
        elif el.tag == f"{SVG}circle":
            cx, cy, r = (float(el.get(k, "0")) for k in ("cx", "cy", "r"))
            pts += [(cx - r, cy - r), (cx + r, cy + r)]
        elif el.tag == f"{SVG}text":
            pts.append((float(el.get("x", "0")), float(el.get("y", "0"))))
    return pts


def view_box(figure: Figure) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in ET.fromstring(figure.svg).get("viewBox", "").split())
    return x, y, w, h


def lowest_body_point(figure: Figure) -> float:
    """The largest y (the SVG's y points down) of any body outline."""
    return max(p[1] for outline in figure.outlines.values() for p in outline)
