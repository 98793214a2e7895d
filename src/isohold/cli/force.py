"""`isohold force analyze`: force-time analysis of a recording (contract 4)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from isohold.cli.options import Format, FormatOption, finite

if TYPE_CHECKING:
    from isohold.force.analysis import Analysis
    from isohold.force.signal import Recording

#: The memory budget of an analysis: a recording is read whole (with pandas' C reader, about
#: 4-5 bytes of memory a byte of CSV: 281 MB at its peak for a 59 MiB one-hour 1 kHz file), so
#: larger files are refused with a clear message rather than exhausting the computer's memory.
#: 96 MiB (~0.45 GB to analyse) is about an hour and a half of a 1 kHz force plate with two
#: columns, or days of a Tindeq Progressor at 80 Hz.
MAX_RECORDING_BYTES = 96 * 1024 * 1024

app = typer.Typer(help="Force: analyse recordings; with a sensor, MVC tests and %MVC holds.",
                  no_args_is_help=True)  # fmt: skip


def _flows() -> None:
    from isohold.cli import force_export, force_flows

    app.command("mvc")(force_flows.mvc)
    app.command("hold")(force_flows.hold)
    app.command("export")(force_export.export)


@app.command("analyze")
def analyze(
    file: Annotated[
        Path, typer.Argument(help="CSV/TSV with a header, a Tindeq export, or Parquet.")
    ],
    rate: Annotated[
        float | None,
        typer.Option(
            parser=finite(0, 1e6, above=True), help="Sample rate in Hz, when no time column."
        ),
    ] = None,
    column: Annotated[str | None, typer.Option(help="The force column's name.")] = None,
    unit: Annotated[str | None, typer.Option(help="Force unit in the file: N, kg or lbf.")] = None,
    onset_sd: Annotated[
        float,
        typer.Option(
            "--onset-sd",
            parser=finite(0, 100, above=True),
            help="Onset threshold: baseline + K x SD (default 3).",
        ),
    ] = 3.0,
    filter_hz: Annotated[
        float | None,
        typer.Option(
            "--filter-hz",
            parser=finite(0, 1e5, above=True),
            help="4th-order zero-lag Butterworth low-pass (off by default).",
        ),
    ] = None,
    plot: Annotated[
        Path | None, typer.Option(help="Also draw the curve to exactly this .png file.")
    ] = None,
    format: FormatOption = Format.text,
) -> None:
    """Onset, peak, RFD, impulse and plateau of every contraction in a recording."""
    import sys

    from isohold.cli.files import check_input, check_output
    from isohold.cli.output import print_json
    from isohold.domain.errors import InputError
    from isohold.force.analysis import analyze as run
    from isohold.force.errors import ForceDataError
    from isohold.force.readers import read_recording

    if unit is not None and unit not in ("N", "kg", "lbf"):
        raise InputError("--unit", f"unknown value {unit!r}; allowed values: N, kg, lbf")
    check_input(file, "recording", MAX_RECORDING_BYTES)
    if plot is not None:
        check_output(plot, "--plot", ".png")
    try:
        rec = _parquet(file, column, unit) or read_recording(
            file, rate_hz=rate, column=column, unit=unit)  # fmt: skip
        result = run(rec, onset_sd=onset_sd, filter_hz=filter_hz)
    except ForceDataError as error:
        raise InputError("recording", str(error)) from None
    for warning in result.warnings:
        print(f"isohold: note: {warning}", file=sys.stderr)
    if plot is not None:
        import io

        from isohold.cli.files import write_output
        from isohold.cli.force_plot import draw

        png = io.BytesIO()
        draw(rec, result, png)
        write_output(plot, png.getvalue(), "--plot", ".png")
    if format is Format.json:
        if result.body_weight is not None:
            print(f"isohold: note: {_body_weight(result)}", file=sys.stderr)
        print_json(result.to_dict())
        return
    from isohold.cli.force_table import show

    show(result, _body_weight(result) if result.body_weight is not None else None)


def _parquet(file: Path, column: str | None, unit: str | None) -> Recording | None:
    """A Parquet recording (isohold force export --format parquet), or None for text files."""
    from isohold.domain.errors import InputError
    from isohold.force.signal import make_recording
    from isohold.reports.force_files import is_parquet, read_parquet

    if not is_parquet(file):
        return None
    try:
        t, f, _meta = read_parquet(file, column)
    except ValueError as error:
        raise InputError("recording", str(error)) from None
    return make_recording(t, f, unit or "N", where=str(file))


def _body_weight(result: Analysis) -> str:
    bw = result.body_weight
    assert bw is not None
    return (
        f"body weight {bw.newtons:.1f} N ({bw.kilograms:.1f} kg), weighed over the still "
        f"{bw.end_s - bw.start_s:.2f} s at {bw.start_s:.2f}-{bw.end_s:.2f} s before the first pull"
    )


_flows()
