"""Write the figure's SVG: accessible (role, title, desc), styled by presentation attributes
that a stylesheet may override through the class names (no inline style: the app's
Content-Security-Policy allows none)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

P2 = tuple[float, float]

#: default colours; the web app's figures.css restyles the same classes for the dark theme
COLOURS = {
    "bg": "#f3f6f9",
    "body": "#7d97b3",
    "far": "#b3c3d4",
    "edge": "#f3f6f9",
    "muscle": "#e07b53",
    "prop": "#d6dce2",
    "prop_edge": "#8b96a1",
    "ground": "#e2e7ec",
    "floor": "#6f7a85",
    "band": "#4f5b66",
    "sensor": "#2f6f5e",
    "effort": "#b8321f",
    "angle": "#1d4a73",
    "label": "#27323d",
}


@dataclass(frozen=True, slots=True)
class PathDraw:
    cls: str
    key: str
    points: list[P2]
    hold: list[P2] | None = None


@dataclass(frozen=True, slots=True)
class MarkDraw:
    kind: str
    cls: str
    points: list[P2]
    r: float = 0.0


@dataclass(frozen=True, slots=True)
class AngleDraw:
    arc: list[P2]
    text_at: P2
    text: str
    joint: str
    measure: str
    value: float
    points: tuple[P2, P2, P2]
    dash: list[P2]


def n(x: float) -> str:
    """A coordinate with one decimal, without a trailing .0."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else ("0" if s == "-0" else s)


def polygon(points: list[P2]) -> str:
    return "M" + "L".join(f"{n(x)} {n(y)}" for x, y in points) + "Z"


def polyline(points: list[P2]) -> str:
    return "M" + "L".join(f"{n(x)} {n(y)}" for x, y in points)


def _rounded(points: list[P2], r: float) -> str:
    """A closed polygon with corners rounded by r (quadratic curves through the corners)."""
    if r <= 0 or len(points) < 3:
        return polygon(points)
    out = []
    k = len(points)
    for i in range(k):
        prev, cur, nxt = points[i - 1], points[i], points[(i + 1) % k]

        def towards(a: P2, b: P2) -> P2:
            dx, dy = b[0] - a[0], b[1] - a[1]
            d = (dx * dx + dy * dy) ** 0.5 or 1.0
            t = min(r, d / 2) / d
            return (a[0] + dx * t, a[1] + dy * t)

        p1, p2 = towards(cur, prev), towards(cur, nxt)
        out.append(("M" if i == 0 else "L") + f"{n(p1[0])} {n(p1[1])}")
        out.append(f"Q{n(cur[0])} {n(cur[1])} {n(p2[0])} {n(p2[1])}")
    return "".join(out) + "Z"


def _mark(m: MarkDraw) -> str:
    cls = quoteattr(m.cls)
    if m.kind == "circle":
        (x, y) = m.points[0]
        fill, stroke = _prop_colours(m.cls)
        return (
            f'<circle class={cls} cx="{n(x)}" cy="{n(y)}" r="{n(m.r)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="1.5"/>'
        )
    if m.kind == "line":
        colour = COLOURS["floor"] if "fig-floor" in m.cls else COLOURS["band"]
        width = "2" if "fig-floor" in m.cls else "4" if "fig-lever" in m.cls else "3"
        return (
            f'<path class={cls} d="{polyline(m.points)}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}" stroke-linecap="round"/>'
        )
    fill, stroke = _prop_colours(m.cls)
    edge = "" if "fig-ground" in m.cls else f' stroke="{stroke}" stroke-width="1.5"'
    return f'<path class={cls} d="{_rounded(m.points, m.r)}" fill="{fill}"{edge}/>'


def _prop_colours(cls: str) -> tuple[str, str]:
    if "fig-ground" in cls:
        return COLOURS["ground"], COLOURS["ground"]
    if "fig-sensor" in cls:
        return COLOURS["sensor"], COLOURS["sensor"]
    if "fig-bar" in cls:
        return COLOURS["band"], COLOURS["band"]
    return COLOURS["prop"], COLOURS["prop_edge"]


def _path(p: PathDraw) -> str:
    colour = (
        COLOURS["muscle"]
        if p.cls == "fig-muscle"
        else (COLOURS["far"] if "fig-far" in p.cls else COLOURS["body"])
    )
    stroke = (
        ""
        if p.cls == "fig-muscle"
        else (f' stroke="{COLOURS["edge"]}" stroke-width="1.6" stroke-linejoin="round"')
    )
    hold = "" if p.hold is None else f' data-hold="{polygon(p.hold)}"'
    return (
        f'<path class="{p.cls}" data-part="{p.key}" d="{polygon(p.points)}" '
        f'fill="{colour}"{stroke}{hold}/>'
    )


def _arrow(arrow: tuple[list[P2], tuple[P2, P2, P2]]) -> str:
    points, corners = arrow
    shaft = polyline(points)
    head = polygon(list(corners))
    c = COLOURS["effort"]
    halo = COLOURS["bg"]
    return (
        f'<path class="fig-effort-halo" d="{shaft}" stroke="{halo}" stroke-width="8" '
        f'stroke-linecap="round" stroke-linejoin="round" fill="none"/>'
        f'<path class="fig-effort-halo" d="{head}" stroke="{halo}" stroke-width="5" '
        f'stroke-linejoin="round" fill="{halo}"/>'
        f'<path class="fig-effort" d="{shaft}" stroke="{c}" stroke-width="4" '
        f'stroke-linecap="round" stroke-linejoin="round" fill="none"/>'
        f'<path class="fig-effort fig-effort-head" d="{head}" fill="{c}"/>'
    )


def _angle(a: AngleDraw) -> str:
    c = COLOURS["angle"]
    pts = " ".join(f"{n(x)},{n(y)}" for x, y in a.points)
    dash = ""
    if a.dash:
        dash = (
            f'<path class="fig-angle-ref" d="{polyline(a.dash)}" stroke="{c}" '
            f'stroke-width="1.5" stroke-dasharray="4 3" fill="none"/>'
        )
    x, y = a.text_at
    return (
        f'<g class="fig-angle fig-hold-only" data-joint="{a.joint}" '
        f'data-measure="{a.measure}" data-deg="{n(a.value)}" data-points="{pts}">{dash}'
        f'<path class="fig-angle-halo" d="{polyline(a.arc)}" stroke="{COLOURS["bg"]}" '
        f'stroke-width="6" stroke-opacity="0.85" fill="none" stroke-linecap="round"/>'
        f'<path class="fig-angle-arc" d="{polyline(a.arc)}" stroke="{c}" stroke-width="2.4" '
        f'fill="none" stroke-linecap="round"/>'
        f'<text class="fig-angle-text" x="{n(x)}" y="{n(y + 5.5)}" text-anchor="middle" '
        f'font-family="system-ui, sans-serif" font-size="16" font-weight="700" fill="{c}" '
        f'stroke="{COLOURS["bg"]}" stroke-width="4" paint-order="stroke">'
        f"{escape(a.text)}</text></g>"
    )


def document(
    *,
    uid: str,
    view: str,
    width: float,
    height: float,
    title: str,
    desc: str,
    moving: bool,
    body: list[PathDraw],
    props_back: list[MarkDraw],
    props_front: list[MarkDraw],
    arrows: list[tuple[list[P2], tuple[P2, P2, P2]]],
    angle: AngleDraw | None,
    label: str | None,
    label_at: P2 | None,
) -> str:
    cls = f"figure figure-{view}" + (" figure-moving" if moving else "")
    w, h = n(width), n(height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}" role="img" aria-labelledby="{uid}-t {uid}-d" id="{uid}">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(desc)}</desc>',
        f'<rect class="fig-bg" width="{w}" height="{h}" rx="12" fill="{COLOURS["bg"]}"/>',
        '<g class="fig-props">' + "".join(_mark(m) for m in props_back) + "</g>",
        '<g class="fig-figure">' + "".join(_path(p) for p in body) + "</g>",
        '<g class="fig-props-front">' + "".join(_mark(m) for m in props_front) + "</g>",
    ]
    if angle is not None:
        parts.append(_angle(angle))
    if arrows:
        parts.append(
            '<g class="fig-arrows fig-hold-only">' + "".join(_arrow(a) for a in arrows) + "</g>"
        )
    if label and label_at:
        x, y = label_at
        parts.append(
            f'<text class="fig-label" x="{n(x)}" y="{n(y)}" font-family="system-ui, '
            f'sans-serif" font-size="13" font-weight="600" fill="{COLOURS["label"]}">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
