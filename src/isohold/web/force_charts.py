"""The progress page's strength charts: MVC over time, and RFD from the MVC recordings."""

from __future__ import annotations

from dataclasses import dataclass

from isohold.services.context import Context
from isohold.services.force_trends import mvc_trend
from isohold.web import charts


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
    labels = [f"{p.recorded_at.day} {p.recorded_at:%b}" for p in points]
    mvc = [p.mvc_n for p in points]
    mvc_svg = charts.line_chart("MVC by test, newtons", labels, [("MVC", mvc)],
                                y_unit="N", x_label="Date of the test", lo=0)  # fmt: skip
    peak = [p.peak_rfd for p in points]
    early = [p.rfd_100 for p in points]
    rfd_svg = None
    if any(v is not None for v in peak + early):
        rfd_svg = charts.line_chart(
            "Rate of force development by test, newtons per second", labels,
            [("Peak RFD", peak), ("RFD 0-100 ms", early)],
            y_unit="N/s", x_label="Date of the test", lo=0,
        )  # fmt: skip
    return ForceCharts(mvc_svg, rfd_svg, len(points))
