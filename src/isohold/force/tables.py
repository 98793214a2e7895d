"""Finding the table of numbers in a text file and parsing it with pandas' C parser.

The table is the last header row followed by rows of numbers (summary lines and small tables
come first in Tindeq exports); a row of units under the names (`s`, `N`) joins them
(`Time (s)`, `Force (N)`). The header is looked for in the file's first 256 KiB; the
numbers after it are parsed by pandas' C reader in one call. Problems are raised as
ForceDataError naming the line and the reason, found by a slow second look only when the fast
parse fails or leaves cells empty.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

import numpy as np

from isohold.force.errors import ForceDataError
from isohold.force.signal import Array

PREFIX_BYTES = 256 * 1024
_NUMBER = re.compile(r"^[+-]?(\d+[.,]?\d*|[.,]\d+)([eE][+-]?\d+)?$")
#: Cells that stand for a missing sample (compared in lower case, without spaces).
_MISSING = frozenset({"", "nan", "-nan", "na", "n/a", "#n/a", "null", "none", "<na>"})
_NOT_NUMBERS = _MISSING | {"inf", "-inf", "+inf"}
_WORDISH = re.compile(r'^[ \t]*[A-Za-z"_#\'(\[]')
_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


@dataclass(frozen=True)
class Layout:
    """Where the table starts and how it is written."""

    header: list[str]
    header_line: int  # 0-based line number of the header row
    sep: str  # ",", "\t", ";" or " " (any run of spaces)
    decimal: str  # "." or ","
    preamble: list[str]
    bom: bool = False  # the file starts with a UTF-8 byte order mark


def find_layout(path: Path) -> Layout:
    """The last header row followed by a row of numbers in the first 256 KiB of the file."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(PREFIX_BYTES + 1)
    except OSError as exc:
        raise ForceDataError(f"cannot read {path}: {exc.strerror or exc}") from None
    more = len(raw) > PREFIX_BYTES
    raw = raw[:PREFIX_BYTES]
    if b"\x00" in raw:
        raise ForceDataError(f"{path} is not a text (CSV/TSV) file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not (more and exc.start >= len(raw) - 3):  # a character cut at the prefix's end
            raise ForceDataError(f"{path} is not a text (CSV/TSV) file") from None
        text = raw[: exc.start].decode("utf-8-sig")
    lines = text.split("\n")
    if more:
        lines = lines[:-1]  # the last line may be cut
    lines = [ln.rstrip("\r") for ln in lines]
    if not any(ln.strip() for ln in lines):
        raise ForceDataError(f"{path} is empty")
    found: Layout | None = None
    units_rows: set[int] = set()
    for i, line in enumerate(lines):
        if found is not None and i > found.header_line + 200:
            break  # deep in the data: a later table is found by read_columns
        if i in units_rows or not _WORDISH.match(line):
            continue
        sep = delimiter(line)
        cells = split(line, sep)
        if not _is_names(cells):
            continue
        j = _next_filled(lines, i)
        if j is None:
            continue
        values = split(lines[j], sep)
        if len(values) == len(cells) and _is_names(values):  # a row of units under the names
            k = _next_filled(lines, j)
            if k is None or not _is_numbers(split(lines[k], sep), len(cells)):
                continue
            units_rows.add(j)
            named = [f"{c} ({u})" if u else c for c, u in zip(cells, values, strict=True)]
            found = Layout(named, j, sep, _decimal(sep, split(lines[k], sep)), lines[:i])
        elif _is_numbers(values, len(cells)):
            found = Layout(cells, i, sep, _decimal(sep, values), lines[:i])
    if found is None:
        raise ForceDataError(f"{path}: no table of numbers with a header row was found")
    return replace(found, bom=raw.startswith(b"\xef\xbb\xbf"))


def _next_filled(lines: list[str], i: int) -> int | None:
    """The next non-blank line within three lines after line i."""
    return next((j for j in range(i + 1, min(i + 4, len(lines))) if lines[j].strip()), None)


def _is_names(cells: list[str]) -> bool:
    return all(cells) and not any(_NUMBER.match(c) for c in cells)


def _is_numbers(cells: list[str], width: int) -> bool:
    filled = [c for c in cells if c]
    return (
        len(cells) == width
        and bool(filled)
        and all(_NUMBER.match(c) or c.lower() in _NOT_NUMBERS for c in cells)
    )


def _decimal(sep: str, values: list[str]) -> str:
    return "," if sep == ";" and any("," in c for c in values) else "."


def delimiter(line: str) -> str:
    for d in ("\t", ",", ";"):
        if d in line:
            return d
    return " "


def split(line: str, sep: str) -> list[str]:
    if sep == " ":
        return [c.strip('"') for c in line.split()]
    return [c.strip().strip('"').strip() for c in next(csv.reader([line], delimiter=sep))]


def read_columns(path: Path, layout: Layout, wanted: list[int]) -> list[Array]:
    """The wanted columns of the table as float64 arrays (NaN where a cell says nan or is
    empty); raises ForceDataError naming the first bad line."""
    import warnings

    import pandas as pd  # type: ignore[import-untyped]

    width = len(layout.header)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = pd.read_csv(
                path,
                sep=r"\s+" if layout.sep == " " else layout.sep,
                decimal=layout.decimal,
                header=0,  # the header row (or the row of units under it) names the columns
                skiprows=layout.header_line,
                index_col=False,
                engine="c",
                encoding="utf-8-sig" if layout.bom else "utf-8",
                skip_blank_lines=True,
                na_filter=False,  # faster; a column with missing cells is read as text below
            )
    except UnicodeDecodeError:
        raise ForceDataError(f"{path} is not a text (CSV/TSV) file") from None
    except pd.errors.ParserError as exc:
        fields = _FIELDS.search(str(exc))
        if fields:
            raise _width_error(path, int(fields[2]), int(fields[3]), width) from None
        _explain(path, layout)
    except pd.errors.EmptyDataError:
        raise ForceDataError(f"{path}: no table of numbers with a header row was found") from None
    if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
        _explain(path, layout)  # rows wider than the header
    if frame.shape[1] < width:
        _explain(path, layout)
    out = []
    for col in wanted:
        series = frame.iloc[:, col]
        if series.dtype.kind not in "fiub":
            text = series.astype(str).str.strip()
            if layout.decimal == ",":
                text = text.str.replace(",", ".", regex=False)
            numbers = pd.to_numeric(text, errors="coerce")
            bad = numbers.isna() & ~text.str.lower().isin(_MISSING)
            if bool(bad.any()):
                return _restart_or_explain(path, layout, wanted, int(np.argmax(bad.to_numpy())))
            series = numbers
        values = series.to_numpy()
        if values.dtype != np.float64:
            values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        out.append(values)
    if any(np.isnan(np.sum(v)) and np.isnan(v).any() for v in out):  # a sum is NaN only if
        # a cell is (or +inf and -inf meet), so the cell-by-cell look runs only then
        _short_rows(path, layout)
    return out


def _data_lines(path: Path, layout: Layout) -> list[tuple[int, str]]:
    """(1-based line number, text) of every non-blank line after the header (slow path)."""
    out = []
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if number > layout.header_line + 1 and line.strip():
                out.append((number, line.rstrip("\r\n")))
    return out


def _restart_or_explain(path: Path, layout: Layout, wanted: list[int], row: int) -> list[Array]:
    """A cell that is not a number: a new table starts there (a later header followed by
    numbers, which wins), or the line is bad."""
    lines = _data_lines(path, layout)
    number, text = lines[row]
    cells = split(text, layout.sep)
    following = lines[row + 1][1] if row + 1 < len(lines) else ""
    after = split(following, layout.sep)
    header_like = all(cells) and not any(_NUMBER.match(c) for c in cells)
    if header_like and after and all(_NUMBER.match(c) or not c for c in after):
        later = Layout(cells, number - 1, layout.sep, layout.decimal, [])
        names = [h.strip().lower() for h in layout.header]
        mapped = [
            [c.strip().lower() for c in cells].index(names[w])
            if names[w] in [c.strip().lower() for c in cells]
            else w
            for w in wanted
        ]
        return read_columns(path, later, mapped)
    _explain(path, layout)


def _width_error(path: Path, line: int, count: int, width: int) -> ForceDataError:
    values = "value" if count == 1 else "values"
    return ForceDataError(f"{path}: line {line} has {count} {values}, the header has {width}")


def _explain(path: Path, layout: Layout) -> NoReturn:
    """Find the first bad data line and raise an error that names it."""
    width = len(layout.header)
    for number, text in _data_lines(path, layout):
        cells = split(text, layout.sep)
        if len(cells) != width:
            raise _width_error(path, number, len(cells), width)
        for cell in cells:
            if cell and not _NUMBER.match(cell) and cell.lower() not in _NOT_NUMBERS:
                raise ForceDataError(f"{path}: line {number}: {cell!r} is not a number")
    after = layout.header_line + 1
    raise ForceDataError(f"{path}: the data table after line {after} could not be read")


def _short_rows(path: Path, layout: Layout) -> None:
    """Rows with fewer values than the header are an error, except a cut-off last line (a
    recording stopped mid-write) and empty cells (exports that pad short runs)."""
    width = len(layout.header)
    lines = _data_lines(path, layout)
    for k, (number, text) in enumerate(lines):
        count = len(split(text, layout.sep))
        if count < width and k < len(lines) - 1:
            raise _width_error(path, number, count, width)
