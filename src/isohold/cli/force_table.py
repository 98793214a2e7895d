"""The text table of `isohold force analyze`: one table when it fits the terminal, else the
columns in order over as many tables as fit its width, each row numbered. "-" marks values
that need an onset the recording does not have."""

from __future__ import annotations

from isohold.cli.output import console
from isohold.force.analysis import Analysis
from isohold.force.metrics import Trial

Column = tuple[str, str]  # (header, how to show a trial's value)

FORCE: list[Column] = [
    ("onset s", "onset"), ("base", "baseline"), ("peak", "peak"), ("net", "net"),
    ("tpk s", "tpk"), ("plateau", "plateau"), ("CV%", "cv"), ("dur s", "dur"),
    ("base window s", "window"),
]  # fmt: skip
RATE: list[Column] = [
    ("RFD 0-50", "r50"), ("RFD 0-100", "r100"), ("RFD 0-200", "r200"),
    ("RFD 20-80", "r2080"), ("peak RFD", "prfd"), ("J 0-100", "j100"), ("J 0-200", "j200"),
]  # fmt: skip
MISSING = "-"


def cells(trial: Trial) -> dict[str, str]:
    def num(value: float | None, fmt: str) -> str:
        return MISSING if value is None else format(value, fmt)

    window = MISSING
    if trial.baseline_start_s is not None and trial.baseline_end_s is not None:
        window = f"{trial.baseline_start_s:.2f}-{trial.baseline_end_s:.2f}"
    return {
        "onset": num(trial.onset_s, ".3f"),
        "baseline": num(trial.baseline, ".1f"),
        "peak": num(trial.peak_force, ".1f"),
        "net": num(trial.net_peak_force, ".1f"),
        "tpk": num(trial.time_to_peak_s, ".3f"),
        "plateau": num(trial.plateau_mean, ".1f"),
        "cv": num(trial.plateau_cv_percent, ".1f"),
        "dur": num(trial.duration_s, ".2f"),
        "window": window,
        "r50": num(trial.rfd["0-50ms"], ".0f"),
        "r100": num(trial.rfd["0-100ms"], ".0f"),
        "r200": num(trial.rfd["0-200ms"], ".0f"),
        "r2080": num(trial.rfd_20_80, ".0f"),
        "prfd": num(trial.peak_rfd, ".0f"),
        "j100": num(trial.impulse["0-100ms"], ".2f"),
        "j200": num(trial.impulse["0-200ms"], ".2f"),
    }


def tables(columns: list[Column], rows: list[dict[str, str]], width: int) -> list[list[Column]]:
    """The columns in order, packed into as few tables as fit `width` characters (a rich
    table needs its columns' widths plus 3 characters each, plus 1, and the # column)."""

    def need(column: Column) -> int:
        header, key = column
        return max([len(header), *(len(r[key]) for r in rows)]) + 3

    base = 1 + max(1, len(str(len(rows)))) + 3
    groups: list[list[Column]] = [[]]
    used = base
    for column in columns:
        if groups[-1] and used + need(column) > width:
            groups.append([])
            used = base
        groups[-1].append(column)
        used += need(column)
    return groups


def show(result: Analysis, body_weight: str | None) -> None:
    from rich.table import Table

    con = console()
    trials = result.trials
    con.print(
        f"{len(trials)} contraction(s) at {result.sample_rate_hz:.1f} Hz; forces in N, RFD in "
        "N/s, impulse (J) in N s"
    )
    if body_weight:
        con.print(body_weight)
    if not trials:
        return
    rows = [cells(t) for t in trials]
    for columns in tables(FORCE + RATE, rows, con.width):
        table = Table()
        table.add_column("#", justify="right", no_wrap=True)
        for header, _key in columns:
            table.add_column(header, justify="right", no_wrap=True, min_width=len(header))
        for i, row in enumerate(rows, 1):
            table.add_row(str(i), *(row[key] for _h, key in columns))
        con.print(table)
