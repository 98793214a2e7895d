"""What the Progress page (/history) shows: adherence, pain, training days, hold times, blood
pressure (the readings and the home weeks' averages), strength, test results and recent
sessions, as charts with units and plain words."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from isohold.domain.errors import NotFoundError
from isohold.domain.home_bp import HOME_GATE_DIASTOLIC, HOME_GATE_SYSTOLIC
from isohold.services import checkins, desk_breaks, history, home_bp, stats
from isohold.services.context import Context
from isohold.web import charts
from isohold.web.force_charts import force_charts
from isohold.web.outcome_charts import outcome_cards

#: a session's status in words
STATUS_WORDS = {
    "complete": "complete",
    "partial": "ended early",
    "stopped": "stopped early",
    "in_progress": "not finished",
}


def _day(d: date) -> str:
    return f"{d.day} {d:%b}"


def progress_context(ctx: Context) -> dict[str, Any] | None:
    """The page's template context; None before onboarding."""
    try:
        result = stats.stats(ctx)
    except NotFoundError:
        return None
    now = ctx.now().date()
    weeks = list(result.weeks[-12:])
    morning = [w.mean_morning_pain for w in weeks]
    first = next((m for m in morning if m is not None), None)
    band = None if first is None else (first - 2, first + 2, "±2 points: not yet a real change")
    pain_svg = charts.line_chart(
        "Pain by week, 0 (none) to 10 (worst): mornings and during exercise",
        [_day(w.week_start) for w in weeks],
        [("Morning pain", morning), ("Pain during exercise", [w.mean_pain_during for w in weeks])],
        y_unit="/10", x_label="Week starting (Monday)", lo=0, hi=10, band=band,
    )  # fmt: skip
    lines = history.history(ctx, 90)
    per_ex: dict[str, dict[date, float]] = defaultdict(dict)
    for line in lines:
        for st in line.sets:
            day = per_ex[st.exercise]
            day[line.day] = max(day.get(line.day, 0.0), st.hold_s)
    days = sorted({d for values in per_ex.values() for d in values})
    names = ctx.catalogue.exercises
    hold_svg = None
    if days:
        hold_svg = charts.line_chart(
            "Longest hold per exercise and day, seconds",
            [_day(d) for d in days],
            [(names[e].name if e in names else e, [vals.get(d) for d in days])
             for e, vals in sorted(per_ex.items())],
            y_unit="s", x_label="Training day", lo=0,
        )  # fmt: skip
    calendar = charts.calendar(
        "Training days, last 12 weeks", {line.day for line in lines if line.sets}, now
    )
    readings = checkins.bp_history(ctx, 90)
    bp_svg = None
    if readings:
        bp_svg = charts.line_chart(
            "Resting blood pressure, mmHg",
            [_day(when) for when, _s, _d in readings],
            [("Systolic", [s for _w, s, _d in readings]),
             ("Diastolic", [d for _w, _s, d in readings])],
            y_unit="mmHg", x_label="Date of the reading",
            rules=[(160, "160 systolic"), (100, "100 diastolic")],
        )  # fmt: skip
    home = home_bp.summary(ctx)
    return {
        "home_bp": home if home.weeks else None,
        "measurement_error": home_bp.measurement_error()["text"],
        "home_gate": f"{HOME_GATE_SYSTOLIC}/{HOME_GATE_DIASTOLIC}",
        "stats": result, "pain_svg": pain_svg, "hold_svg": hold_svg, "calendar": calendar,
        "bp_svg": bp_svg, "lines": lines[:10], "status_words": STATUS_WORDS,
        "plural": charts.plural,
        "weeks": [w.to_dict() for w in desk_breaks.adherence(ctx, now)],
        "force": force_charts(ctx),
        "outcomes": outcome_cards(ctx),
    }  # fmt: skip
