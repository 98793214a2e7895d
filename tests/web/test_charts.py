"""The chart builders as pure functions: nice ticks, which x labels to print, units, legends
that are never cut short, and the training-days grid with a label on every week."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from itertools import pairwise

import pytest

from isohold.reports.charts import (
    X_LABELS_NARROW,
    X_LABELS_WIDE,
    calendar,
    label_indexes,
    line_chart,
    nice_ticks,
    plural,
    tick_text,
    wide_label_indexes,
)


def _is_nice(step: float) -> bool:
    power = 10 ** math.floor(math.log10(step))
    return any(math.isclose(step, m * power) for m in (1, 2, 2.5, 5, 10))


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0, 140.8, [0, 50, 100, 150]),  # the hold chart once showed 0, 70.4, 140.8
        (0, 10, [0, 2, 4, 6, 8, 10]),
        (0, 1104, [0, 250, 500, 750, 1000, 1250]),
        (80, 160, [80, 100, 120, 140, 160]),
        (0, 0.37, [0, 0.1, 0.2, 0.3, 0.4]),
        (-3, 7, [-5, -2.5, 0, 2.5, 5, 7.5]),
        (7, 3, [3, 4, 5, 6, 7]),
    ],
)
def test_ticks_are_nice_numbers_that_cover_the_range(
    lo: float, hi: float, expected: list[float]
) -> None:
    assert nice_ticks(lo, hi) == expected


@pytest.mark.parametrize("hi", [0.013, 1, 3.3, 9.99, 17, 44, 101, 333, 999, 4321, 62_000])
def test_every_step_is_1_2_2_5_or_5_times_a_power_of_ten(hi: float) -> None:
    ticks = nice_ticks(0, hi)
    steps = {round(b - a, 9) for a, b in pairwise(ticks)}
    assert len(steps) == 1 and _is_nice(steps.pop())
    assert ticks[0] <= 0 and ticks[-1] >= hi and len(ticks) <= 6


def test_a_single_value_still_gets_an_axis() -> None:
    ticks = nice_ticks(5, 5)
    assert ticks[0] < 5 < ticks[-1]


def test_tick_text_is_short() -> None:
    assert [tick_text(v) for v in (0, 2.5, 750, 1250, 20_000)] == ["0", "2.5", "750", "1.25k",
                                                                   "20k"]  # fmt: skip


@pytest.mark.parametrize("n", range(1, 40))
@pytest.mark.parametrize("most", [3, 7])
def test_x_labels_are_few_spread_and_end_on_the_last(n: int, most: int) -> None:
    picks = label_indexes(n, most)
    assert picks[0] == 0 and picks[-1] == n - 1 and len(picks) <= most
    assert picks == sorted(set(picks))
    if n > 1 and len(picks) > 2:
        gaps = [b - a for a, b in pairwise(picks)]
        assert min(gaps) * 2 >= max(gaps) - 1  # no two labels crowd together


@pytest.mark.parametrize("n", range(1, 800))
def test_a_wide_chart_adds_labels_between_the_narrow_ones_never_beside_them(n: int) -> None:
    narrow = label_indexes(n, X_LABELS_NARROW)
    wide = wide_label_indexes(narrow, X_LABELS_WIDE)
    assert set(narrow) <= set(wide) and wide == sorted(set(wide)) and len(wide) <= X_LABELS_WIDE
    if n >= X_LABELS_WIDE:
        gaps = [b - a for a, b in pairwise(wide)]
        assert min(gaps) * 2 >= max(gaps) - 1, wide  # evenly spread: none crowds another


def test_counts_are_singular_for_one() -> None:
    assert plural(1, "set") == "1 set"
    assert plural(0, "set") == "0 sets"
    assert plural(14, "set") == "14 sets"
    assert plural(1, "day") == "1 day"


def _chart() -> str:
    return line_chart(
        "Longest hold per exercise and day, seconds",
        ["3 Nov", "4 Nov", "6 Nov"],
        [("Side plank (feet staggered)", [10, 12, None]), ("Handgrip hold", [120, None, 128])],
        y_unit="s", x_label="Training day", lo=0,
    )  # fmt: skip


def test_a_line_chart_names_its_units_and_whole_legend() -> None:
    html = _chart()
    assert '<span class="chart-unit"' in html and ">s</span>" in html
    assert "Training day" in html
    legend = re.findall(r"</svg>([^<]+)</li>", html)
    assert legend == ["Side plank (feet staggered)", "Handgrip hold"]  # never cut short with …
    assert "…" not in html
    assert 'data-ticks="0 50 100 150"' in html
    ticks = re.findall(r'text-anchor="end">([^<]+)</text>', html.split('class="chart-y"')[1])
    assert ticks[:4] == ["0", "50", "100", "150"]


def test_a_line_chart_has_its_numbers_as_a_table() -> None:
    html = _chart()
    assert "<summary>Show the numbers</summary>" in html
    assert '<th scope="col">Handgrip hold (s)</th>' in html
    assert '<tr><th scope="row">4 Nov</th><td>12</td><td>-</td></tr>' in html


def test_the_plot_uses_no_inline_style_and_no_script() -> None:
    html = _chart()
    assert "style=" not in html and "<script" not in html


def test_an_empty_chart_says_so() -> None:
    html = line_chart("Pain", [], [("Morning pain", [])], y_unit="/10", x_label="Week", lo=0,
                      hi=10)  # fmt: skip
    assert "No data yet" in html


def test_the_training_grid_labels_every_week_and_counts_its_days() -> None:
    today = date(2026, 11, 26)  # a Thursday
    monday = today - timedelta(days=3)
    done = {monday, monday + timedelta(days=2), monday - timedelta(days=7)}
    svg = calendar("Training days", done, today, weeks=12)
    labels = re.findall(r'class="small week-label">([^<]+)<', svg)
    assert len(labels) == 12 and labels[-1] == "23 Nov" and labels[-2] == "16 Nov"
    counts = re.findall(r'class="small">(\d+ days?)</text>', svg)
    assert counts[-2:] == ["1 day", "2 days"]
    assert "trained on 3 days of the last 12 weeks" in svg
