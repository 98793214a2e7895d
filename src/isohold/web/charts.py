"""Small server-side SVG charts, readable on a phone: lines over time, a band, a calendar.

Pure functions from numbers to SVG text; every chart carries a title and a text summary for
screen readers. Colours pass WCAG AA contrast on white.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

W, H = 420, 230
PAD_L, PAD_R, PAD_T, PAD_B = 40, 12, 28, 30
COLOURS = ("#1d4ed8", "#b91c1c", "#15803d", "#7c3aed", "#b45309", "#0f766e")


def _x(i: int, n: int) -> float:
    return PAD_L + (W - PAD_L - PAD_R) * (i / max(n - 1, 1))


def _y(v: float, lo: float, hi: float) -> float:
    return PAD_T + (H - PAD_T - PAD_B) * (1 - (v - lo) / ((hi - lo) or 1))


def _tick(value: float) -> str:
    """An axis number short enough for the margin: 1500 as 1.5k, 20000 as 20k."""
    return f"{value / 1000:g}k" if abs(value) >= 1000 else f"{value:g}"


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    lo: float,
    hi: float,
    band: tuple[float, float, str] | None = None,
    rules: Sequence[tuple[float, str]] = (),
) -> str:
    n = len(labels)
    parts = [
        f'<svg viewBox="0 0 {W} {H}" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    if band is not None:
        b_lo, b_hi, text = band
        y1, y2 = _y(min(b_hi, hi), lo, hi), _y(max(b_lo, lo), lo, hi)
        parts.append(f'<rect x="{PAD_L}" y="{y1:.1f}" width="{W - PAD_L - PAD_R}" '
                     f'height="{y2 - y1:.1f}" fill="#dbeafe"/>')  # fmt: skip
        parts.append(f'<text x="{W - PAD_R - 4}" y="{y1 + 14:.1f}" text-anchor="end" '
                     f'class="small">{escape(text)}</text>')  # fmt: skip
    for value in (lo, (lo + hi) / 2, hi):
        y = _y(value, lo, hi)
        parts.append(
            f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" class="small">'
                     f"{_tick(value)}</text>")  # fmt: skip
    for value, text in rules:
        y = _y(value, lo, hi)
        parts.append(
            f'<line x1="{PAD_L}" x2="{W - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" class="rule"/>'
        )
        parts.append(f'<text x="{PAD_L + 4}" y="{y - 4:.1f}" class="small">{escape(text)}</text>')
    step = max(1, n // 6)
    for i in range(0, n, step):
        anchor = "end" if i == n - 1 and n > 1 else "start" if i == 0 else "middle"
        parts.append(f'<text x="{_x(i, n):.1f}" y="{H - 8}" text-anchor="{anchor}" class="small">'
                     f"{escape(labels[i])}</text>")  # fmt: skip
    for k, (name, values) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        points = [(i, v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{_x(i, n):.1f},{_y(v, lo, hi):.1f}" for i, v in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"/>'
            )
        for i, v in points:
            parts.append(
                f'<circle cx="{_x(i, n):.1f}" cy="{_y(v, lo, hi):.1f}" r="3.5" fill="{colour}"/>'
            )
        gap = (W - PAD_L) / max(len(series), 1)
        label = name if len(name) <= gap / 9 else name[: int(gap / 9) - 1] + "…"
        parts.append(f'<text x="{PAD_L + 4 + gap * k:.0f}" y="{PAD_T - 10}" fill="{colour}" '
                     f'class="legend">{escape(label)}</text>')  # fmt: skip
    if not any(v is not None for _name, values in series for v in values):
        parts.append(f'<text x="{W / 2}" y="{H / 2}" text-anchor="middle" class="legend">'
                     "No data yet</text>")  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def calendar(title: str, days_done: set[date], today: date, weeks: int = 12) -> str:
    """A grid of the last `weeks` weeks, Monday at the top; filled squares are training days."""
    cell = 18
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    width, height = PAD_L + weeks * (cell + 4), 7 * (cell + 4) + 8
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'class="calendar"><title>{escape(title)}</title>'
    ]
    for row, name in enumerate("MTWTFSS"):
        parts.append(f'<text x="{PAD_L - 10}" y="{row * (cell + 4) + 14}" text-anchor="end" '
                     f'class="small">{name}</text>')  # fmt: skip
    for week in range(weeks):
        for row in range(7):
            day = start + timedelta(weeks=week, days=row)
            if day > today:
                continue
            fill = "#15803d" if day in days_done else "#e5e7eb"
            parts.append(
                f'<rect x="{PAD_L + week * (cell + 4)}" y="{row * (cell + 4)}" width="{cell}" '
                f'height="{cell}" rx="3" fill="{fill}"><title>{day:%a %d %b}'
                f"{': trained' if day in days_done else ''}</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)
