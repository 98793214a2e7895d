"""The marks over the body, in the drawing's own coordinates (body heights, y up): the arrow of
effort and the marked joint angle."""

from __future__ import annotations

import math
from dataclasses import dataclass

from isohold.domain.figure_spec import AngleSpec
from isohold.figures.project import P2, to2d
from isohold.figures.scene import Scene

ARROW_LENGTH = 0.11
ARROW_HEAD = (0.024, 0.038)  # half-width, length
ARC_RADIUS = 0.085
LABEL_RADIUS = ARC_RADIUS + 0.055
#: the half-axes of a turning arrow's ellipse
TURN_RX = 0.1
TURN_RY = 0.035
#: joint: (proximal, joint, distal) centres whose segments make the angle
SEGMENTS = {"knee": ("hip", "knee", "ankle"), "elbow": ("shoulder", "elbow", "wrist")}


@dataclass(frozen=True, slots=True)
class Arrow:
    shaft: tuple[P2, ...]
    head: tuple[P2, P2, P2]

    @property
    def points(self) -> tuple[P2, ...]:
        return (*self.shaft, *self.head)


@dataclass(frozen=True, slots=True)
class AngleArc:
    """Three points that make the angle (a point along the first segment, the joint, a point
    along the second), the arc between them, where its number goes, and for a flexion angle the
    dashed line that carries the first segment on past the joint (the straight position)."""

    points: tuple[P2, P2, P2]
    arc: tuple[P2, ...]
    label: P2
    reference: tuple[P2, ...]


def arrow(scene: Scene, at: str, deg: float, turn: bool) -> Arrow:
    """A straight arrow through the landmark, mostly on the body side, or a curved one round
    it (`turn`) ending on the side `deg` points to."""
    (p, _), *_ = scene.landmark(at)
    dx, dy = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    if turn:
        begin, end = (
            (0.05 * math.pi, 0.95 * math.pi) if dx < 0 else (0.95 * math.pi, 0.05 * math.pi)
        )
        steps = 12
        angles = [begin + (end - begin) * i / steps for i in range(steps + 1)]
        # the lower half of an ellipse round the point: the front, seen slightly from above
        shaft = [(p[0] + TURN_RX * math.cos(a), p[1] - TURN_RY * math.sin(a)) for a in angles]
        (x1, y1), (x2, y2) = shaft[-2], shaft[-1]
        n = math.hypot(x2 - x1, y2 - y1) or 1.0
        dx, dy = (x2 - x1) / n, (y2 - y1) / n
        tip = (x2 + dx * 0.02, y2 + dy * 0.02)
    else:
        shaft = [(p[0] - dx * ARROW_LENGTH * 0.7, p[1] - dy * ARROW_LENGTH * 0.7)]
        tip = (p[0] + dx * ARROW_LENGTH * 0.3, p[1] + dy * ARROW_LENGTH * 0.3)
    w, back = ARROW_HEAD
    base = (tip[0] - dx * back, tip[1] - dy * back)
    left = (base[0] - dy * w, base[1] + dx * w)
    right = (base[0] + dy * w, base[1] - dx * w)
    return Arrow((*shaft, base), (tip, left, right))


def _unit(v: P2) -> P2:
    n = math.hypot(*v) or 1.0
    return (v[0] / n, v[1] / n)


def angle_arc(spec: AngleSpec, scene: Scene) -> AngleArc:
    """The marked angle of the working side's joint, drawn between its two segments."""
    joints = scene.joints
    if spec.joint in SEGMENTS:
        a_key, j_key, c_key = SEGMENTS[spec.joint]
        a, at, c = (joints[f"{k}.work"] for k in (a_key, j_key, c_key))
        ref = _unit((at[0] - a[0], at[1] - a[1]))  # the first segment, carried on
    else:
        # hip and shoulder: measured from the trunk's line (down); trunk: from the pelvis (up)
        frame = "pelvis" if spec.joint in ("hip", "trunk") else "chest"
        up = to2d(scene.view, scene.body.frames[frame][1])
        at = joints[f"{spec.joint}.work"] if spec.joint != "trunk" else joints["waist"]
        distal = {"hip": "knee.work", "shoulder": "elbow.work", "trunk": "neck-base"}[spec.joint]
        c = joints[distal]
        ref = _unit(up if spec.joint == "trunk" else (-up[0], -up[1]))
        a = (at[0] - ref[0] * 0.1, at[1] - ref[1] * 0.1)
    second = _unit((c[0] - at[0], c[1] - at[1]))
    first = ref if spec.measure == "flexion" else (-ref[0], -ref[1])
    a0 = math.atan2(first[1], first[0])
    sweep = (math.atan2(second[1], second[0]) - a0 + math.pi) % (2 * math.pi) - math.pi
    steps = max(2, int(abs(math.degrees(sweep)) / 4) + 1)
    arc = tuple(
        (
            at[0] + ARC_RADIUS * math.cos(a0 + sweep * i / steps),
            at[1] + ARC_RADIUS * math.sin(a0 + sweep * i / steps),
        )
        for i in range(steps + 1)
    )
    mid = a0 + sweep / 2
    label = (at[0] + LABEL_RADIUS * math.cos(mid), at[1] + LABEL_RADIUS * math.sin(mid))
    reference: tuple[P2, ...] = ()
    if spec.measure == "flexion":
        reach = ARC_RADIUS + 0.04
        reference = (at, (at[0] + ref[0] * reach, at[1] + ref[1] * reach))
    return AngleArc((a, at, c), arc, label, reference)
