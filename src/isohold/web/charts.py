"""The Progress page's charts. The drawing code lives in `isohold.reports.charts`, so that the
pages and the PDF report draw the same charts; this module keeps the web layer's name for it."""

from isohold.reports.charts import (
    COLOURS,
    DASHES,
    NICE_STEPS,
    PAD_B,
    PAD_T,
    PLOT_H,
    PLOT_W,
    X_LABELS_NARROW,
    X_LABELS_WIDE,
    calendar,
    label_indexes,
    line_chart,
    nice_ticks,
    plural,
    tick_text,
)

__all__ = [
    "COLOURS", "DASHES", "NICE_STEPS", "PAD_B", "PAD_T", "PLOT_H", "PLOT_W", "X_LABELS_NARROW",
    "X_LABELS_WIDE", "calendar", "label_indexes", "line_chart", "nice_ticks", "plural", "tick_text",
]  # fmt: skip
