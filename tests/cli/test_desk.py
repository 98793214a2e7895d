"""`isohold desk export`: the break schedule as iCalendar."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run


def test_desk_export_ics(isohold: Run, tmp_path: Path) -> None:
    out = isohold("desk", "export", "--format", "ics", "--tz", "Europe/London",
                  "--out", str(tmp_path / "breaks.ics"))  # fmt: skip
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "breaks.ics").read_text()
    assert text.count("BEGIN:VEVENT") == 23 and "RRULE:FREQ=WEEKLY" in text
    bad = isohold("desk", "export", "--tz", "Mars/Olympus")
    assert bad.returncode == 2 and "unknown time zone" in bad.stderr
