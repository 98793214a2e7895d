"""Raw force recordings: packed exactly, refused when damaged, stored and read back per person."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from isohold.storage import force
from isohold.storage.database import open_database
from isohold.storage.people import add_person, the_person


def _samples(n: int = 5000, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = np.cumsum(rng.uniform(0.011, 0.023, n))
    f = rng.normal(300.0, 80.0, n)
    f[:3] = [0.0, -0.0, 1e-300]  # exact bit patterns must survive too
    return t, f


def test_pack_round_trip_is_bit_exact_and_compact() -> None:
    t, f = _samples()
    blob = force.pack(t, f)
    t2, f2 = force.unpack(blob, len(t))
    assert t2.tobytes() == t.tobytes() and f2.tobytes() == f.tobytes()
    assert len(blob) < 2 * 8 * len(t)


def test_damaged_or_unknown_data_is_refused() -> None:
    t, f = _samples(10)
    with pytest.raises(ValueError, match="expected 18"):
        force.unpack(force.pack(t, f), 9)
    with pytest.raises(ValueError, match="unknown force recording encoding"):
        force.unpack(force.pack(t, f), 10, "zlib-f4le-tf")
    with pytest.raises(ValueError, match="10 timestamps but 9"):
        force.pack(t, f[:9])


def test_stored_recordings_read_back_exactly_by_kind(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'f.db'}")
    t, f = _samples()
    when = datetime(2026, 11, 23, 9, 30)
    with db.transaction() as s:
        person = add_person(s, when)
        row, created = force.add_recording(
            s, person, "00000000-0000-4000-8000-00000000000a", kind="mvc-test",
            recorded_at=when, t=t, f=f, sample_rate_hz=81.9, metrics={"mvc_n": 392.3},
        )  # fmt: skip
        assert created
        again, created = force.add_recording(
            s, person, "00000000-0000-4000-8000-00000000000a", kind="mvc-test",
            recorded_at=when, t=t, f=f, sample_rate_hz=81.9, metrics={},
        )  # fmt: skip
        assert not created and again.id == row.id
        with pytest.raises(ValueError, match="mvc-test, pct-mvc-hold"):
            force.add_recording(
                s, person, "00000000-0000-4000-8000-00000000000b", kind="jump",
                recorded_at=when, t=t, f=f, sample_rate_hz=80, metrics={},
            )  # fmt: skip
    with db.reading() as s:
        person = the_person(s)
        (stored,) = force.recordings_of(s, person, "mvc-test")
        assert force.recordings_of(s, person, "pct-mvc-hold") == []
        t2, f2 = force.samples_of(stored)
        assert stored.unit == "N" and stored.sample_count == len(t)
        assert stored.metrics == {"mvc_n": 392.3} and stored.recorded_at == when
    assert t2.tobytes() == t.tobytes() and f2.tobytes() == f.tobytes()
    db.dispose()
