"""MVC and rate of force development over time, for the progress page and the terminal.

MVC comes from every saved MVC test. RFD is measured again from each test's stored recording
(force analysis, contract 4 definitions) on the best effort, the one with the highest peak:
its peak RFD and its RFD 0-100 ms. Tests saved without a recording have no RFD.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from isohold.force.analysis import analyze
from isohold.force.errors import ForceDataError
from isohold.force.signal import make_recording
from isohold.services.context import Context, require_person
from isohold.services.force import MVC
from isohold.storage import force as recordings
from isohold.storage.models import OutcomeScore


@dataclass(frozen=True)
class MvcPoint:
    recorded_at: datetime
    mvc_n: float
    peak_rfd: float | None  # N/s
    rfd_100: float | None  # RFD 0-100 ms, N/s


def mvc_trend(ctx: Context) -> list[MvcPoint]:
    """Every MVC test, oldest first."""
    with ctx.db.reading() as s:
        person = require_person(s)
        scores = s.scalars(
            select(OutcomeScore)
            .where(OutcomeScore.person_id == person.id, OutcomeScore.measure == MVC)
            .order_by(OutcomeScore.recorded_at, OutcomeScore.id)
        ).all()
        raw = {}
        for row in recordings.recordings_of(s, person, MVC):
            try:
                raw[row.metrics.get("outcome_uuid")] = recordings.samples_of(row)
            except (ValueError, zlib.error):
                continue  # a damaged recording: that test is shown without its RFD
        points = [(row.uuid, row.recorded_at, float(row.score)) for row in scores]
    out = []
    for uuid, when, mvc in points:
        peak_rfd = rfd_100 = None
        if uuid in raw:
            try:
                trials = analyze(make_recording(*raw[uuid])).trials
            except ForceDataError:
                trials = ()
            if trials:
                best = max(trials, key=lambda t: t.peak_force)
                peak_rfd, rfd_100 = best.peak_rfd, best.rfd["0-100ms"]
        out.append(MvcPoint(when, mvc, peak_rfd, rfd_100))
    return out
