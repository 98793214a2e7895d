"""Parse an exercise's `[exercise.figure]` table (its start and hold poses) and check it: an
unknown joint, landmark or prop, or an angle no body can make, stops loading with an error
naming the entry and the field."""

from __future__ import annotations

from typing import Any

from isohold.catalogue.fields import Entry
from isohold.domain import figure_spec as f

_POSE_FIELDS = ("pitch", "roll", "yaw", "rest", "reach", "text")


def figure(entry: Entry, joint_angle_deg: float | None, unilateral: bool) -> f.FigureSpec | None:
    """The figure of the exercise `entry`, or None when it has none."""
    table = entry.table("figure", required=False)
    if table is None:
        return None
    view = table.choice("view", f.VIEWS)
    angle = _angle(table)
    start_entry, hold_entry = table.table("start"), table.table("hold")
    assert start_entry is not None and hold_entry is not None
    start, hold = _pose(start_entry), _pose(hold_entry)
    spec = f.FigureSpec(
        view=view,
        start=start,
        hold=hold,
        angle=angle,
        props=tuple(_prop(p) for p in table.tables("props", min_len=0)),
        effort=tuple(_effort(e) for e in table.tables("effort", min_len=0)),
        anchor=_landmark(table, "anchor", table.text("anchor", required=False)),
        limb=table.choice("limb", ("leg", "arm", "hand", "side"), default="side"),
    )
    table.done()
    if angle is not None:
        _check_angle(table, angle, hold, joint_angle_deg)
    if unilateral and not _one_sided(spec):
        raise table.error("hold", "is the same on both sides, but the exercise is one-sided")
    return spec


def _one_sided(spec: f.FigureSpec) -> bool:
    """True when something in the figure tells the working side from the other."""
    points = [*spec.hold.rest, *(p.at for p in spec.props), *(e.at for e in spec.effort)]
    return (
        any(v.side != "both" for v in spec.hold.joints)
        or any(side != "both" for side, _ in spec.hold.reach)
        or any(f.split_landmark(x)[1] != "both" for x in points)
    )


def _angle(table: Entry) -> f.AngleSpec | None:
    a = table.table("angle", required=False)
    if a is None:
        return None
    joint = a.choice("joint", f.ANGLE_JOINTS)
    measure = a.choice("measure", f.MEASURES)
    raw = a._get("range", None, True)
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in raw)
        or raw[0] > raw[1]
    ):
        raise a.error("range", "must be [low, high] in degrees")
    low, high = float(raw[0]), float(raw[1])
    lo, hi = f.LIMITS[joint]["flex"]
    for value in (low, high):
        flexion = 180.0 - value if measure == "inside" else value
        if not lo <= flexion <= hi:
            raise a.error("range", f"has {value:g}, which a {joint} cannot reach")
    follow_entry = a.table("follow", required=False)
    follow: list[tuple[str, float]] = []
    if follow_entry is not None:
        for name in follow_entry.raw:
            if name not in f.JOINTS or name == joint:
                raise follow_entry.error(
                    name, f"is not another joint; joints: {', '.join(f.JOINTS)}"
                )
            follow.append((name, follow_entry.number(name, lo=-3, hi=3)))
        follow_entry.done()
    side = a.choice("side", ("both", "work"), default="both")
    a.done()
    return f.AngleSpec(joint, measure, low, high, tuple(follow), side)


def _check_angle(
    table: Entry, angle: f.AngleSpec, hold: f.Pose, joint_angle_deg: float | None
) -> None:
    side = "work"
    drawn = angle.from_flexion(hold.angles(angle.joint, side).flex)
    if not angle.low <= drawn <= angle.high:
        raise table.error("hold", f"draws the {angle.joint} at {drawn:g}, outside the angle range")
    if joint_angle_deg is not None and abs(drawn - joint_angle_deg) > 0.5:
        raise table.error(
            "hold",
            f"draws the {angle.joint} at {drawn:g} ({angle.measure}), but the exercise's "
            f"joint_angle_deg is {joint_angle_deg:g}",
        )


def _pose(entry: Entry) -> f.Pose:
    values: list[f.JointValue] = []
    for name in entry.raw:
        if name in _POSE_FIELDS:
            continue
        if name not in f.JOINTS:
            raise entry.error(name, f"is not a joint; joints: {', '.join(f.JOINTS)}")
        values.extend(_joint(entry, name))
    rest = tuple(_landmark(entry, "rest", x) for x in entry.texts("rest", required=False))
    pose = f.Pose(
        joints=tuple(values),
        pitch=entry.number("pitch", lo=-180, hi=180, default=0),
        roll=entry.number("roll", lo=-180, hi=180, default=0),
        yaw=entry.number("yaw", lo=-180, hi=180, default=0),
        rest=rest,
        reach=_reach(entry),
        text=entry.text("text", required=False),
    )
    entry.done()
    return pose


def _joint(entry: Entry, name: str) -> list[f.JointValue]:
    raw = entry._get(name, None, True)
    if isinstance(raw, dict) and raw and set(raw) <= set(f.SIDES):
        out = []
        for side, value in raw.items():
            out.append(f.JointValue(name, side, _angles(entry, name, value, f"{name}.{side}")))
        return out
    return [f.JointValue(name, "both", _angles(entry, name, raw, name))]


def _angles(entry: Entry, joint: str, raw: Any, field: str) -> f.Angles:
    if isinstance(raw, bool) or not isinstance(raw, int | float | dict):
        raise entry.error(field, "must be an angle in degrees or a table of flex, lateral, twist")
    values = {"flex": raw} if not isinstance(raw, dict) else raw
    out: dict[str, float] = {}
    for plane, value in values.items():
        if plane not in f.PLANES:
            raise entry.error(f"{field}.{plane}", f"is not a plane; planes: {', '.join(f.PLANES)}")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise entry.error(f"{field}.{plane}", "must be a number of degrees")
        lo, hi = f.LIMITS[joint][plane]
        if lo == hi and value != lo:
            raise entry.error(f"{field}.{plane}", f"is {value:g}; a {joint} cannot move that way")
        if not lo <= value <= hi:
            raise entry.error(
                f"{field}.{plane}", f"is {value:g}; a {joint} reaches only {lo:g} to {hi:g} degrees"
            )
        out[plane] = float(value)
    return f.Angles(**out)


def _reach(entry: Entry) -> tuple[tuple[str, str], ...]:
    raw = entry._get("reach", None, False)
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (("both", _landmark(entry, "reach", raw)),)
    if not isinstance(raw, dict) or not raw or not set(raw) <= set(f.SIDES):
        raise entry.error("reach", "must be a landmark, or a table with 'work' and/or 'other'")
    out = []
    for side, target in raw.items():
        if not isinstance(target, str):
            raise entry.error(f"reach.{side}", "must be a landmark")
        out.append((side, _landmark(entry, f"reach.{side}", target)))
    return tuple(out)


def _landmark(entry: Entry, field: str, name: str) -> str:
    if not name:
        return name
    base, side = f.split_landmark(name)
    if base not in f.LANDMARKS:
        raise entry.error(
            field, f"has unknown landmark {base!r}; landmarks: {', '.join(f.LANDMARKS)}"
        )
    if side not in ("both", *f.SIDES):
        raise entry.error(field, f"has {name!r}; a side is '.work' or '.other'")
    if side != "both" and base not in (*f.LIMB_LANDMARKS, "side-of-head", "temple"):
        raise entry.error(field, f"has {name!r}; {base} has no side")
    return name


def _prop(entry: Entry) -> f.PropSpec:
    prop = f.PropSpec(
        kind=entry.choice("kind", f.PROPS),
        at=_landmark(entry, "at", entry.text("at", required=False)),
        deg=entry.number("deg", lo=-360, hi=360, default=0),
        reach=entry.number("reach", lo=0, hi=2, default=0),
        back=entry.flag("back"),
    )
    entry.done()
    return prop


def _effort(entry: Entry) -> f.Effort:
    effort = f.Effort(
        at=_landmark(entry, "at", entry.text("at")),
        deg=entry.number("deg", lo=-360, hi=360),
        text=entry.text("text"),
        turn=entry.flag("turn"),
    )
    entry.done()
    return effort
