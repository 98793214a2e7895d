"""The progress page's strength charts: MVC over time, and RFD from the MVC recordings."""

from __future__ import annotations

import math
from dataclasses import dataclass

from isohold.services.context import Context
from isohold.services.force_trends import mvc_trend
from isohold.web import charts


def _ceiling(value: float) -> float:
    """A round top for an axis: `value` rounded up to a half or whole power of ten."""
    if value <= 0:
        return 1.0
    step = 10.0 ** math.floor(math.log10(value)) / 2
    return float(math.ceil(value / step) * step)


@dataclass(frozen=True)
class ForceCharts:
    mvc_svg: str
    rfd_svg: str | None  # None when no MVC test has a recording
    tests: int


def force_charts(ctx: Context) -> ForceCharts | None:
    """None before the first MVC test."""
    points = mvc_trend(ctx)
    if not points:
        return None
    labels = [p.recorded_at.strftime("%d %b") for p in points]
    mvc = [p.mvc_n for p in points]
    mvc_svg = charts.line_chart("MVC by test (N)", labels, [("MVC", mvc)],
                                lo=0, hi=_ceiling(max(mvc) * 1.1))  # fmt: skip
    peak = [p.peak_rfd for p in points]
    early = [p.rfd_100 for p in points]
    known = [v for v in peak + early if v is not None]
    rfd_svg = None
    if known:
        rfd_svg = charts.line_chart(
            "Rate of force development by test (N/s)", labels,
            [("Peak RFD", peak), ("RFD 0-100 ms", early)],
            lo=min(0.0, min(known)), hi=_ceiling(max(known) * 1.1),
        )  # fmt: skip
    return ForceCharts(mvc_svg, rfd_svg, len(points))
