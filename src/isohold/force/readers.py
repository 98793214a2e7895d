"""Reading force-time files: CSV/TSV with a header, and Tindeq Progressor app exports.

- CSV/TSV (comma, tab, semicolon or spaces): a header row, then numbers. A time column
  (`time`, `t`, `seconds`, `timestamp`...; `_ms` or `_us` in its name sets the unit, else
  seconds) or `--rate HZ`. The force column is `--column NAME`, else the first column named like
  force, weight, load or Fz, else the first numeric column that is not time.
- Tindeq Progressor app exports: summary lines first (and, for repeaters, a small table of
  reps), then a `time,weight` table in kilograms. The time unit of that table is read from its
  spacing (the device samples at about 80 Hz): microseconds, milliseconds or seconds; device
  microsecond counters that wrap at 2^32 are unwrapped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from isohold.force.errors import ForceDataError
from isohold.force.signal import Array, Recording, make_recording, unwrap_microseconds

#: Larger files are refused rather than read into memory.
MAX_BYTES = 1 << 30
_TIME = re.compile(
    r"^(t|time|times|seconds?|secs?|timestamps?|elapsed)([ _(\[]*(s|sec|ms|us|µs)[)\]]*)?$"
)
_FORCE = re.compile(r"(force|weight|load|fz|newton|kg|lbf|^f$|value)", re.I)
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows_start: int  # line number (1-based) of the first data row
    data: Array  # shape (n, columns)
    preamble: list[str]


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
    try:
        text = path.read_text(encoding="utf-8-sig", errors="strict")
    except UnicodeDecodeError:
        raise ForceDataError(f"{path} is not a text (CSV/TSV) file") from None
    if not text.strip():
        raise ForceDataError(f"{path} is empty")
    table = _table(text, str(path))
    names = [h.strip().lower() for h in table.header]
    tindeq = _is_tindeq(table, names)
    force_col = _force_column(names, column, table.header, str(path))
    f = table.data[:, force_col]
    chosen_unit = unit or ("kg" if tindeq else _unit_from_name(names[force_col]))
    time_col = next((i for i, n in enumerate(names) if _TIME.match(n)), None)
    if rate_hz is not None:
        if not 0 < rate_hz <= 1e6:
            raise ForceDataError(f"--rate {rate_hz:g} must be above 0 and at most 1 MHz")
        t = np.arange(len(f), dtype=np.float64) / rate_hz
    elif time_col is not None:
        raw = table.data[:, time_col]
        t = _tindeq_seconds(raw) if tindeq else raw * _time_scale(names[time_col])
    else:
        raise ForceDataError(
            f"{path}: no time column (time, t, seconds...) found; give --rate HZ instead"
        )
    return make_recording(t, f, chosen_unit, where=str(path))


_HEADERISH = re.compile(r'^[ \t]*[A-Za-z"_#][^\n]*$', re.M)


def _table(text: str, where: str) -> Table:
    """The last header-plus-numbers table in the file (summary lines and rep tables first).

    Only lines that start with a word can be headers, found with one regex pass over the text;
    the numbers after the header are parsed in one call of numpy's C parser."""
    header_at: tuple[int, int] | None = None  # (offset of header line, offset after it)
    for match in _HEADERISH.finditer(text):
        cells = _split(match.group(0))
        if not all(cells) or any(_NUMBER.match(c) for c in cells):
            continue
        after = match.end() + 1
        nxt_end = text.find("\n", after)
        nxt = _split(text[after : nxt_end if nxt_end >= 0 else len(text)])
        if len(nxt) == len(cells) and all(_NUMBER.match(c) for c in nxt):
            header_at = (match.start(), after)
    if header_at is None:
        raise ForceDataError(f"{where}: no table of numbers with a header row was found")
    header_line = text[header_at[0] : header_at[1]].strip("\n")
    header = _split(header_line)
    width = len(header)
    body_text = text[header_at[1] :]
    delimiter = _delimiter(header_line)
    flat = body_text if delimiter == " " else body_text.replace(delimiter, " ")
    numbers = _parse_numbers(flat)
    first_line = text.count("\n", 0, header_at[1]) + 1
    if numbers is None or not _widths_ok(body_text, delimiter, width, len(numbers)):
        body = [ln for ln in body_text.splitlines() if ln.strip()]
        _explain(body, width, first_line, where)
    assert numbers is not None
    preamble = text[: header_at[0]].splitlines()
    return Table(header, first_line, numbers.reshape(-1, width), preamble)


def _widths_ok(body: str, delimiter: str, width: int, count: int) -> bool:
    """Every non-blank line has `width` values (vectorised over the bytes of the text)."""
    raw = np.frombuffer(body.encode("utf-8"), dtype=np.uint8)
    newlines = np.flatnonzero(raw == ord("\n"))
    ends = np.append(newlines, len(raw)) if len(raw) and raw[-1] != ord("\n") else newlines
    starts = np.concatenate(([0], ends[:-1] + 1)).astype(np.int64)
    lengths = ends - starts
    carriage = (lengths == 1) & (raw[np.minimum(starts, len(raw) - 1)] == ord("\r"))
    filled = (lengths > 0) & ~carriage
    rows = int(filled.sum())
    if delimiter == " ":
        return count == rows * width
    marks = np.concatenate(([0], np.cumsum(raw == ord(delimiter))))
    per_line = marks[ends] - marks[starts]
    return bool(np.all(per_line[filled] == width - 1)) and count == rows * width


def _parse_numbers(text: str) -> Array | None:
    """All numbers in whitespace-separated text with numpy's C parser (fast for large files),
    or None when some token is not a number."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return np.fromstring(text, dtype=np.float64, sep=" ")
        except (ValueError, DeprecationWarning):
            return None


def _explain(body: list[str], width: int, first_line: int, where: str) -> None:
    """Find the first bad data line and raise an error that names it."""
    for k, line in enumerate(body):
        cells = _split(line)
        if len(cells) != width:
            raise ForceDataError(
                f"{where}: line {first_line + k} has {len(cells)} values, the header has {width}"
            )
        for cell in cells:
            if not _NUMBER.match(cell) and cell.lower() not in ("nan", "inf", "-inf"):
                raise ForceDataError(f"{where}: line {first_line + k}: {cell!r} is not a number")
    raise ForceDataError(f"{where}: the data table could not be read")


def _delimiter(line: str) -> str:
    for d in ("\t", ",", ";"):
        if d in line:
            return d
    return " "


def _split(line: str) -> list[str]:
    d = _delimiter(line)
    parts = line.split() if d == " " else line.split(d)
    return [p.strip().strip('"') for p in parts]


def _is_tindeq(table: Table, names: list[str]) -> bool:
    summary = " ".join(table.preamble).lower()
    return "weight" in names and (
        "tindeq" in summary or "progressor" in summary or bool(table.preamble)
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
