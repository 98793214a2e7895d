"""One pose made into a scene: the prescribed angle applied, the body posed, its hands put on
their targets, laid on the floor by what it rests on, and projected by the view's camera."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from isohold.domain.figure_spec import (
    LIMITS,
    Angles,
    FigureSpec,
    JointValue,
    Pose,
    split_landmark,
)
from isohold.figures import landmarks, proportions
from isohold.figures.project import P2, VIEW_BASE, Ellipse, depth, ellipse, outline, to2d
from isohold.figures.skeleton import Blob, Body, build, reach
from isohold.figures.vec import Mat, add, apply, mul, rot_z, scale

#: how far a hand sits off the surface it presses (its own thickness)
PALM_GAP = proportions.HAND_THICKNESS
#: limbs beside the trunk at the same depth are drawn over it (they lie outside its side)
LIMB_BIAS = 0.04
#: the gap under a body that rests on nothing on the floor (it sits on a machine)
HANG_GAP = 0.05


@dataclass(frozen=True, slots=True)
class Shape:
    """One drawn segment: its outline in the drawing and how near the camera it is."""

    key: str
    name: str
    side: str
    depth: float
    order: int
    points: tuple[P2, ...]


@dataclass(slots=True)
class Scene:
    """A posed body in the drawing's coordinates (body heights, y up, floor at y = 0)."""

    view: str
    body: Body
    shapes: list[Shape] = field(default_factory=list)
    ellipses: dict[str, list[Ellipse]] = field(default_factory=dict)
    joints: dict[str, P2] = field(default_factory=dict)
    #: the floor's height, or None in the top view (the floor is the page)
    floor: float | None = 0.0
    #: the level the pose rests on (the floor, or a step or mat on it)
    support: float | None = 0.0

    def landmark(self, name: str) -> list[tuple[P2, P2]]:
        """(point, outward direction) in the drawing for each side `name` stands for."""
        out = []
        for at, normal in landmarks.point(self.body, name):
            x, y = to2d(self.view, at)
            nx, ny = to2d(self.view, normal)
            n = math.hypot(nx, ny) or 1.0
            out.append(((x, y), (nx / n, ny / n)))
        return out


def resolve(spec: FigureSpec, pose: Pose, prescribed: float | None) -> Pose:
    """The pose with the prescribed angle (in the spec's measure) and the joints that follow
    it; None leaves the pose as written."""
    angle = spec.angle
    if angle is None or prescribed is None:
        return pose
    target = angle.to_flexion(prescribed)
    sides = ("work", "other") if angle.side == "both" else ("work",)
    for side in sides:
        now = pose.angles(angle.joint, side)
        delta = target - now.flex
        pose = pose.with_joint(angle.joint, side, _flex(angle.joint, now, target))
        for joint, k in angle.follow:
            old = pose.angles(joint, side)
            pose = pose.with_joint(joint, side, _flex(joint, old, old.flex + k * delta))
    return pose


def symmetric(pose: Pose) -> Pose | None:
    """The pose with the working side's joints on both sides (a one-sided exercise done with
    both limbs at once), or None when the pose rests or reaches on the other side (a split
    stance or a kneeling leg cannot be doubled)."""
    named = [*pose.rest, *(target for _, target in pose.reach)]
    if any(split_landmark(x)[1] == "other" for x in named) or any(
        side == "other" for side, _ in pose.reach
    ):
        return None
    joints = [v for v in pose.joints if v.side != "other"]
    joints = [JointValue(v.joint, "both", v.angles) if v.side == "work" else v for v in joints]
    return Pose(tuple(joints), pose.pitch, pose.roll, pose.yaw, pose.rest, pose.reach, pose.text)


def _flex(joint: str, old: Angles, flex: float) -> Angles:
    lo, hi = LIMITS[joint]["flex"]
    return Angles(min(max(flex, lo), hi), old.lateral, old.twist)


def pose_body(spec: FigureSpec, pose: Pose) -> Body:
    """Build the body, put the hands on their targets and lay it on what it rests on."""
    body = build(pose, VIEW_BASE[spec.view])
    for side, target in pose.reach:
        for hand_side in ("work", "other") if side == "both" else (side,):
            (at, normal), *_ = landmarks.point(body, target)
            body = reach(body, hand_side, add(at, scale(normal, PALM_GAP)))
    if spec.view == "top":
        return body
    groups = [landmarks.rest_blobs(body, name) for name in pose.rest]
    groups = [g for g in groups if g]
    if len(groups) >= 2:
        body = body.moved(rot_z(_level(groups[0], groups[-1])))
        groups = [landmarks.rest_blobs(body, name) for name in pose.rest]
    if groups:
        low = min(_bottom(b) for g in groups for b in g)
    else:
        low = min(_bottom(b) for s in body.segments for b in s.blobs) - HANG_GAP
    return body.moved(rot_z(0.0), (0.0, -low, 0.0))


def _bottom(blob: Blob) -> float:
    """The lowest point of an ellipsoid."""
    return blob.centre[1] - math.sqrt(sum(c[1] * c[1] for c in blob.axes))


def _level(first: list[Blob], last: list[Blob]) -> float:
    """The turn about the camera's axis (degrees, about the pelvis) that puts both groups of
    blobs on the floor together."""

    def lowest(blobs: list[Blob], turn: Mat) -> float:
        return min(_bottom(Blob(apply(turn, b.centre), mul(turn, b.axes))) for b in blobs)

    def gap(deg: float) -> float:
        turn = rot_z(deg)
        return lowest(first, turn) - lowest(last, turn)

    lo, hi = -45.0, 45.0
    g_lo, g_hi = gap(lo), gap(hi)
    if g_lo * g_hi > 0:
        grid = [lo + i * 1.0 for i in range(91)]
        return min(grid, key=lambda d: abs(gap(d)))
    for _ in range(40):
        mid = (lo + hi) / 2
        g_mid = gap(mid)
        if g_lo * g_mid <= 0:
            hi, g_hi = mid, g_mid
        else:
            lo, g_lo = mid, g_mid
    return (lo + hi) / 2


def project(view: str, body: Body) -> Scene:
    scene = Scene(view, body)
    for seg in body.segments:
        ells = [ellipse(view, b) for b in seg.blobs]
        scene.ellipses[seg.key] = ells
        d = sum(depth(view, b.centre) for b in seg.blobs) / len(seg.blobs)
        if seg.side != "mid":
            d += LIMB_BIAS
        scene.shapes.append(Shape(seg.key, seg.name, seg.side, d, seg.order, tuple(outline(ells))))
    scene.joints = {k: to2d(view, v) for k, v in body.points.items()}
    if view == "top":
        scene.floor = scene.support = None
    return scene
