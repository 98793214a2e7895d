"""An outcome measure as a chart over time: a line a side (or one line), the shaded band around
the first result where a change is not yet meaningful (the larger of the measure's MCID and
MDC, domain/outcomes.py), and the measure's unit on the axis. The Progress page and the PDF
report draw the same chart."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from isohold.domain.outcomes import Change, Scoring, band, change
from isohold.reports import charts


@dataclass(frozen=True)
class OutcomeLine:
    """One measure's results in plain values: a series a side (side None: one series)."""

    measure: str
    name: str
    scoring: Scoring
    series: tuple[tuple[str | None, tuple[tuple[datetime, float], ...]], ...]

    def changes(self) -> list[tuple[str | None, float, float, Change]]:
        """(side, first, latest, change) for each series with two results or more."""
        return [(side, pts[0][1], pts[-1][1], change(self.scoring, pts[0][1], pts[-1][1]))
                for side, pts in self.series if len(pts) >= 2]  # fmt: skip


def _label(side: str | None, name: str) -> str:
    return f"{side.capitalize()} side" if side else name


def outcome_chart(line: OutcomeLine, day_label: Callable[[date], str]) -> str:
    """The chart; the band sits around the first result of the first series."""
    scoring = line.scoring
    days = sorted({at.date() for _side, pts in line.series for at, _v in pts})
    values: list[tuple[str, Sequence[float | None]]] = []
    for side, pts in line.series:
        on = {at.date(): v for at, v in pts}  # a day with several results shows its last
        values.append((_label(side, line.name), [on.get(d) for d in days]))
    first = line.series[0][1][0][1]
    lo_hi = band(scoring, first)
    shaded = None
    if lo_hi is not None:
        threshold = scoring.threshold or 0
        shaded = (lo_hi[0], lo_hi[1], f"±{threshold:g}: not yet a meaningful change")
    bounded = scoring.unit.startswith("/")
    return charts.line_chart(
        f"{line.name}, {scoring.better} is better", [day_label(d) for d in days], values,
        y_unit=scoring.unit, x_label="Day of the test", lo=scoring.lo,
        hi=scoring.hi if bounded else None, band=shaded,
    )  # fmt: skip
