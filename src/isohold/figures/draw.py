"""Draw an exercise: its hold pose (and start pose, when it moves) with props, the tinted
working muscles, the arrow of effort, the prescribed angle and the working side, as SVG."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from isohold.domain.figure_spec import FigureSpec, JointValue, Pose, split_landmark
from isohold.domain.models import Exercise
from isohold.figures import landmarks, svg, tint, words
from isohold.figures.project import P2, to2d
from isohold.figures.props import Mark, Props, place
from isohold.figures.scene import LIMB_BIAS, Scene, Shape, pose_body, project, resolve
from isohold.figures.vec import Vec, sub

#: pixels per body height in the SVG's own units (the view from above is drawn larger: a body
#: seen from above is small)
SCALE = 250.0
TOP_SCALE = 1.6
MARGIN = 12.0
LABEL_BAND = 26.0
ARROW_LENGTH = 0.11
ARC_RADIUS = 0.085
#: the half-axes of a turning arrow's ellipse
TURN_RX = 0.1
TURN_RY = 0.035
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
    #: every point drawn, to check the figure fits its view box
    extent: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def symmetric(pose: Pose) -> Pose | None:
    """The pose with the working side's joints on both sides (a one-sided exercise done with
    both limbs together), or None when the pose rests or reaches on the other side (a split
    stance or a kneeling leg cannot be doubled)."""
    named = [*pose.rest, *(target for _, target in pose.reach)]
    if any(split_landmark(x)[1] == "other" for x in named) or any(
        s == "other" for s, _ in pose.reach
    ):
        return None
    joints = [v for v in pose.joints if v.side != "other"]
    joints = [JointValue(v.joint, "both", v.angles) if v.side == "work" else v for v in joints]
    return Pose(tuple(joints), pose.pitch, pose.roll, pose.yaw, pose.rest, pose.reach, pose.text)


def draw(
    exercise: Exercise,
    *,
    joint_angle_deg: float | None = None,
    side: str | None = None,
    animate: bool = False,
    uid: str | None = None,
) -> Figure:
    """The figure of `exercise` for a block: its angle (else the exercise's own) and its side
    (`left`, `right`, `both` or `each`; one-sided exercises draw the right side unless told)."""
    spec = exercise.figure
    if spec is None:
        raise ValueError(f"exercise {exercise.id!r} has no figure")
    one_sided = exercise.unilateral and side != "both"
    drawn_side = ("left" if side == "left" else "right") if one_sided else None
    each = one_sided and side not in ("left", "right")
    start, hold = spec.start, spec.hold
    if exercise.unilateral and side == "both":
        both_start, both_hold = symmetric(start), symmetric(hold)
        if both_start is not None and both_hold is not None:
            start, hold = both_start, both_hold
        else:  # drawn one side at a time after all
            one_sided, drawn_side, each = True, "right", True

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
    start_body = pose_body(spec, start)
    anchor = spec.anchor or (hold.rest[0] if hold.rest else "pelvis")
    start_body = start_body.moved(
        _identity(), _shift(spec.view, hold_body, start_body, anchor, bool(start.rest))
    )
    hold_scene = project(spec.view, hold_body)
    start_scene = project(spec.view, start_body)
    props = place(hold_scene, spec.props)
    chosen = tint.wanted(exercise, one_sided)
    hold_tints = tint.shapes(hold_scene, chosen)
    start_tints = tint.shapes(start_scene, chosen)

    mirror = -1.0 if drawn_side == "left" else 1.0
    arrows = [_arrow(hold_scene, e.at, e.deg, e.turn) for e in spec.effort]
    mark = _angle_mark(spec, hold_scene, angle_value)
    label = None
    if drawn_side is not None:
        limb = words.side_words(drawn_side.capitalize(), spec.limb)
        label = f"{limb}, then the other" if each else limb

    # everything in model coordinates (body heights, y up), mirrored for the left side
    def m(p: P2) -> P2:
        return (p[0] * mirror, p[1])

    pts: list[P2] = [m(p) for s in hold_scene.shapes for p in s.points]
    if animate:
        pts += [m(p) for s in start_scene.shapes for p in s.points]
    for mk in props.marks:
        pts += [m(p) for p in mk.points]
        if mk.kind == "circle":
            c = m(mk.points[0])
            pts += [(c[0] - mk.r, c[1] - mk.r), (c[0] + mk.r, c[1] + mk.r)]
    for shaft, head in arrows:
        pts += [m(p) for p in (*shaft, *head)]
    arc_pts: list[P2] = []
    text_at: P2 | None = None
    if mark is not None:
        arc_pts, text_at = mark[1], mark[2]
        pts += [m(p) for p in arc_pts]
        tx, ty = m(text_at)
        pts += [(tx - 0.07, ty - 0.035), (tx + 0.07, ty + 0.035)]
    x0, y0 = min(p[0] for p in pts), min(p[1] for p in pts)
    x1, y1 = max(p[0] for p in pts), max(p[1] for p in pts)
    top = MARGIN + (LABEL_BAND if label else 0.0)
    px = SCALE * (TOP_SCALE if spec.view == "top" else 1.0)
    width = (x1 - x0) * px + 2 * MARGIN
    height = (y1 - y0) * px + top + MARGIN
    if label:
        width = max(width, len(label) * 7.2 + 2 * MARGIN)

    def to_svg(p: P2) -> P2:
        x, y = m(p)
        return ((x - x0) * px + MARGIN, (y1 - y) * px + top)

    uid = uid or f"fig-{exercise.id}-{drawn_side or 'both'}"
    title = words.title(exercise, drawn_side)
    desc = words.description(
        exercise,
        spec,
        angle=angle_value,
        side=drawn_side,
        each=each,
        requested=requested if spec.angle is not None else None,
        moving=animate,
    )
    angle = None
    if mark is not None and angle_value is not None and spec.angle is not None:
        a, j, c = mark[0]
        angle = AngleMark(
            spec.angle.joint,
            spec.angle.measure,
            angle_value[0],
            angle_value[1],
            (to_svg(a), to_svg(j), to_svg(c)),
        )
    body_paths = _body_paths(hold_scene, start_scene, hold_tints, start_tints, animate, to_svg)
    markup = svg.document(
        uid=uid,
        view=spec.view,
        width=width,
        height=height,
        title=title,
        desc=desc,
        moving=animate,
        body=body_paths,
        props_back=[_mark(mk, to_svg, px) for mk in props.marks if mk.layer == "back"],
        props_front=[_mark(mk, to_svg, px) for mk in props.marks if mk.layer == "front"],
        arrows=[
            ([to_svg(p) for p in shaft], (to_svg(head[0]), to_svg(head[1]), to_svg(head[2])))
            for shaft, head in arrows
        ],
        angle=None
        if angle is None
        else svg.AngleDraw(
            [to_svg(p) for p in arc_pts],
            to_svg(text_at) if text_at else (0, 0),
            f"{words.number(angle.value)}°",
            angle.joint,
            angle.measure,
            angle.value,
            angle.points,
            [to_svg(p) for p in mark[3]] if mark else [],
        ),
        label=label,
        label_at=(MARGIN, MARGIN + 16.0) if label else None,
    )
    return Figure(
        svg=markup,
        title=title,
        desc=desc,
        view=spec.view,
        width=width,
        height=height,
        side=drawn_side,
        angle=angle,
        joints={k: to_svg(v) for k, v in hold_scene.joints.items()},
        outlines={s.key: tuple(to_svg(p) for p in s.points) for s in hold_scene.shapes},
        floor=None if props.floor is None else to_svg((0.0, props.floor))[1],
        support=None if hold_scene.support is None else to_svg((0.0, hold_scene.support))[1],
        rests=_rests(hold_scene, hold, to_svg),
        reaches=_reaches(hold_scene, hold, px),
        touches=_touches(hold_scene, props, px),
        extent=(0.0, 0.0, width, height),
    )


def _identity() -> tuple[Vec, Vec, Vec]:
    return ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def _shift(view: str, hold: object, start: object, anchor: str, rests: bool) -> Vec:
    """Move the start pose so that its anchor sits where the hold pose's does."""
    from isohold.figures.skeleton import Body

    assert isinstance(hold, Body) and isinstance(start, Body)
    (a, _), *_ = landmarks.point(hold, anchor)
    (b, _), *_ = landmarks.point(start, anchor)
    d = sub(a, b)
    if view == "top":
        return (d[0], 0.0, d[2])
    return (d[0], 0.0 if rests else d[1], 0.0)


Arrow = tuple[list[P2], tuple[P2, P2, P2]]


def _arrow(scene: Scene, at: str, deg: float, turn: bool) -> Arrow:
    """A straight arrow through the landmark, or a curved one round it (`turn`): its shaft's
    points and its head's three corners."""
    (p, _), *_ = scene.landmark(at)
    dx, dy = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    if turn:
        rx, ry = TURN_RX, TURN_RY
        end = math.pi * 0.95 if dx < 0 else math.pi * 0.05
        begin = math.pi * 0.05 if dx < 0 else math.pi * 0.95
        steps = 12
        # the lower half of an ellipse round the point, ending on the side the arrow points to
        angles = [begin + (end - begin) * i / steps for i in range(steps + 1)]
        shaft = [(p[0] + rx * math.cos(a), p[1] - ry * math.sin(a)) for a in angles]
        (x1, y1), (x2, y2) = shaft[-2], shaft[-1]
        n = math.hypot(x2 - x1, y2 - y1) or 1.0
        dx, dy = (x2 - x1) / n, (y2 - y1) / n
        tip = (x2 + dx * 0.02, y2 + dy * 0.02)
    else:
        tail = (p[0] - dx * ARROW_LENGTH * 0.7, p[1] - dy * ARROW_LENGTH * 0.7)
        tip = (p[0] + dx * ARROW_LENGTH * 0.3, p[1] + dy * ARROW_LENGTH * 0.3)
        shaft = [tail]
    w, back = 0.024, 0.038
    base = (tip[0] - dx * back, tip[1] - dy * back)
    left = (base[0] - dy * w, base[1] + dx * w)
    right = (base[0] + dy * w, base[1] - dx * w)
    return [*shaft, base], (tip, left, right)


_REFERENCE = {
    # joint: (proximal point, joint point, distal point) keys in Scene.joints
    "knee": ("hip", "knee", "ankle"),
    "elbow": ("shoulder", "elbow", "wrist"),
}


def _angle_mark(
    spec: FigureSpec, scene: Scene, value: tuple[float, bool] | None
) -> tuple[tuple[P2, P2, P2], list[P2], P2, list[P2]] | None:
    """(three points, arc points, label point, dashed reference line) for the angle joint."""
    if spec.angle is None or value is None:
        return None
    j = spec.angle.joint
    jt = scene.joints
    if j in _REFERENCE:
        a_key, j_key, c_key = _REFERENCE[j]
        a, at, c = jt[f"{a_key}.work"], jt[f"{j_key}.work"], jt[f"{c_key}.work"]
        ref = (at[0] - a[0], at[1] - a[1])  # the proximal segment, carried on past the joint
    else:
        body = scene.body
        key = "pelvis" if j in ("hip", "trunk") else "chest"
        up = to2d(scene.view, body.frames[key][1])
        at = jt[f"{j}.work"] if j in ("hip", "shoulder") else jt["waist"]
        c = (
            jt["knee.work"]
            if j == "hip"
            else jt["elbow.work"]
            if j == "shoulder"
            else jt["neck-base"]
        )
        ref = (up[0], up[1]) if j == "trunk" else (-up[0], -up[1])
        a = (at[0] - ref[0], at[1] - ref[1])
    n = math.hypot(*ref) or 1.0
    ref = (ref[0] / n, ref[1] / n)
    dist = (c[0] - at[0], c[1] - at[1])
    dn = math.hypot(*dist) or 1.0
    dist = (dist[0] / dn, dist[1] / dn)
    start = ref if spec.angle.measure == "flexion" else (-ref[0], -ref[1])
    a0 = math.atan2(start[1], start[0])
    a1 = math.atan2(dist[1], dist[0])
    sweep = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi
    steps = max(2, int(abs(math.degrees(sweep)) / 4) + 1)
    arc = [
        (
            at[0] + ARC_RADIUS * math.cos(a0 + sweep * i / steps),
            at[1] + ARC_RADIUS * math.sin(a0 + sweep * i / steps),
        )
        for i in range(steps + 1)
    ]
    mid = a0 + sweep / 2
    label_r = ARC_RADIUS + 0.055
    label = (at[0] + label_r * math.cos(mid), at[1] + label_r * math.sin(mid))
    dash: list[P2] = []
    if spec.angle.measure == "flexion":
        dash = [at, (at[0] + ref[0] * (ARC_RADIUS + 0.04), at[1] + ref[1] * (ARC_RADIUS + 0.04))]
    return (a, at, c), arc, label, dash


def _mark(mk: Mark, to_svg: Callable[[P2], P2], px: float) -> svg.MarkDraw:
    return svg.MarkDraw(mk.kind, mk.cls, [to_svg(p) for p in mk.points], mk.r * px)


def _body_paths(
    hold: Scene,
    start: Scene,
    hold_tints: list[Shape],
    start_tints: list[Shape],
    animate: bool,
    to_svg: Callable[[P2], P2],
) -> list[svg.PathDraw]:
    """Segments far to near, each followed by its muscle patches; with `animate` each path
    starts at the start pose and carries the hold pose's shape."""
    start_by = {s.key: s for s in start.shapes}
    start_tint = {(s.key, i): s for i, s in enumerate(start_tints)}
    tints: dict[str, list[tuple[int, Shape]]] = {}
    for i, s in enumerate(hold_tints):
        tints.setdefault(s.key, []).append((i, s))
    middle = next((s.depth for s in hold.shapes if s.key == "pelvis"), 0.0) + LIMB_BIAS
    out: list[svg.PathDraw] = []
    for shape in sorted(hold.shapes, key=lambda s: (round(s.depth, 3), s.order)):
        is_far = shape.side == "other" and shape.depth < middle - FAR_DEPTH
        cls = "fig-body fig-far" if is_far else "fig-body"
        first = start_by.get(shape.key, shape) if animate else shape
        out.append(
            svg.PathDraw(
                cls,
                shape.key,
                [to_svg(p) for p in first.points],
                [to_svg(p) for p in shape.points] if animate else None,
            )
        )
        for i, t in tints.get(shape.key, []):
            first_t = start_tint.get((t.key, i), t) if animate else t
            out.append(
                svg.PathDraw(
                    "fig-muscle",
                    t.key,
                    [to_svg(p) for p in first_t.points],
                    [to_svg(p) for p in t.points] if animate else None,
                )
            )
    return out


def _rests(scene: Scene, pose: Pose, to_svg: Callable[[P2], P2]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in pose.rest:
        low = math.inf
        for blob in landmarks.rest_blobs(scene.body, name):
            from isohold.figures.project import ellipse

            e = ellipse(scene.view, blob)
            low = min(low, e.centre[1] - math.sqrt(e.syy))
        out[name] = to_svg((0.0, low))[1]
    return out


def _gap(point: P2, outline: tuple[P2, ...]) -> float:
    """0 when `point` is inside the convex outline, else its distance to the outline."""
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


def _reaches(scene: Scene, pose: Pose, px: float) -> tuple[tuple[str, str, float], ...]:
    out = []
    for side, target in pose.reach:
        for hand in ("work", "other") if side == "both" else (side,):
            (p, _), *_ = scene.landmark(target)
            hand_shape = next(s for s in scene.shapes if s.key == f"hand.{hand}")
            gap = _gap(p, hand_shape.points) * px
            out.append((f"hand.{hand}", target, gap))
    return tuple(out)


def _touches(scene: Scene, props: Props, px: float) -> tuple[tuple[str, str, float], ...]:
    out = []
    for kind, name, at in props.touches:
        keys = landmarks.segment_keys(name)
        shapes = [s for s in scene.shapes if s.key in keys]
        gap = min((_gap(at, s.points) for s in shapes), default=math.inf) * px
        out.append((kind, name, gap))
    return tuple(out)
