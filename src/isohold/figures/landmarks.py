"""Named points on a posed body (figure_spec.LANDMARKS): where hands go, props touch and arrows
start. Each is a point on the body's surface with the direction facing out of it."""

from __future__ import annotations

from isohold.domain.figure_spec import split_landmark
from isohold.figures.skeleton import SIGN, Blob, Body
from isohold.figures.vec import Vec, add, scale, sub, unit

F, U, R = 0, 1, 2

#: the segments whose blobs rest on the floor for each landmark (`rest` in a pose)
REST_SEGMENTS = {
    "head": ("head",),
    "forehead": ("head",),
    "back-of-head": ("head",),
    "side-of-head": ("head",),
    "temple": ("head",),
    "crown": ("head",),
    "neck": ("neck",),
    "chest": ("chest",),
    "upper-back": ("chest",),
    "back": ("chest",),
    "lower-back": ("pelvis",),
    "belly": ("pelvis", "chest"),
    "buttock": ("pelvis",),
    "pelvis": ("pelvis",),
    "waist": ("pelvis", "chest"),
    "shoulder": ("upper-arm",),
    "upper-arm": ("upper-arm",),
    "outer-upper-arm": ("upper-arm",),
    "elbow": ("forearm",),
    "outer-elbow": ("forearm",),
    "forearm": ("forearm",),
    "wrist": ("forearm", "hand"),
    "back-of-wrist": ("hand",),
    "hand": ("hand",),
    "hip": ("thigh",),
    "outer-hip": ("thigh",),
    "thigh": ("thigh",),
    "back-of-thigh": ("thigh",),
    "outer-thigh": ("thigh",),
    "knee": ("shank", "thigh"),
    "outer-knee": ("shank",),
    "back-of-knee": ("shank",),
    "shin": ("shank",),
    "calf": ("shank",),
    "ankle": ("foot",),
    "heel": ("foot",),
    "toes": ("foot",),
    "foot": ("foot",),
}


def sides(name: str) -> list[tuple[str, str]]:
    """(base, side) pairs a landmark name stands for; a limb point without a side is both."""
    base, side = split_landmark(name)
    if side != "both":
        return [(base, side)]
    if base in ("side-of-head", "temple"):
        return [(base, "work")]
    if REST_SEGMENTS[base][0] in ("head", "neck", "chest", "pelvis"):
        return [(base, "mid")]
    return [(base, "work"), (base, "other")]


MID_SEGMENTS = ("pelvis", "chest", "neck", "head")


def segment_keys(name: str) -> list[str]:
    """The drawn segments a landmark lies on (`thigh.work`, `head`...)."""
    out = []
    for base, side in sides(name):
        for seg in REST_SEGMENTS[base]:
            out.append(seg if seg in MID_SEGMENTS else f"{seg}.{side}")
    return out


def rest_blobs(body: Body, name: str) -> list[Blob]:
    """The blobs that touch the floor when the pose rests on `name`."""
    out: list[Blob] = []
    for base, side in sides(name):
        for seg_name in REST_SEGMENTS[base]:
            key = seg_name if seg_name in MID_SEGMENTS else f"{seg_name}.{side}"
            blobs = body.segment(key).blobs
            if base == "heel":
                blobs = blobs[:1]
            elif base == "toes":
                blobs = blobs[-1:]
            elif base in ("knee", "outer-knee") and seg_name == "shank":
                blobs = blobs[:1]
            elif base in ("knee",) and seg_name == "thigh":
                blobs = blobs[-1:]
            elif base == "elbow":
                blobs = blobs[:1]
            out.extend(blobs)
    return out


def point(body: Body, name: str) -> list[tuple[Vec, Vec]]:
    """(point, outward direction) for each side `name` stands for."""
    return [_one(body, base, side) for base, side in sides(name)]


def _along(a: Vec, b: Vec, t: float) -> Vec:
    return add(a, scale(sub(b, a), t))


def _one(body: Body, base: str, side: str) -> tuple[Vec, Vec]:
    pts, fr = body.points, body.frames
    head, hf = pts["head"], fr["head"]
    pelvis = fr["pelvis"]
    s = SIGN.get(side, 1.0)

    def out(frame_key: str, at: Vec, axis: int, depth: float, sign: float = 1.0) -> tuple[Vec, Vec]:
        n = scale(fr[frame_key][axis], sign)
        return add(at, scale(n, depth)), unit(n)

    if base == "head":
        return head, unit(hf[U])
    if base == "crown":
        return add(head, scale(hf[U], 0.066)), unit(hf[U])
    if base == "forehead":
        return add(add(head, scale(hf[F], 0.056)), scale(hf[U], 0.025)), unit(hf[F])
    if base == "back-of-head":
        return add(add(head, scale(hf[F], -0.057)), scale(hf[U], -0.012)), scale(hf[F], -1.0)
    if base == "side-of-head":
        return add(add(head, scale(hf[R], s * 0.048)), scale(hf[U], 0.012)), scale(hf[R], s)
    if base == "temple":
        at = add(add(add(head, scale(hf[R], s * 0.044)), scale(hf[F], 0.03)), scale(hf[U], 0.02))
        return at, scale(hf[R], s)
    if base == "neck":
        return _along(pts["neck-base"], pts["chin"], 0.5), unit(fr["neck"][F])
    waist, neck_base = pts["waist"], pts["neck-base"]
    if base in ("chest", "upper-back"):
        at = _along(waist, neck_base, 0.62)
        return out("chest", at, F, 0.064, 1.0 if base == "chest" else -1.0)
    if base == "back":
        return out("chest", _along(waist, neck_base, 0.3), F, 0.058, -1.0)
    if base == "waist":
        return out("pelvis", waist, F, 0.056)
    if base == "lower-back":
        return out("pelvis", _along(pts["root"], waist, 0.75), F, 0.06, -1.0)
    if base == "belly":
        return out("pelvis", _along(pts["root"], waist, 0.8), F, 0.06)
    if base == "buttock":
        at = add(add(pts["root"], scale(pelvis[F], -0.05)), scale(pelvis[U], -0.05))
        return at, unit(sub(scale(pelvis[U], -1.0), pelvis[F]))
    if base == "pelvis":
        return pts["root"], unit(pelvis[U])
    return _limb(body, base, side, s)


def _limb(body: Body, base: str, side: str, s: float) -> tuple[Vec, Vec]:
    pts, fr = body.points, body.frames

    def p(name: str) -> Vec:
        return pts[f"{name}.{side}"]

    def frame(name: str) -> tuple[Vec, Vec, Vec]:
        return fr[f"{name}.{side}"]

    def out(at: Vec, axis_vec: Vec, depth: float) -> tuple[Vec, Vec]:
        n = unit(axis_vec)
        return add(at, scale(n, depth)), n

    if base == "shoulder":
        return out(p("shoulder"), frame("upper-arm")[U], 0.03)
    if base == "upper-arm":
        return out(_along(p("shoulder"), p("elbow"), 0.5), frame("upper-arm")[F], 0.03)
    if base == "outer-upper-arm":
        return out(_along(p("shoulder"), p("elbow"), 0.55), scale(frame("upper-arm")[R], s), 0.03)
    if base == "elbow":
        return out(p("elbow"), scale(frame("upper-arm")[U], -1.0), 0.0)
    if base == "outer-elbow":
        return out(p("elbow"), scale(frame("upper-arm")[R], s), 0.024)
    if base == "forearm":
        return out(_along(p("elbow"), p("wrist"), 0.5), frame("forearm")[F], 0.026)
    if base == "wrist":
        return out(p("wrist"), frame("forearm")[F], 0.0)
    if base == "back-of-wrist":
        return out(_along(p("wrist"), p("fingertip"), 0.15), scale(frame("hand")[R], s), 0.012)
    if base == "hand":
        return out(_along(p("wrist"), p("fingertip"), 0.45), scale(frame("hand")[R], -s), 0.0)
    if base == "hip":
        return out(p("hip"), frame("thigh")[F], 0.0)
    if base == "outer-hip":
        return out(p("hip"), scale(frame("thigh")[R], s), 0.05)
    if base == "thigh":
        return out(_along(p("hip"), p("knee"), 0.5), frame("thigh")[F], 0.047)
    if base == "back-of-thigh":
        return out(_along(p("hip"), p("knee"), 0.5), scale(frame("thigh")[F], -1.0), 0.047)
    if base == "outer-thigh":
        return out(_along(p("hip"), p("knee"), 0.75), scale(frame("thigh")[R], s), 0.042)
    if base == "knee":
        return out(p("knee"), frame("thigh")[F], 0.036)
    if base == "outer-knee":
        return out(p("knee"), scale(frame("thigh")[R], s), 0.036)
    if base == "back-of-knee":
        at = _along(p("knee"), p("ankle"), 0.1)
        n = unit(scale(frame("shank")[F], -1.0))
        return add(at, scale(n, 0.036)), n
    if base == "shin":
        return out(_along(p("knee"), p("ankle"), 0.8), frame("shank")[F], 0.024)
    if base == "calf":
        return out(_along(p("knee"), p("ankle"), 0.3), scale(frame("shank")[F], -1.0), 0.045)
    if base == "ankle":
        return out(p("ankle"), frame("shank")[F], 0.0)
    if base == "heel":
        return out(p("heel"), scale(frame("foot")[U], -1.0), 0.022)
    if base == "toes":
        return out(p("toe"), scale(frame("foot")[U], -1.0), 0.011)
    # foot: the middle of the sole
    return out(_along(p("heel"), p("toe"), 0.5), scale(frame("foot")[U], -1.0), 0.02)
