"""What an exercise figure is made of, as catalogue data: a start pose and a hold pose given by
joint angles, the view, the props, the arrow of effort and which joint angle a plan may set.

These are plain values (the catalogue parses them, `isohold.figures` draws them). The joint
limits below only stop impossible drawings: they are generous bounds of a healthy adult's range
of motion chosen for validation, not clinical limits and not a published table.

Angles are in degrees, 0 in the anatomical position (standing, arms by the sides):
- `flex`: flexion (+) or extension (-) in the sagittal plane. The knee and the elbow only bend
  (0 = straight); the ankle's flex is dorsiflexion (+) or plantarflexion (-), 0 with the foot at
  a right angle to the shin.
- `lateral`: abduction (+) of the shoulder, hip and wrist (radial deviation), or the neck and
  trunk bending to the working side (+).
- `twist`: outward rotation (+) of the shoulder and hip, or the neck and trunk turning to the
  working side (+).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

JOINTS: Final = ("neck", "trunk", "shoulder", "elbow", "wrist", "hip", "knee", "ankle")
AXIAL_JOINTS: Final = ("neck", "trunk")
PLANES: Final = ("flex", "lateral", "twist")
#: the joints whose angle a plan's `joint_angle_deg` may set (angles measured between segments)
ANGLE_JOINTS: Final = ("knee", "elbow", "hip", "shoulder", "trunk")
#: which body side a value belongs to: the working side, the other side, or both
SIDES: Final = ("work", "other")
VIEWS: Final = ("side", "front", "top")
#: how a prescribed `joint_angle_deg` is measured: `flexion` (0 = straight) or `inside`, the
#: angle between the two segments (180 = straight), as the wall-squat studies report it
MEASURES: Final = ("flexion", "inside")

#: (low, high) per joint and plane, in degrees; a plane a joint cannot move in is (0, 0)
LIMITS: Final[dict[str, dict[str, tuple[float, float]]]] = {
    "neck": {"flex": (-70, 70), "lateral": (-45, 45), "twist": (-80, 80)},
    "trunk": {"flex": (-35, 100), "lateral": (-45, 45), "twist": (-45, 45)},
    "shoulder": {"flex": (-60, 180), "lateral": (-30, 180), "twist": (-90, 90)},
    "elbow": {"flex": (0, 150), "lateral": (0, 0), "twist": (-90, 90)},
    "wrist": {"flex": (-70, 80), "lateral": (-30, 30), "twist": (0, 0)},
    "hip": {"flex": (-30, 140), "lateral": (-35, 50), "twist": (-45, 45)},
    "knee": {"flex": (0, 150), "lateral": (0, 0), "twist": (0, 0)},
    "ankle": {"flex": (-65, 35), "lateral": (0, 0), "twist": (0, 0)},
}

#: Points on the body that poses rest on, hands reach, props touch and arrows start from.
#: Limb points take a side: `knee.work`, `hand.other`; without one they mean both sides.
HEAD_LANDMARKS: Final = (
    "head",
    "forehead",
    "back-of-head",
    "side-of-head",
    "temple",
    "crown",
)
TRUNK_LANDMARKS: Final = (
    "neck",
    "chest",
    "upper-back",
    "back",
    "lower-back",
    "belly",
    "buttock",
    "pelvis",
    "waist",
)
LIMB_LANDMARKS: Final = (
    "shoulder",
    "upper-arm",
    "outer-upper-arm",
    "elbow",
    "outer-elbow",
    "forearm",
    "wrist",
    "back-of-wrist",
    "hand",
    "hip",
    "outer-hip",
    "thigh",
    "back-of-thigh",
    "outer-thigh",
    "knee",
    "outer-knee",
    "back-of-knee",
    "shin",
    "calf",
    "ankle",
    "heel",
    "toes",
    "foot",
)
LANDMARKS: Final = HEAD_LANDMARKS + TRUNK_LANDMARKS + LIMB_LANDMARKS

PROPS: Final = (
    "floor",
    "mat",
    "wall",
    "chair",
    "bench",
    "step",
    "table",
    "towel",
    "leg_extension",
    "strap",
    "band_door",
    "handgrip",
    "bar",
    "force_sensor",
    "dumbbell",
)


@dataclass(frozen=True, slots=True)
class Angles:
    """One joint's angles (degrees) in the three planes."""

    flex: float = 0.0
    lateral: float = 0.0
    twist: float = 0.0


@dataclass(frozen=True, slots=True)
class JointValue:
    """A joint's angles on one side (`work`, `other`) or on both (`both`)."""

    joint: str
    side: str
    angles: Angles


@dataclass(frozen=True, slots=True)
class Pose:
    """A whole-body pose: joint angles, how the body is turned, and what it rests on.

    `pitch` tips the body forward (+, 90 = face down) or back (-90 = face up) about its
    left-right axis; `roll` tips it onto the working side (+90 = lying on that side); `yaw`
    turns it to the working side. `rest` lists the landmarks that touch the floor (or the step
    or mat). `reach` puts a hand on a landmark: `(side, landmark)`.
    """

    joints: tuple[JointValue, ...] = ()
    pitch: float = 0.0
    roll: float = 0.0
    yaw: float = 0.0
    rest: tuple[str, ...] = ()
    reach: tuple[tuple[str, str], ...] = ()
    text: str = ""

    def angles(self, joint: str, side: str) -> Angles:
        """The angles of `joint` on `side` (`work` or `other`), or neutral when not given."""
        found = Angles()
        for value in self.joints:
            if value.joint == joint and value.side in ("both", side):
                found = value.angles
                if value.side == side:
                    break
        return found

    def with_joint(self, joint: str, side: str, angles: Angles) -> Pose:
        """A copy with `joint` on `side` set to `angles` (side `both` sets both)."""
        sides = ("work", "other") if side == "both" else (side,)
        kept = [v for v in self.joints if v.joint != joint]
        others = [s for s in ("work", "other") if s not in sides]
        new = [JointValue(joint, s, self.angles(joint, s)) for s in others]
        new += [JointValue(joint, s, angles) for s in sides]
        return _replace_joints(self, (*kept, *new))


def _replace_joints(pose: Pose, joints: tuple[JointValue, ...]) -> Pose:
    return Pose(
        joints=joints,
        pitch=pose.pitch,
        roll=pose.roll,
        yaw=pose.yaw,
        rest=pose.rest,
        reach=pose.reach,
        text=pose.text,
    )


@dataclass(frozen=True, slots=True)
class AngleSpec:
    """The joint angle a plan's `joint_angle_deg` sets, and how it is measured.

    `follow` lists joints that move with it (degrees of flexion per degree of change), so a
    deeper wall sit also bends the hips and the back stays on the wall. `range` is what may be
    drawn, in the spec's measure.
    """

    joint: str
    measure: str
    low: float
    high: float
    follow: tuple[tuple[str, float], ...] = ()
    side: str = "both"

    def to_flexion(self, value: float) -> float:
        return 180.0 - value if self.measure == "inside" else value

    def from_flexion(self, flexion: float) -> float:
        return 180.0 - flexion if self.measure == "inside" else flexion


@dataclass(frozen=True, slots=True)
class PropSpec:
    """A prop: `at` is the landmark it touches; `deg` and `reach` place an anchor (straps,
    bands) in the drawing's plane (0 = the way the figure faces, 90 = up), `reach` in body
    heights; `back` gives a chair its backrest."""

    kind: str
    at: str = ""
    deg: float = 0.0
    reach: float = 0.0
    back: bool = False


@dataclass(frozen=True, slots=True)
class Effort:
    """An arrow for the direction of effort: at a landmark, pointing `deg` in the drawing's plane
    (0 = right as drawn for the working side, 90 = up), with the words a screen reader says."""

    at: str
    deg: float
    text: str
    #: a curved arrow round the landmark, for a turning effort (it ends pointing `deg`)
    turn: bool = False


@dataclass(frozen=True, slots=True)
class FigureSpec:
    view: str
    start: Pose
    hold: Pose
    angle: AngleSpec | None = None
    props: tuple[PropSpec, ...] = ()
    effort: tuple[Effort, ...] = ()
    #: the landmark that stays put between the start and the hold pose
    anchor: str = ""
    #: what the working side moves, for the left/right label: leg, arm, hand or side
    limb: str = "side"


def split_landmark(name: str) -> tuple[str, str]:
    """`knee.work` -> (`knee`, `work`); `knee` -> (`knee`, `both`)."""
    base, _, side = name.partition(".")
    return base, side or "both"
