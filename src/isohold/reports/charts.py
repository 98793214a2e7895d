"""Small server-side charts, readable on a 360 px phone and across a wide card.

Pure functions from numbers to HTML and SVG text, with no script and no inline style (the
Content-Security-Policy allows neither). The Progress page and the PDF report draw the same
charts: the page styles them with web/static/css/charts.css, the report with its print
stylesheet (reports/templates/print.css). A line chart is a figure of three SVG layers laid out
by the stylesheet:

- the plot: band, grid, rules, lines and markers in a viewBox `PLOT_W` units wide and
  `PLOT_H` high, stretched to the card's width (preserveAspectRatio="none"); its height is fixed
  in CSS to `PLOT_H` px, so a vertical unit is a pixel. Strokes keep their width
  (vector-effect) and markers are zero-length round-capped strokes, so nothing looks stretched;
- the y axis: a column of fixed width whose tick labels sit at the same heights as the plot;
- the x axis: labels placed at a percentage of the plot's width, which is where the points are.

The unit of each axis is printed with it; the legend is HTML that wraps rather than truncates;
every chart has a title and a table of its numbers behind "Show the numbers". Ticks are nice
numbers (1, 2, 2.5 or 5 times a power of ten). Colours pass WCAG AA contrast on white, and
series differ by dash pattern as well as colour.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

PLOT_W, PLOT_H = 1000, 200
#: room above the top tick and below the bottom one, in px (markers and labels stay inside)
PAD_T, PAD_B = 12, 12
COLOURS = ("#1d4ed8", "#b91c1c", "#15803d", "#7c3aed", "#b45309", "#0f766e")
DASHES = ("", "8 5", "2 4", "12 4 2 4", "4 4", "1 3")
#: at most this many labels under the x axis on a narrow chart (a phone) and on a wide one;
#: the stylesheet shows the extra ones when the chart is wide enough for them
X_LABELS_NARROW, X_LABELS_WIDE = 3, 7
NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


def nice_ticks(lo: float, hi: float, max_intervals: int = 5) -> list[float]:
    """Ticks at nice numbers (1, 2, 2.5 or 5 times a power of ten) from at or below `lo` to at
    or above `hi`, with the smallest step that needs at most `max_intervals` intervals:
    0 to 140.8 gives 0, 50, 100, 150; 0 to 10 gives 0, 2, 4, 6, 8, 10."""
    if hi < lo:
        lo, hi = hi, lo
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError("ticks need finite bounds")
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    power = 10.0 ** math.floor(math.log10((hi - lo) / max_intervals))
    for scale in (power, power * 10, power * 100):
        for multiple in NICE_STEPS:
            step = multiple * scale
            first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
            if last - first <= max_intervals:
                return [_clean(k * step) for k in range(first, last + 1)]
    raise AssertionError("unreachable: a step of 100 x the span always fits")  # pragma: no cover


def _clean(value: float) -> float:
    """Drop floating-point dust (0.30000000000000004 -> 0.3)."""
    return float(f"{value:.12g}") + 0.0  # + 0.0 turns -0.0 into 0.0


def tick_text(value: float) -> str:
    """A tick label short enough for the axis column: 1500 as 1.5k, 20000 as 20k."""
    if abs(value) >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def plural(n: int, noun: str, many: str | None = None) -> str:
    """`1 day`, `3 days` (`many` for irregular plurals)."""
    return f"{n} {noun if n == 1 else many or noun + 's'}"


def _frac_x(i: int, n: int) -> float:
    """Where the i-th of n points sits across the plot, 0..1 (a single point in the middle)."""
    return 0.5 if n == 1 else i / (n - 1)


def label_indexes(n: int, most: int) -> list[int]:
    """Which of n x labels to print, at most `most` (2 or more): evenly stepped from the first,
    always ending on the last (which replaces a stepped one too close to it)."""
    if n <= most:
        return list(range(n))
    step = math.ceil((n - 1) / (most - 1))
    picks = list(range(0, n, step))
    if picks[-1] != n - 1:
        if (n - 1) - picks[-1] <= step / 2 and len(picks) > 1:
            picks[-1] = n - 1
        else:
            picks.append(n - 1)
    return [*picks[: most - 1], n - 1] if len(picks) > most else picks


def wide_label_indexes(narrow: Sequence[int], most: int) -> list[int]:
    """The labels of a wide chart: the narrow chart's (`narrow`, sorted) and, evenly between
    each two of them, as many more as `most` allows, so no label of one set lands beside a
    label of the other."""
    if len(narrow) < 2:
        return list(narrow)
    between = max(0, (most - len(narrow)) // (len(narrow) - 1))
    picks: list[int] = []
    for a, b in itertools.pairwise(narrow):
        picks.append(a)
        for k in range(1, between + 1):
            i = a + round((b - a) * k / (between + 1))
            if picks[-1] < i < b:
                picks.append(i)
    return [*picks, narrow[-1]]


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    y_unit: str,
    x_label: str,
    lo: float | None = None,
    hi: float | None = None,
    band: tuple[float, float, str] | None = None,
    rules: Sequence[tuple[float, str]] = (),
) -> str:
    """Lines over time. The y axis spans the data and, when given, `lo`, `hi`, the band (as far
    as it lies within `lo`..`hi`) and the rules, widened to nice ticks; `y_unit` is printed
    above it ("N", "N/s", "s", "mmHg", "/10") and `x_label` under the x axis."""
    n = len(labels)
    known = [v for _name, values in series for v in values if v is not None]
    span = [*known, *(x for x in (lo, hi) if x is not None), *(r for r, _t in rules)]
    if band is not None:
        span += [max(band[0], lo if lo is not None else band[0]),
                 min(band[1], hi if hi is not None else band[1])]  # fmt: skip
    ticks = nice_ticks(min(span, default=0.0), max(span, default=1.0))
    bottom, top = ticks[0], ticks[-1]

    def y(value: float) -> float:
        inner = PLOT_H - PAD_T - PAD_B
        return PAD_T + inner * (1 - (value - bottom) / ((top - bottom) or 1))

    def x(i: int) -> float:
        return PLOT_W * _frac_x(i, n)

    plot = [f'<svg class="chart-lines" viewBox="0 0 {PLOT_W} {PLOT_H}" '
            'preserveAspectRatio="none" aria-hidden="true" focusable="false">']  # fmt: skip
    over = ['<svg class="chart-notes" aria-hidden="true" focusable="false">']
    if band is not None:
        b_lo, b_hi, text = band
        y1, y2 = y(min(b_hi, top)), y(max(b_lo, bottom))
        plot.append(f'<rect x="0" y="{y1:.1f}" width="{PLOT_W}" height="{y2 - y1:.1f}" '
                    'class="chart-band"/>')  # fmt: skip
        over.append(f'<text x="100%" dx="-6" y="{y1 + 16:.1f}" text-anchor="end" '
                    f'class="chart-note">{escape(text)}</text>')  # fmt: skip
    for tick in ticks:
        plot.append(f'<line x1="0" x2="{PLOT_W}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                    'class="chart-grid"/>')  # fmt: skip
    for value, text in rules:
        plot.append(f'<line x1="0" x2="{PLOT_W}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                    'class="chart-rule"/>')  # fmt: skip
        below = y(value) < 24  # no room above the line: write under it
        over.append(f'<text x="6" y="{y(value) + (16 if below else -5):.1f}" '
                    f'class="chart-note">{escape(text)}</text>')  # fmt: skip
    legend = []
    for k, (name, values) in enumerate(series):
        colour, dash = COLOURS[k % len(COLOURS)], DASHES[k % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        points = [(i, v) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in points)
            plot.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"'
                        f'{dash_attr} vector-effect="non-scaling-stroke"/>')  # fmt: skip
        for i, v in points:
            plot.append(
                f'<path d="M{x(i):.1f} {y(v):.1f}h0" stroke="{colour}" stroke-width="9" '
                'stroke-linecap="round" vector-effect="non-scaling-stroke">'
                f"<title>{escape(name)}, {escape(labels[i])}: {v:g} {escape(y_unit)}</title></path>"
            )
        legend.append(
            f'<li><svg class="chart-key" viewBox="0 0 28 12" aria-hidden="true" focusable="false">'
            f'<line x1="1" x2="27" y1="6" y2="6" stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f"</svg>{escape(name)}</li>"
        )
    if not known:
        over.append('<text x="50%" y="50%" text-anchor="middle" class="chart-empty">'
                    "No data yet</text>")  # fmt: skip
    plot.append("</svg>")
    over.append("</svg>")
    y_axis = ['<svg class="chart-y" aria-hidden="true" focusable="false">']
    for tick in ticks:
        y_axis.append(f'<text x="100%" dx="-8" y="{y(tick) + 5:.1f}" text-anchor="end">'
                      f"{tick_text(tick)}</text>")  # fmt: skip
    y_axis.append("</svg>")
    x_axis = ['<svg class="chart-x" aria-hidden="true" focusable="false">']
    narrow_picks = label_indexes(n, X_LABELS_NARROW)
    narrow = set(narrow_picks)
    for i in wide_label_indexes(narrow_picks, X_LABELS_WIDE):
        frac = _frac_x(i, n)
        anchor = "middle" if n == 1 else "start" if i == 0 else "end" if i == n - 1 else "middle"
        extra = "" if i in narrow else ' class="x-wide"'
        x_axis.append(f'<text x="{100 * frac:.2f}%" y="16" text-anchor="{anchor}"{extra}>'
                      f"{escape(labels[i])}</text>")  # fmt: skip
    x_axis.append("</svg>")
    return "".join([
        f'<figure class="chart" data-ticks="{" ".join(f"{t:g}" for t in ticks)}">',
        f'<figcaption class="chart-title">{escape(title)}</figcaption>',
        '<div class="chart-grid-layout">',
        f'<span class="chart-unit" title="unit of the vertical axis">{escape(y_unit)}</span>',
        f'<ul class="chart-legend">{"".join(legend)}</ul>',
        *y_axis,
        '<div class="chart-plot">', *plot, *over, "</div>",
        '<span class="chart-corner"></span>', *x_axis,
        '<span class="chart-corner"></span>',
        f'<span class="chart-x-label">{escape(x_label)}</span>',
        "</div>",
        _numbers_table(labels, series, x_label, y_unit),
        "</figure>",
    ])  # fmt: skip


def _numbers_table(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    x_label: str,
    y_unit: str,
) -> str:
    """The chart's numbers as a table, folded away (screen readers and curious eyes)."""
    if not labels:
        return ""
    head = "".join(f'<th scope="col">{escape(name)} ({escape(y_unit)})</th>'
                   for name, _v in series)  # fmt: skip
    rows = []
    for i, label in enumerate(labels):
        cells = "".join(
            "<td>-</td>" if values[i] is None else f"<td>{_number(values[i])}</td>"
            for _name, values in series
        )
        rows.append(f'<tr><th scope="row">{escape(label)}</th>{cells}</tr>')
    return (
        '<details class="chart-numbers"><summary>Show the numbers</summary>'
        f'<div class="scroll-x"><table><thead><tr><th scope="col">{escape(x_label)}</th>{head}'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></details>"
    )


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}".removesuffix(".0") if abs(value) < 100 else f"{value:.0f}"


CELL, GAP = 26, 6
LABEL_W, COUNT_W = 78, 74


def calendar(title: str, days_done: set[date], today: date, weeks: int = 12) -> str:
    """Training days of the last `weeks` weeks: a row per week (labelled with its Monday),
    Monday to Sunday across, filled squares for days trained and the week's count at the end."""
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    pitch = CELL + GAP
    head = 24
    width, height = LABEL_W + 7 * pitch + COUNT_W, head + weeks * pitch
    trained = sum(1 for d in days_done if start <= d <= today)
    summary = f"{title}: trained on {plural(trained, 'day')} of the last {plural(weeks, 'week')}."
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(summary)}" '
        f'class="calendar"><title>{escape(summary)}</title>'
    ]
    for col, name in enumerate(("M", "T", "W", "T", "F", "S", "S")):
        parts.append(f'<text x="{LABEL_W + col * pitch + CELL / 2:.0f}" y="16" '
                     f'text-anchor="middle" class="small">{name}</text>')  # fmt: skip
    for week in range(weeks):
        monday = start + timedelta(weeks=week)
        top = head + week * pitch
        parts.append(f'<text x="{LABEL_W - 10}" y="{top + CELL - 7}" text-anchor="end" '
                     f'class="small week-label">{monday.day} {monday:%b}</text>')  # fmt: skip
        done = 0
        for col in range(7):
            day = monday + timedelta(days=col)
            if day > today:
                continue
            hit = day in days_done
            done += hit
            parts.append(
                f'<rect x="{LABEL_W + col * pitch}" y="{top}" width="{CELL}" height="{CELL}" '
                f'rx="4" class="{"day-done" if hit else "day-rest"}"><title>{day:%a} {day.day} '
                f"{day:%b}{': trained' if hit else ''}</title></rect>"
            )
        parts.append(f'<text x="{LABEL_W + 7 * pitch + 4}" y="{top + CELL - 7}" '
                     f'class="small">{plural(done, "day")}</text>')  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)
