"""The Progress page's outcome measures: a chart a measure (reports/outcome_charts.py draws it)
with the change since the first result in words."""

from __future__ import annotations

from dataclasses import dataclass

from isohold.reports.outcome_charts import outcome_chart
from isohold.services.context import Context
from isohold.services.outcomes import history, lines


@dataclass(frozen=True)
class OutcomeCard:
    measure: str
    name: str
    svg: str
    changes: tuple[str, ...]  # in words, a line a side
    note: str  # what counts as a meaningful change, and its source


def outcome_cards(ctx: Context) -> list[OutcomeCard]:
    """A card a measure with results (none before the first)."""
    out = []
    for line in lines(history(ctx)):
        words = []
        for side, first, latest, change in line.changes():
            who = f"{side.capitalize()} side: " if side else ""
            words.append(f"{who}{line.scoring.text(first)} → {line.scoring.text(latest)}, "
                         f"{change.words}.")  # fmt: skip
        svg = outcome_chart(line, lambda d: f"{d.day} {d:%b}")
        out.append(OutcomeCard(line.measure, line.name, svg, tuple(words), line.scoring.change))
    return out
