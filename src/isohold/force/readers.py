"""Reading force-time files: CSV/TSV with a header, and Tindeq Progressor app exports.

- CSV/TSV (comma, tab, semicolon or spaces; quoted names; a semicolon file may use decimal
  commas): a header row, then numbers, parsed by pandas' C reader (tables.py). A time column
  (`time`, `t`, `seconds`, `timestamp`, `Time (s)`, `Time (s) Run #1`...; `_ms` or `_us` in
  its name sets the unit, else seconds) or `--rate HZ`. The force column is `--column NAME`,
  else the first column named like force, weight, load or Fz, else the first column that is
  not time. Empty or `nan` cells are dropped samples.
- Tindeq Progressor app exports: summary lines first (and, for repeaters, a small table of
  reps), then a `time,weight` table in kilograms. The time unit of that table is read from its
  spacing (the device samples at about 80 Hz): microseconds, milliseconds or seconds; device
  microsecond counters that wrap at 2^32 are unwrapped.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from isohold.force.errors import ForceDataError
from isohold.force.signal import Array, Recording, make_recording, unwrap_microseconds
from isohold.force.tables import Layout, find_layout, read_columns

#: Larger files are refused rather than read into memory.
MAX_BYTES = 1 << 30
_TIME = re.compile(
    r"^(t|time|times|seconds?|secs?|timestamps?|elapsed)([ _(\[]*(s|sec|ms|us|µs)[)\]]*)?"
    r"(\s*run\s*#?\d+)?$"
)
_FORCE = re.compile(r"(force|weight|load|fz|newton|kg|lbf|^f$|value)", re.I)


def read_recording(
    path: Path,
    *,
    rate_hz: float | None = None,
    column: str | None = None,
    unit: str | None = None,
) -> Recording:
    """Read a recording file into seconds and newtons; raises ForceDataError naming the problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ForceDataError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise ForceDataError(f"{path} is {size / 2**30:.1f} GiB; the limit is 1 GiB")
    if path.is_dir():
        raise ForceDataError(f"cannot read {path}: it is a folder")
    if size == 0:
        raise ForceDataError(f"{path} is empty")
    layout = find_layout(path)
    names = [h.strip().lower() for h in layout.header]
    tindeq = _is_tindeq(layout, names)
    force_col = _force_column(names, column, layout.header, str(path))
    time_col = next((i for i, n in enumerate(names) if _TIME.match(n)), None)
    if rate_hz is not None:
        if not 0 < rate_hz <= 1e6:
            raise ForceDataError(f"--rate {rate_hz:g} must be above 0 and at most 1 MHz")
        (f,) = read_columns(path, layout, [force_col])
        t = np.arange(len(f), dtype=np.float64) / rate_hz
    elif time_col is not None:
        raw, f = read_columns(path, layout, [time_col, force_col])
        t = _tindeq_seconds(raw) if tindeq else raw * _time_scale(names[time_col])
    else:
        raise ForceDataError(
            f"{path}: no time column (time, t, seconds...) found; give --rate HZ instead"
        )
    chosen_unit = unit or ("kg" if tindeq else _unit_from_name(names[force_col]))
    return make_recording(t, f, chosen_unit, where=str(path))


def _is_tindeq(layout: Layout, names: list[str]) -> bool:
    summary = " ".join(layout.preamble).lower()
    return "weight" in names and (
        "tindeq" in summary or "progressor" in summary or any(ln.strip() for ln in layout.preamble)
    )


def _force_column(names: list[str], column: str | None, header: list[str], where: str) -> int:
    if column is not None:
        wanted = column.strip().lower()
        if wanted not in names:
            raise ForceDataError(f"{where}: no column {column!r}; columns are: {', '.join(header)}")
        return names.index(wanted)
    for i, name in enumerate(names):
        if _FORCE.search(name) and not _TIME.match(name):
            return i
    for i, name in enumerate(names):
        if not _TIME.match(name):
            return i
    raise ForceDataError(f"{where}: no force column; columns are: {', '.join(header)}")


def _unit_from_name(name: str) -> str:
    if "lb" in name:
        return "lbf"
    if "kg" in name or "weight" in name:
        return "kg"
    return "N"


def _time_scale(name: str) -> float:
    if re.search(r"(^|[ _(\[])(us|µs)", name):
        return 1e-6
    if re.search(r"(^|[ _(\[])ms", name):
        return 1e-3
    return 1.0


def _tindeq_seconds(raw: Array) -> Array:
    """Tindeq tables give time in seconds, milliseconds or device microseconds: at about 80 Hz
    a typical step is ~0.0125 s, ~12.5 ms or ~12,500 us."""
    steps = np.diff(raw)
    step = float(np.median(steps)) if len(steps) else 0.0
    if step >= 100:
        return unwrap_microseconds(raw) * 1e-6
    if step >= 0.5:
        return raw * 1e-3
    return raw
