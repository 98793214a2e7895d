"""Pose a 3-D body from joint angles (forward kinematics), and put hands on targets.

The body is a chain of segments hung from the pelvis. Each segment is drawn as the smooth hull
of a few ellipsoids ("blobs"); their sizes are drawing choices (proportions.py says which
numbers come from the anthropometric table). The working side is the body's right side; a
drawing for the left side is mirrored at the end.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from isohold.domain.figure_spec import Angles, Pose
from isohold.figures import proportions as p
from isohold.figures.vec import (
    IDENTITY,
    Mat,
    Vec,
    add,
    apply,
    dot,
    frame_from,
    mul,
    norm,
    rot,
    scale,
    sub,
    unit,
)

F, U, R = 0, 1, 2
#: adds a segment: name, side, then its blobs
AddSegment = Callable[..., None]
#: the working side is the right (+R), the other side the left
SIGN = {"work": 1.0, "other": -1.0}


@dataclass(frozen=True, slots=True)
class Blob:
    """An ellipsoid: its centre and its three semi-axes as the columns of a matrix."""

    centre: Vec
    axes: Mat


@dataclass(frozen=True, slots=True)
class Segment:
    name: str  # e.g. "thigh"
    side: str  # "work", "other" or "mid"
    blobs: tuple[Blob, ...]
    order: int  # the chain's order, to break ties when sorting by depth

    @property
    def key(self) -> str:
        return self.name if self.side == "mid" else f"{self.name}.{self.side}"


@dataclass(slots=True)
class Body:
    """A posed body in 3-D: joint centres, segment frames and the drawn segments."""

    points: dict[str, Vec] = field(default_factory=dict)
    frames: dict[str, Mat] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)

    def moved(self, turn: Mat, shift: Vec = (0.0, 0.0, 0.0)) -> Body:
        """The body turned by `turn` about the origin, then shifted."""

        def move(v: Vec) -> Vec:
            return add(apply(turn, v), shift)

        return Body(
            points={k: move(v) for k, v in self.points.items()},
            frames={k: mul(turn, m) for k, m in self.frames.items()},
            segments=[
                Segment(
                    s.name,
                    s.side,
                    tuple(Blob(move(b.centre), mul(turn, b.axes)) for b in s.blobs),
                    s.order,
                )
                for s in self.segments
            ],
        )

    def segment(self, key: str) -> Segment:
        for s in self.segments:
            if s.key == key:
                return s
        raise KeyError(key)


def _blob(frame: Mat, centre: Vec, f: float, u: float, r: float) -> Blob:
    """An ellipsoid at `centre` with semi-axes f, u, r along the frame's F, U, R axes."""
    return Blob(centre, (scale(frame[F], f), scale(frame[U], u), scale(frame[R], r)))


def joint_turn(joint: str, side: str, a: Angles) -> Mat:
    """The rotation a joint applies to the segment below it (see figure_spec for the signs)."""
    s = SIGN.get(side, 1.0)
    if joint in ("neck", "trunk"):
        return mul(mul(rot(R, -a.flex), rot(F, a.lateral)), rot(U, -a.twist))
    if joint in ("shoulder", "hip"):
        return mul(mul(rot(R, a.flex), rot(F, -s * a.lateral)), rot(U, -s * a.twist))
    if joint == "knee":
        return rot(R, -a.flex)
    if joint == "elbow":
        return mul(rot(R, a.flex), rot(U, -s * a.twist))
    if joint == "wrist":
        return mul(rot(R, a.flex), rot(F, -s * a.lateral))
    return rot(R, a.flex)  # ankle: dorsiflexion lifts the toes towards the shin


def body_turn(pose: Pose) -> Mat:
    """The whole body's orientation in its own axes: yaw, then pitch, then roll."""
    return mul(mul(rot(U, -pose.yaw), rot(R, -pose.pitch)), rot(F, pose.roll))


def build(pose: Pose, base: Mat = IDENTITY) -> Body:
    """Pose the body: `base` maps the body's axes (F, U, R) into the world's."""
    body = Body()
    pts, frames, segs = body.points, body.frames, body.segments
    origin: Vec = (0.0, 0.0, 0.0)
    pelvis = mul(base, body_turn(pose))
    frames["pelvis"] = pelvis
    pts["root"] = origin
    waist = add(origin, apply(pelvis, (0.0, p.PELVIS, 0.0)))
    pts["waist"] = waist
    chest = mul(pelvis, joint_turn("trunk", "mid", pose.angles("trunk", "work")))
    frames["chest"] = chest
    neck_base = add(waist, apply(chest, (0.0, p.CHEST, 0.0)))
    pts["neck-base"] = neck_base
    neck = mul(chest, joint_turn("neck", "mid", pose.angles("neck", "work")))
    frames["neck"] = frames["head"] = neck
    chin = add(neck_base, apply(neck, (0.0, p.NECK, 0.0)))
    pts["chin"] = chin
    head = add(chin, apply(neck, (0.012, p.HEAD / 2, 0.0)))
    pts["head"] = head

    order = 0

    def seg(name: str, side: str, *blobs: Blob) -> None:
        nonlocal order
        order += 1
        segs.append(Segment(name, side, blobs, order))

    seg(
        "pelvis",
        "mid",
        _blob(pelvis, add(origin, apply(pelvis, (-0.006, -0.012, 0.0))), 0.068, 0.062, 0.092),
        _blob(pelvis, waist, 0.056, 0.045, 0.08),
    )
    seg(
        "chest",
        "mid",
        _blob(chest, waist, 0.056, 0.045, 0.08),
        _blob(chest, add(waist, apply(chest, (0.004, p.CHEST * 0.55, 0.0))), 0.066, 0.06, 0.088),
        _blob(chest, add(neck_base, apply(chest, (-0.004, -0.03, 0.0))), 0.058, 0.035, 0.1),
    )
    seg(
        "neck",
        "mid",
        _blob(neck, add(neck_base, apply(neck, (0.0, -0.01, 0.0))), 0.032, 0.03, 0.03),
        _blob(neck, chin, 0.028, 0.02, 0.028),
    )
    seg(
        "head",
        "mid",
        _blob(neck, head, 0.059, 0.066, 0.048),
        _blob(neck, add(head, apply(neck, (0.03, -0.042, 0.0))), 0.03, 0.025, 0.032),
        _blob(neck, add(head, apply(neck, (0.054, -0.004, 0.0))), 0.012, 0.011, 0.009),
    )

    for side, s in SIGN.items():
        shoulder = add(neck_base, apply(chest, (0.0, -0.022, s * p.SHOULDER_OFFSET)))
        upper = mul(chest, joint_turn("shoulder", side, pose.angles("shoulder", side)))
        elbow = add(shoulder, apply(upper, (0.0, -p.UPPER_ARM, 0.0)))
        fore = mul(upper, joint_turn("elbow", side, pose.angles("elbow", side)))
        wrist = add(elbow, apply(fore, (0.0, -p.FOREARM, 0.0)))
        hand = mul(fore, joint_turn("wrist", side, pose.angles("wrist", side)))
        tip = add(wrist, apply(hand, (0.0, -p.HAND, 0.0)))
        hip = add(origin, apply(pelvis, (0.0, 0.0, s * p.HIP_OFFSET)))
        thigh = mul(pelvis, joint_turn("hip", side, pose.angles("hip", side)))
        knee = add(hip, apply(thigh, (0.0, -p.THIGH, 0.0)))
        shank = mul(thigh, joint_turn("knee", side, pose.angles("knee", side)))
        ankle = add(knee, apply(shank, (0.0, -p.SHANK, 0.0)))
        foot = mul(shank, joint_turn("ankle", side, pose.angles("ankle", side)))
        for name, value in (
            ("shoulder", shoulder),
            ("elbow", elbow),
            ("wrist", wrist),
            ("fingertip", tip),
            ("hip", hip),
            ("knee", knee),
            ("ankle", ankle),
        ):
            pts[f"{name}.{side}"] = value
        for name, frame in (
            ("upper-arm", upper),
            ("forearm", fore),
            ("hand", hand),
            ("thigh", thigh),
            ("shank", shank),
            ("foot", foot),
        ):
            frames[f"{name}.{side}"] = frame
        _legs(body, side, hip, knee, ankle, thigh, shank, foot, seg)
        _arms(body, side, shoulder, elbow, wrist, tip, upper, fore, hand, seg)
    return body


def _legs(
    body: Body,
    side: str,
    hip: Vec,
    knee: Vec,
    ankle: Vec,
    thigh: Mat,
    shank: Mat,
    foot: Mat,
    add_seg: AddSegment,
) -> None:
    add_seg(
        "thigh",
        side,
        _blob(thigh, add(hip, apply(thigh, (0.0, 0.01, 0.0))), p.THIGH_R, 0.05, 0.048),
        _blob(thigh, add(hip, apply(thigh, (0.004, -p.THIGH * 0.4, 0.0))), 0.047, 0.06, 0.044),
        _blob(thigh, knee, 0.036, 0.03, 0.036),
    )
    add_seg(
        "shank",
        side,
        _blob(shank, knee, 0.036, 0.03, 0.035),
        _blob(shank, add(knee, apply(shank, (-0.008, -p.SHANK * 0.3, 0.0))), 0.039, 0.05, 0.034),
        _blob(shank, ankle, 0.022, 0.02, 0.022),
    )
    heel_back = p.FOOT_LENGTH * p.HEEL_FRACTION
    toe_front = p.FOOT_LENGTH - heel_back
    heel = add(ankle, apply(foot, (-(heel_back - 0.022), -(p.ANKLE_HEIGHT - 0.022), 0.0)))
    toe = add(ankle, apply(foot, (toe_front - 0.016, -(p.ANKLE_HEIGHT - 0.011), 0.0)))
    body.points[f"heel.{side}"] = heel
    body.points[f"toe.{side}"] = toe
    add_seg(
        "foot",
        side,
        _blob(foot, heel, 0.022, 0.022, 0.022),
        _blob(foot, add(ankle, apply(foot, (0.01, -0.012, 0.0))), 0.024, 0.024, 0.024),
        _blob(foot, toe, 0.016, 0.011, p.FOOT_BREADTH / 2),
    )


def _arms(
    body: Body,
    side: str,
    shoulder: Vec,
    elbow: Vec,
    wrist: Vec,
    tip: Vec,
    upper: Mat,
    fore: Mat,
    hand: Mat,
    add_seg: AddSegment,
) -> None:
    add_seg(
        "upper-arm",
        side,
        _blob(upper, shoulder, 0.036, 0.034, 0.036),
        _blob(upper, elbow, 0.024, 0.024, 0.024),
    )
    add_seg(
        "forearm",
        side,
        _blob(fore, elbow, 0.024, 0.024, 0.024),
        _blob(fore, add(elbow, apply(fore, (0.0, -p.FOREARM * 0.3, 0.0))), 0.026, 0.03, 0.025),
        _blob(fore, wrist, 0.017, 0.016, 0.016),
    )
    along = unit(sub(tip, wrist))
    add_seg(
        "hand",
        side,
        _blob(hand, add(wrist, scale(along, 0.026)), 0.022, 0.026, p.HAND_THICKNESS),
        _blob(hand, sub(tip, scale(along, 0.016)), 0.017, 0.016, 0.009),
    )


def reach(body: Body, side: str, target: Vec) -> Body:
    """Re-pose one arm so the middle of the palm lands on `target` (two-link inverse
    kinematics; the elbow bends the way the pose's own angles bend it)."""
    shoulder = body.points[f"shoulder.{side}"]
    hint_elbow = body.points[f"elbow.{side}"]
    l1 = p.UPPER_ARM
    l2 = p.FOREARM + p.HAND * 0.5
    to = sub(target, shoulder)
    d = max(min(norm(to), l1 + l2 - 1e-6), abs(l1 - l2) + 1e-6)
    axis = unit(to)
    a = (l1 * l1 - l2 * l2 + d * d) / (2 * d)
    h = math.sqrt(max(l1 * l1 - a * a, 0.0))
    w = sub(sub(hint_elbow, shoulder), scale(axis, dot(sub(hint_elbow, shoulder), axis)))
    if norm(w) < 1e-6:
        w = sub(body.frames["chest"][F], scale(axis, dot(body.frames["chest"][F], axis)))
    elbow = add(add(shoulder, scale(axis, a)), scale(unit(w), h))
    hand_at = add(shoulder, scale(axis, d))
    fore_dir = unit(sub(hand_at, elbow))
    wrist = add(elbow, scale(fore_dir, p.FOREARM))
    tip = add(wrist, scale(fore_dir, p.HAND))
    upper = frame_from(scale(unit(sub(elbow, shoulder)), -1.0), body.frames[f"upper-arm.{side}"], U)
    fore = frame_from(scale(fore_dir, -1.0), body.frames[f"forearm.{side}"], U)
    hand = frame_from(scale(fore_dir, -1.0), body.frames[f"hand.{side}"], U)
    body.points.update({f"elbow.{side}": elbow, f"wrist.{side}": wrist, f"fingertip.{side}": tip})
    body.frames.update({f"upper-arm.{side}": upper, f"forearm.{side}": fore, f"hand.{side}": hand})
    keep = [s for s in body.segments if not (s.side == side and s.name in ARM_SEGMENTS)]
    order = {s.key: s.order for s in body.segments}
    fresh: list[Segment] = []

    def collect(name: str, side_: str, *blobs: Blob) -> None:
        fresh.append(Segment(name, side_, blobs, order[f"{name}.{side_}"]))

    _arms(body, side, shoulder, elbow, wrist, tip, upper, fore, hand, collect)
    body.segments[:] = sorted([*keep, *fresh], key=lambda s: s.order)
    return body


ARM_SEGMENTS = ("upper-arm", "forearm", "hand")
