"""Draw an exercise: its hold pose (and its start pose, when the figure moves) with props, the
tinted working muscles, the arrow of effort, the prescribed angle and the working side, as SVG.

Everything is first laid out in the drawing's own coordinates (body heights, y up), mirrored
for the left side, then scaled into the SVG's (pixels, y down).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from isohold.domain.figure_spec import FigureSpec, Pose
from isohold.domain.models import Exercise
from isohold.figures import contacts, landmarks, svg, tint, words
from isohold.figures.marks import AngleArc, Arrow, angle_arc, arrow
from isohold.figures.muscles import Patch
from isohold.figures.project import P2
from isohold.figures.props import Mark, place
from isohold.figures.scene import (
    LIMB_BIAS,
    Scene,
    Shape,
    pose_body,
    project,
    resolve,
    symmetric,
)
from isohold.figures.skeleton import Body
from isohold.figures.vec import IDENTITY, Vec, sub

#: pixels per body height in the SVG's own units; a body seen from above is small, so that
#: view is drawn larger
SCALE = 250.0
TOP_SCALE = 1.6
MARGIN = 12.0
LABEL_BAND = 26.0
#: a limb this far behind the pelvis (body heights) is drawn in the lighter far-side colour
FAR_DEPTH = 0.03


@dataclass(frozen=True, slots=True)
class AngleMark:
    """The marked angle: the joint, its value in the figure's measure, and three points in
    the SVG (a point along the first segment, the joint, a point along the second)."""

    joint: str
    measure: str
    value: float
    prescribed: bool
    points: tuple[P2, P2, P2]


@dataclass(frozen=True, slots=True)
class Figure:
    """A drawn figure and its geometry in SVG units (y down), for checks and tests."""

    svg: str
    title: str
    desc: str
    view: str
    width: float
    height: float
    side: str | None
    angle: AngleMark | None
    #: joint centres and segment outlines of the hold pose
    joints: dict[str, P2] = field(default_factory=dict)
    outlines: dict[str, tuple[P2, ...]] = field(default_factory=dict)
    #: the floor line's y, and the level the pose rests on (a step or mat lifts it)
    floor: float | None = None
    support: float | None = None
    #: the lowest point of each landmark the hold pose rests on
    rests: dict[str, float] = field(default_factory=dict)
    #: (hand, target landmark, gap in SVG units between the palm and the target)
    reaches: tuple[tuple[str, str, float], ...] = ()
    #: (prop, landmark, gap in SVG units between the prop and the body)
    touches: tuple[tuple[str, str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class _Sides:
    one_sided: bool
    drawn: str | None  # left | right, or None for both sides at once
    each: bool  # one side, then the other


def _sides(exercise: Exercise, side: str | None) -> _Sides:
    one_sided = exercise.unilateral and side != "both"
    drawn = ("left" if side == "left" else "right") if one_sided else None
    return _Sides(one_sided, drawn, one_sided and side not in ("left", "right"))


def draw(
    exercise: Exercise,
    *,
    joint_angle_deg: float | None = None,
    side: str | None = None,
    animate: bool = False,
    uid: str | None = None,
) -> Figure:
    """The figure of `exercise` for a block: at its joint angle (else the exercise's own) and
    for its side (`left`, `right`, `both` or `each`; one-sided exercises show the right side
    unless told). `animate` adds the start pose for the coach to move from."""
    spec = exercise.figure
    if spec is None:
        raise ValueError(f"exercise {exercise.id!r} has no figure")
    sides = _sides(exercise, side)
    start, hold = spec.start, spec.hold
    if exercise.unilateral and side == "both":
        both = symmetric(start), symmetric(hold)
        if both[0] is not None and both[1] is not None:
            start, hold = both[0], both[1]
        else:  # a pose that cannot be doubled is drawn one side at a time
            sides = _Sides(True, "right", True)

    requested = joint_angle_deg if joint_angle_deg is not None else exercise.joint_angle_deg
    angle_value: tuple[float, bool] | None = None
    if spec.angle is not None:
        if requested is not None:
            value = min(max(requested, spec.angle.low), spec.angle.high)
            hold = resolve(spec, hold, value)
            angle_value = (value, True)
        else:
            value = spec.angle.from_flexion(hold.angles(spec.angle.joint, "work").flex)
            angle_value = (value, False)

    hold_body = pose_body(spec, hold)
    start_body = _aligned(spec, hold, hold_body, pose_body(spec, start), bool(start.rest))
    hold_scene = project(spec.view, hold_body)
    start_scene = project(spec.view, start_body)
    props = place(hold_scene, spec.props)
    chosen = tint.wanted(exercise, sides.one_sided)
    arrows = [arrow(hold_scene, e.at, e.deg, e.turn) for e in spec.effort]
    arc = angle_arc(spec.angle, hold_scene) if spec.angle is not None else None
    label = None
    if sides.drawn is not None:
        limb = words.side_words(sides.drawn.capitalize(), spec.limb)
        label = f"{limb}, then the other" if sides.each else limb

    layout = _Layout(spec.view, mirror=sides.drawn == "left", label=label is not None)
    layout.fit([p for s in hold_scene.shapes for p in s.points])
    if animate:
        layout.fit([p for s in start_scene.shapes for p in s.points])
    for mk in props.marks:
        layout.fit(list(mk.points), mk.r if mk.kind == "circle" else 0.0)
    for a in arrows:
        layout.fit(list(a.points))
    if arc is not None:
        layout.fit(list(arc.arc))
        layout.fit([arc.label], 0.07)
    if label:
        layout.min_width = len(label) * 7.2 + 2 * MARGIN
    to_svg = layout.to_svg

    desc = words.description(
        exercise,
        spec,
        angle=angle_value,
        side=sides.drawn,
        each=sides.each,
        requested=requested if spec.angle is not None else None,
        moving=animate,
    )
    title = words.title(exercise, sides.drawn)
    angle = None
    if arc is not None and angle_value is not None and spec.angle is not None:
        first, joint, second = arc.points
        angle = AngleMark(
            spec.angle.joint,
            spec.angle.measure,
            angle_value[0],
            angle_value[1],
            (to_svg(first), to_svg(joint), to_svg(second)),
        )
    markup = svg.document(
        uid=uid or f"fig-{exercise.id}-{sides.drawn or 'both'}",
        view=spec.view,
        width=layout.width,
        height=layout.height,
        title=title,
        desc=desc,
        moving=animate,
        body=_body_paths(hold_scene, start_scene, chosen, animate, to_svg),
        props_back=[_mark(mk, layout) for mk in props.marks if mk.layer == "back"],
        props_front=[_mark(mk, layout) for mk in props.marks if mk.layer == "front"],
        arrows=[_arrow(a, to_svg) for a in arrows],
        angle=None if angle is None or arc is None else _angle(angle, arc, to_svg),
        label=label,
        label_at=(MARGIN, MARGIN + 16.0) if label else None,
    )
    return Figure(
        svg=markup,
        title=title,
        desc=desc,
        view=spec.view,
        width=layout.width,
        height=layout.height,
        side=sides.drawn,
        angle=angle,
        joints={k: to_svg(v) for k, v in hold_scene.joints.items()},
        outlines={s.key: tuple(to_svg(p) for p in s.points) for s in hold_scene.shapes},
        floor=None if props.floor is None else to_svg((0.0, props.floor))[1],
        support=None if hold_scene.support is None else to_svg((0.0, hold_scene.support))[1],
        rests=contacts.rests(hold_scene, hold, to_svg),
        reaches=contacts.reaches(hold_scene, hold, layout.px),
        touches=contacts.touches(hold_scene, props, layout.px),
    )


def _aligned(spec: FigureSpec, hold: Pose, hold_body: Body, start_body: Body, rests: bool) -> Body:
    """The start pose moved so that its anchor sits where the hold pose's does (on the floor
    already when the start pose rests on something)."""
    anchor = spec.anchor or (hold.rest[0] if hold.rest else "pelvis")
    (a, _), *_ = landmarks.point(hold_body, anchor)
    (b, _), *_ = landmarks.point(start_body, anchor)
    d = sub(a, b)
    shift: Vec = (d[0], 0.0, d[2]) if spec.view == "top" else (d[0], 0.0 if rests else d[1], 0.0)
    return start_body.moved(IDENTITY, shift)


class _Layout:
    """The view box: grows to fit every point drawn, then maps the drawing's coordinates to
    the SVG's (mirrored for the left side)."""

    def __init__(self, view: str, mirror: bool, label: bool) -> None:
        self.px = SCALE * (TOP_SCALE if view == "top" else 1.0)
        self.sign = -1.0 if mirror else 1.0
        self.top = MARGIN + (LABEL_BAND if label else 0.0)
        self.x0 = self.y0 = float("inf")
        self.x1 = self.y1 = float("-inf")
        self.min_width = 0.0

    def fit(self, points: list[P2], pad: float = 0.0) -> None:
        for x, y in points:
            x *= self.sign
            self.x0, self.x1 = min(self.x0, x - pad), max(self.x1, x + pad)
            self.y0, self.y1 = min(self.y0, y - pad), max(self.y1, y + pad)

    @property
    def width(self) -> float:
        return max((self.x1 - self.x0) * self.px + 2 * MARGIN, self.min_width)

    @property
    def height(self) -> float:
        return (self.y1 - self.y0) * self.px + self.top + MARGIN

    def to_svg(self, p: P2) -> P2:
        return (
            (p[0] * self.sign - self.x0) * self.px + MARGIN,
            (self.y1 - p[1]) * self.px + self.top,
        )


def _mark(mk: Mark, layout: _Layout) -> svg.MarkDraw:
    return svg.MarkDraw(mk.kind, mk.cls, [layout.to_svg(p) for p in mk.points], mk.r * layout.px)


def _arrow(a: Arrow, to_svg: Callable[[P2], P2]) -> tuple[list[P2], tuple[P2, P2, P2]]:
    tip, left, right = a.head
    return [to_svg(p) for p in a.shaft], (to_svg(tip), to_svg(left), to_svg(right))


def _angle(angle: AngleMark, arc: AngleArc, to_svg: Callable[[P2], P2]) -> svg.AngleDraw:
    return svg.AngleDraw(
        [to_svg(p) for p in arc.arc],
        to_svg(arc.label),
        ("" if angle.prescribed else "≈") + f"{words.number(angle.value)}°",
        angle.joint,
        angle.measure,
        angle.value,
        angle.points,
        [to_svg(p) for p in arc.reference],
    )


def _body_paths(
    hold: Scene,
    start: Scene,
    chosen: list[tuple[str, Patch]],
    animate: bool,
    to_svg: Callable[[P2], P2],
) -> list[svg.PathDraw]:
    """Segments far to near, each followed by its muscle patches; with `animate` each path
    starts at the start pose and carries the hold pose's shape."""
    hold_tints, start_tints = tint.shapes(hold, chosen), tint.shapes(start, chosen)
    start_shapes = {s.key: s for s in start.shapes}
    patches: dict[str, list[tuple[int, Shape]]] = {}
    for i, patch in enumerate(hold_tints):
        patches.setdefault(patch.key, []).append((i, patch))
    middle = next((s.depth for s in hold.shapes if s.key == "pelvis"), 0.0) + LIMB_BIAS
    out: list[svg.PathDraw] = []

    def path(cls: str, shape: Shape, first: Shape) -> svg.PathDraw:
        shown = first if animate else shape
        moving = [to_svg(p) for p in shape.points] if animate else None
        return svg.PathDraw(cls, shape.key, [to_svg(p) for p in shown.points], moving)

    for shape in sorted(hold.shapes, key=lambda s: (round(s.depth, 3), s.order)):
        far = shape.side == "other" and shape.depth < middle - FAR_DEPTH
        out.append(
            path(
                "fig-body fig-far" if far else "fig-body", shape, start_shapes.get(shape.key, shape)
            )
        )
        for i, patch in patches.get(shape.key, []):
            first = start_tints[i] if i < len(start_tints) else patch
            out.append(path("fig-muscle", patch, first))
    return out
