"""The stored raw force recordings, to list and to write out as CSV or Parquet with their
run's metadata (reports/force_files.py)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from isohold.domain.errors import InputError, NotFoundError
from isohold.reports import force_files
from isohold.services.context import Context, require_person
from isohold.storage import force as store
from isohold.storage.models import ForceRecording

FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class Run:
    uuid: str
    kind: str
    recorded_at: datetime
    sample_rate_hz: float
    samples: int


def runs(ctx: Context) -> list[Run]:
    """Every stored recording, oldest first."""
    with ctx.db.reading() as s:
        person = require_person(s)
        rows = s.scalars(select(ForceRecording).where(ForceRecording.person_id == person.id)
                         .order_by(ForceRecording.recorded_at, ForceRecording.id))  # fmt: skip
        return [Run(r.uuid, r.kind, r.recorded_at, r.sample_rate_hz, r.sample_count) for r in rows]


def export_run(ctx: Context, fmt: str, run: str | None = None) -> tuple[Run, bytes]:
    """One recording (by UUID or its first characters; the latest without one) as a file."""
    if fmt not in FORMATS:
        raise InputError("format", f"unknown value {fmt!r}; allowed values: csv, parquet")
    with ctx.db.reading() as s:
        person = require_person(s)
        query = select(ForceRecording).where(ForceRecording.person_id == person.id)
        if run:
            query = query.where(ForceRecording.uuid.startswith(run.lower(), autoescape=True))
        rows = s.scalars(query.order_by(ForceRecording.recorded_at.desc(),
                                        ForceRecording.id.desc())).all()  # fmt: skip
        if not rows:
            raise NotFoundError(f"no force recording {run!r}" if run else "no force recording yet")
        if run and len(rows) > 1:
            raise InputError("run", f"{run!r} matches {len(rows)} recordings; give more of it")
        row = rows[0]
        try:
            t, f = store.samples_of(row)
        except (ValueError, zlib.error) as exc:
            raise InputError("run", f"recording {row.uuid} cannot be read: {exc}") from None
        info = Run(row.uuid, row.kind, row.recorded_at, row.sample_rate_hz, row.sample_count)
        metadata: dict[str, Any] = {
            "run": row.uuid, "kind": row.kind, "recorded_at": row.recorded_at.isoformat(),
            "sample_rate_hz": row.sample_rate_hz, "unit": row.unit, "samples": row.sample_count,
            **{k: v for k, v in (row.metrics or {}).items() if k != "outcome_uuid"},
        }  # fmt: skip
    data = force_files.to_csv(t, f, metadata) if fmt == "csv" else force_files.to_parquet(
        t, f, metadata)  # fmt: skip
    return info, data
