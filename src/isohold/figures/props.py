"""Props drawn around the hold pose: the floor, a wall, a chair, a step, straps and bands...

Each prop is placed from the posed body (a wall where the back is, a seat under the thighs, a
pad on the shin), so the body touches what it presses. Sizes are drawing choices in body
heights; the drawing's y axis points up and the floor is at y = 0 unless a step or mat lifts
the body.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from isohold.domain.figure_spec import PropSpec
from isohold.figures.landmarks import segment_keys
from isohold.figures.project import P2
from isohold.figures.scene import Scene

STEP_HEIGHT = 0.09
MAT_THICKNESS = 0.014
WALL_THICKNESS = 0.05


@dataclass(frozen=True, slots=True)
class Mark:
    """Something drawn that is not the body.

    kind: `poly` (a closed shape, corners rounded by r), `line` (an open stroke) or `circle`
    (centre points[0], radius r). layer: `back` (under the body) or `front` (over it).
    """

    kind: str
    cls: str
    points: tuple[P2, ...]
    r: float = 0.0
    layer: str = "back"


@dataclass(frozen=True, slots=True)
class Props:
    marks: tuple[Mark, ...]
    floor: float | None
    #: what each prop touches, for the checks: (prop kind, landmark, point on the prop)
    touches: tuple[tuple[str, str, P2], ...] = ()


def _rect(x0: float, y0: float, x1: float, y1: float) -> tuple[P2, ...]:
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def _extent(scene: Scene, keys: list[str] | None = None) -> tuple[float, float, float, float]:
    pts = [p for s in scene.shapes if keys is None or s.key in keys for p in s.points]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def place(scene: Scene, specs: tuple[PropSpec, ...]) -> Props:
    """The marks for every prop, and where the floor is drawn."""
    marks: list[Mark] = []
    touches: list[tuple[str, str, P2]] = []
    floor = scene.floor
    kinds = {s.kind for s in specs}
    if floor is not None and "step" in kinds:
        floor -= STEP_HEIGHT
    if floor is not None and "mat" in kinds:
        floor -= MAT_THICKNESS
    x0, y0, x1, _ = _extent(scene)
    for spec in specs:
        fn = _PLACERS.get(spec.kind)
        if fn is None:
            continue
        made, touched = fn(scene, spec, floor if floor is not None else y0)
        marks.extend(made)
        touches.extend(touched)
    if floor is not None:
        left, right = x0 - 0.12, x1 + 0.12
        for m in marks:
            for p in m.points:
                left, right = min(left, p[0] - 0.05), max(right, p[0] + 0.05)
        marks.insert(0, Mark("poly", "fig-ground", _rect(left, floor - 0.035, right, floor)))
        marks.insert(1, Mark("line", "fig-floor", ((left, floor), (right, floor))))
    return Props(tuple(marks), floor, tuple(touches))


Placed = tuple[list[Mark], list[tuple[str, str, P2]]]


def _one(scene: Scene, name: str) -> tuple[P2, P2]:
    return scene.landmark(name)[0]


def _floor(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    return [], []


def _mat(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    x0, y0, x1, y1 = _extent(scene)
    if scene.view == "top":  # seen from above, the mat lies under the whole body
        return [
            Mark(
                "poly", "fig-prop fig-mat", _rect(x0 - 0.06, y0 - 0.06, x1 + 0.06, y1 + 0.06), 0.02
            )
        ], []
    top = floor + MAT_THICKNESS
    return [Mark("poly", "fig-prop fig-mat", _rect(x0 - 0.05, floor, x1 + 0.05, top), 0.006)], []


def _wall(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    (lx, ly), _ = _one(scene, spec.at)
    x0, _, x1, y1 = _extent(scene)
    centre = (x0 + x1) / 2
    side = 1.0 if lx > centre else -1.0
    near = [p for s in scene.shapes if s.key in segment_keys(spec.at) for p in s.points]
    touch = max(near, key=lambda p: p[0] * side)
    face = touch[0]
    far = face + side * WALL_THICKNESS
    top = max(y1 + 0.12, 1.05) if scene.view != "top" else ly + 0.3
    bottom = floor if scene.view != "top" else ly - 0.3
    wall = Mark("poly", "fig-prop fig-wall", _rect(min(face, far), bottom, max(face, far), top))
    return [wall], [("wall", spec.at, touch)]


def _seat(scene: Scene, floor: float, back: bool, length: float) -> tuple[list[Mark], float, P2]:
    """A seat under the thighs (side view) or the hips (front view)."""
    thighs = [p for s in scene.shapes if s.name == "thigh" for p in s.points]
    pelvis = [p for s in scene.shapes if s.name == "pelvis" for p in s.points]
    hips = [scene.joints["hip.work"], scene.joints["hip.other"]]
    near = [p for p in thighs if min(math.dist(p, h) for h in hips) < 0.09] or pelvis
    contact = min(near, key=lambda p: p[1])
    top = contact[1]
    marks: list[Mark] = []
    if scene.view == "front":
        xs = [p[0] for p in pelvis]
        left, right = min(xs) - 0.04, max(xs) + 0.04
    else:
        left = min(p[0] for p in pelvis) - 0.01
        right = left + length
    marks.append(Mark("poly", "fig-prop", _rect(left, top - 0.03, right, top), 0.008))
    for x in (left + 0.02, right - 0.02):
        marks.append(Mark("poly", "fig-prop", _rect(x - 0.011, floor, x + 0.011, top - 0.03)))
    if back and scene.view == "side":
        chest = [p for s in scene.shapes if s.name in ("chest", "pelvis") for p in s.points]
        bx = min(p[0] for p in chest)
        marks.append(
            Mark("poly", "fig-prop", _rect(bx - 0.03, top - 0.03, bx - 0.002, top + 0.3), 0.008)
        )
    return marks, top, contact


def _chair(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    marks, _, at = _seat(scene, floor, spec.back, 0.24)
    return marks, [("chair", "buttock", at)]


def _bench(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    marks, _, at = _seat(scene, floor, False, 0.32)
    return marks, [("bench", "buttock", at)]


def _step(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    (tx, _), _ = _one(scene, spec.at or "toes")
    edge = tx - 0.06
    top = floor + STEP_HEIGHT
    return [Mark("poly", "fig-prop", _rect(edge, floor, edge + 0.3, top), 0.006)], [
        ("step", spec.at or "toes", (tx, top))
    ]


def _table(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    keys = segment_keys(spec.at)
    lowest = min((p for s in scene.shapes if s.key in keys for p in s.points), key=lambda p: p[1])
    (ax, _), _ = _one(scene, spec.at)
    top = lowest[1]
    left, right = ax - 0.16, ax + 0.3
    marks = [
        Mark("poly", "fig-prop", _rect(left, top - 0.025, right, top), 0.006),
        Mark("poly", "fig-prop", _rect(right - 0.04, floor, right - 0.018, top - 0.025)),
    ]
    return marks, [("table", spec.at, lowest)]


def _towel(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    head = [p for s in scene.shapes if s.name == "head" for p in s.points]
    bottom = min(p[1] for p in head)
    cx = sum(p[0] for p in head) / len(head)
    top = max(bottom, floor + 0.01)
    return [Mark("poly", "fig-prop fig-soft", _rect(cx - 0.075, floor, cx + 0.075, top), 0.006)], [
        ("towel", "back-of-head", (cx, top))
    ]


def _direction(deg: float) -> P2:
    return (math.cos(math.radians(deg)), math.sin(math.radians(deg)))


def _post(x: float, floor: float, top: float) -> Mark:
    return Mark("poly", "fig-prop", _rect(x - 0.018, floor, x + 0.018, top), 0.006)


def _strap(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    (px, py), _ = _one(scene, spec.at)
    dx, dy = _direction(spec.deg)
    reach = spec.reach or 0.35
    ax, ay = px + dx * reach, py + dy * reach
    marks = [Mark("line", "fig-band", ((px, py), (ax, ay)))]
    if abs(dy) < 0.5:
        marks.append(_post(ax + 0.018 * (1 if dx > 0 else -1), floor, max(ay + 0.12, 0.6)))
    else:
        marks.append(Mark("circle", "fig-prop", ((ax, ay),), 0.014))
    if spec.kind == "force_sensor":
        mx, my = px + dx * reach * 0.5, py + dy * reach * 0.5
        nx, ny = -dy, dx
        w, h = 0.045, 0.022
        corners = [
            (mx + sx * dx * w + sy * nx * h, my + sx * dy * w + sy * ny * h)
            for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))
        ]
        marks.append(Mark("poly", "fig-sensor", tuple(corners), 0.008, "front"))
    return marks, [(spec.kind, spec.at, (px, py))]


def _band_door(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    (px, py), _ = _one(scene, spec.at)
    dx, _ = _direction(spec.deg)
    reach = spec.reach or 0.4
    ax = px + dx * reach
    edge = ax + 0.035 * (1 if dx > 0 else -1)
    if scene.view == "top":  # a door seen from above: its edge, as wide as the door
        door = Mark("poly", "fig-prop fig-door", _rect(ax, py - 0.22, edge, py + 0.22))
    else:
        door = Mark("poly", "fig-prop fig-door", _rect(ax, floor, edge, max(py + 0.25, 1.1)))
    band = Mark("line", "fig-band", ((px, py), (ax, py)))
    knob = Mark("circle", "fig-prop", ((ax, py),), 0.012, "front")
    return [door, band, knob], [("band_door", spec.at, (px, py))]


def _handgrip(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    (hx, hy), _ = _one(scene, spec.at or "hand.work")
    body = Mark("poly", "fig-prop", _rect(hx - 0.016, hy - 0.045, hx + 0.016, hy + 0.03), 0.012)
    dial = Mark("circle", "fig-sensor", ((hx, hy + 0.06),), 0.026, "front")
    return [body, dial], [("handgrip", spec.at or "hand.work", (hx, hy))]


def _bar(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    points = [p for p, _ in scene.landmark(spec.at or "hand")]
    hx, hy = points[0]  # the working (nearer) hand's grip; from the front the bar spans both
    marks: list[Mark] = []
    if scene.view == "front":
        xs = [p[0] for p in points]
        left, right = min(xs) - 0.2, max(xs) + 0.2
        marks.append(
            Mark("poly", "fig-bar", _rect(left, hy - 0.011, right, hy + 0.011), 0.011, "front")
        )
        marks += [_post(left + 0.02, floor, 1.0), _post(right - 0.02, floor, 1.0)]
    else:  # seen from the side: the bar end on the rack's pin, the upright behind the body
        marks.append(_post(hx, floor, hy - 0.02))
        marks.append(Mark("circle", "fig-bar", ((hx, hy),), 0.02, "front"))
    return marks, [("bar", spec.at or "hand", (hx, hy))]


def _dumbbell(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    (hx, hy), _ = _one(scene, spec.at or "hand.work")
    if scene.view == "side":
        shape = _rect(hx - 0.08, hy - 0.03, hx + 0.08, hy + 0.03)
        return [Mark("poly", "fig-bar", shape, 0.02, "front")], [("dumbbell", spec.at, (hx, hy))]
    return [Mark("circle", "fig-bar", ((hx, hy - 0.01),), 0.04, "front")], [
        ("dumbbell", spec.at, (hx, hy))
    ]


def _leg_extension(scene: Scene, spec: PropSpec, floor: float) -> Placed:
    marks, _, _ = _seat(scene, floor, True, 0.26)
    (sx, sy), (nx, ny) = _one(scene, spec.at or "shin.work")
    r = 0.03
    pad = (sx + nx * r, sy + ny * r)
    kx, ky = scene.joints["knee.work"]
    marks.append(Mark("line", "fig-lever", ((kx, ky), pad), 0.0, "back"))
    marks.append(Mark("circle", "fig-prop fig-pad", (pad,), r, "front"))
    marks.append(Mark("circle", "fig-prop", ((kx, ky),), 0.012, "back"))
    return marks, [("leg_extension", spec.at or "shin.work", (sx, sy))]


_PLACERS = {
    "floor": _floor,
    "mat": _mat,
    "wall": _wall,
    "chair": _chair,
    "bench": _bench,
    "step": _step,
    "table": _table,
    "towel": _towel,
    "leg_extension": _leg_extension,
    "strap": _strap,
    "force_sensor": _strap,
    "band_door": _band_door,
    "handgrip": _handgrip,
    "bar": _bar,
    "dumbbell": _dumbbell,
}
