"""Views kept per person (services/kept.py): computed once while a person's data, the day, the
catalogue and the view's parameters hold, and again as soon as one of them changes, for that
person only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from isohold.services import kept
from tests.support.workspace import checkin, clinic, start


def test_a_view_is_computed_again_only_for_what_changed(tmp_path: Path) -> None:
    with clinic(tmp_path) as c:
        for who in ("ana", "ben"):
            start(c, who, pain_now=3)
        ana, ben = c.person("ana"), c.person("ben")
        calls: list[tuple[list[int], date]] = []

        def compute(persons: list[int], day: date) -> dict[int, str]:
            calls.append((sorted(persons), day))
            return {p: f"{p}@{day}" for p in persons if p != ben}  # ben: left out

        def view(parameters: object = None) -> dict[int, str]:
            return kept.per_person(c.ctx, "test", [ana, ben], compute, "none", parameters)

        today = c.clock().date()
        assert view() == {ana: f"{ana}@{today}", ben: "none"}
        assert view() == {ana: f"{ana}@{today}", ben: "none"} and len(calls) == 1
        checkin(c, "ben", pain=4)  # ben's data changes: only ben is computed again
        view()
        assert calls[-1] == ([ben], today) and len(calls) == 2
        view(parameters="other thresholds")
        assert calls[-1] == (sorted([ana, ben]), today)
        c.clock.advance(days=1)  # a new day: everyone again, with the new day
        tomorrow = c.clock().date()
        assert view(parameters="other thresholds")[ana] == f"{ana}@{tomorrow}"
        assert calls[-1] == (sorted([ana, ben]), tomorrow) and len(calls) == 4
        assert kept.per_person(c.ctx, "another kind", [ana], compute, "none") == {
            ana: f"{ana}@{tomorrow}"
        }
        assert len(calls) == 5  # kinds are kept apart
