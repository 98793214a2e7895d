"""Raw force recordings written as CSV and Parquet with the run's metadata, and read back by
the same reader `isohold force analyze` uses: the analysis of the file equals the analysis of
the stored samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from isohold.domain.errors import InputError, NotFoundError
from isohold.force.analysis import analyze
from isohold.force.readers import read_recording
from isohold.force.signal import make_recording
from isohold.reports.force_files import read_parquet
from isohold.services.context import Context
from isohold.services.force_export import export_run, runs


def _peaks(rec) -> list[float]:  # type: ignore[no-untyped-def]
    return [round(t.peak_force, 6) for t in analyze(rec).trials]


def test_csv_and_parquet_read_back_as_the_stored_recording(history: Context, tmp_path: Path):
    latest = runs(history)[-1]
    info, csv_data = export_run(history, "csv")
    assert info.uuid == latest.uuid
    text = csv_data.decode()
    assert f'# run: "{latest.uuid}"' in text and '# kind: "mvc-test"' in text
    assert "# sample_rate_hz: 80" in text and "time_s,force_n" in text
    (tmp_path / "run.csv").write_bytes(csv_data)
    from_csv = read_recording(tmp_path / "run.csv")
    _info, parquet_data = export_run(history, "parquet", latest.uuid[:8])
    (tmp_path / "run.parquet").write_bytes(parquet_data)
    t, f, meta = read_parquet(tmp_path / "run.parquet")
    assert meta["run"] == latest.uuid and meta["unit"] == "N" and len(t) == latest.samples
    from_parquet = make_recording(t, f, "N")
    assert _peaks(from_csv) == _peaks(from_parquet) and len(_peaks(from_csv)) == 3


def test_unknown_runs_and_formats_are_named(history: Context) -> None:
    with pytest.raises(NotFoundError):
        export_run(history, "csv", "ffffffff")
    with pytest.raises(InputError, match="format"):
        export_run(history, "xlsx")
