"""Raw force recordings: time and force packed as little-endian float64 arrays, compressed.

Encoding `zlib-f8le-tf`: zlib over the bytes of the time array (seconds) followed by the force
array, both little-endian float64, `sample_count` values each. float64 keeps the samples exact.
"""

from __future__ import annotations

import zlib
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import select
from sqlalchemy.orm import Session

from isohold.storage.models import ForceRecording, Person
from isohold.storage.records import insert_once

ENCODING = "zlib-f8le-tf"
KINDS = ("mvc-test", "pct-mvc-hold")
Array = NDArray[np.float64]


def pack(t: Array, f: Array) -> bytes:
    if len(t) != len(f):
        raise ValueError(f"{len(t)} timestamps but {len(f)} force samples")
    raw = np.asarray(t, dtype="<f8").tobytes() + np.asarray(f, dtype="<f8").tobytes()
    return zlib.compress(raw, 6)


def unpack(blob: bytes, count: int, encoding: str = ENCODING) -> tuple[Array, Array]:
    if encoding != ENCODING:
        raise ValueError(f"unknown force recording encoding {encoding!r}")
    both = np.frombuffer(zlib.decompress(blob), dtype="<f8")
    if len(both) != 2 * count:
        raise ValueError(f"recording holds {len(both)} values, expected {2 * count}")
    return both[:count].astype(np.float64), both[count:].astype(np.float64)


def add_recording(
    session: Session,
    person: Person,
    uuid: str,
    *,
    kind: str,
    recorded_at: datetime,
    t: Array,
    f: Array,
    sample_rate_hz: float,
    metrics: dict[str, Any],
    session_id: int | None = None,
) -> tuple[ForceRecording, bool]:
    """Store a recording in newtons (stored once per UUID)."""
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    return insert_once(
        session, ForceRecording, uuid, person_id=person.id, session_id=session_id, kind=kind,
        recorded_at=recorded_at, sample_rate_hz=sample_rate_hz, unit="N",
        sample_count=len(t), encoding=ENCODING, samples=pack(t, f), metrics=metrics,
    )  # fmt: skip


def samples_of(row: ForceRecording) -> tuple[Array, Array]:
    return unpack(row.samples, row.sample_count, row.encoding)


def recordings_of(session: Session, person: Person, kind: str) -> list[ForceRecording]:
    """A person's recordings of one kind, oldest first."""
    return list(
        session.scalars(
            select(ForceRecording)
            .where(ForceRecording.person_id == person.id, ForceRecording.kind == kind)
            .order_by(ForceRecording.recorded_at, ForceRecording.id)
        )
    )
