"""The progress report's home blood-pressure part: each home week's average, the change since
the start against the measurement error (with its source), and the responder view after 8
weeks (domain/home_bp.py), as plain values for the template."""

from __future__ import annotations

from dataclasses import dataclass

from isohold.domain.home_bp import Change, HomeWeek, Responder


@dataclass(frozen=True)
class HomeBpPart:
    weeks: tuple[HomeWeek, ...]
    latest: HomeWeek | None
    #: the latest home average is at or above the home gate (`gate`, e.g. "145/90")
    high: bool
    gate: str
    change: Change | None
    responder: Responder
    #: the measurement error a change is judged against, with its source
    error_text: str
    #: home weeks before the report's first day: not listed, but the change and the responder
    #: view count from the first of them (the start of home monitoring)
    earlier: int = 0
