"""Reading recordings: every layout, and bad files that must give clear errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from isohold.force.errors import ForceDataError
from isohold.force.readers import read_recording
from isohold.force.signal import UINT32, unwrap_microseconds


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_csv_with_seconds_and_newtons(tmp_path: Path) -> None:
    rec = read_recording(_write(tmp_path, "a.csv", "time,force\n0,1\n0.001,2\n0.002,3\n"))
    assert rec.f.tolist() == [1, 2, 3] and rec.sample_rate_hz == pytest.approx(1000)


def test_tsv_with_ms_column_and_kg(tmp_path: Path) -> None:
    rec = read_recording(_write(tmp_path, "a.tsv", "time_ms\tload_kg\n0\t1\n10\t2\n20\t3\n"))
    assert rec.t.tolist() == pytest.approx([0, 0.01, 0.02])
    assert rec.f[0] == pytest.approx(9.80665)


def test_rate_instead_of_time_and_named_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.csv", "fx;fy;fz\n1;2;3\n1;2;4\n1;2;5\n")
    rec = read_recording(path, rate_hz=100, column="fz", unit="lbf")
    assert rec.f.tolist() == pytest.approx([3 * 4.4482216, 4 * 4.4482216, 5 * 4.4482216])
    assert rec.t[-1] == pytest.approx(0.02)


def test_tindeq_export_with_summary_and_device_microseconds(tmp_path: Path) -> None:
    times = [UINT32 - 20_000, UINT32 - 8_584, 2_832, 14_248]  # wraps around 2^32
    body = "\n".join(f"{t},{w}" for t, w in zip(times, (0.0, 1.0, 2.0, 3.0), strict=True))
    text = "Tindeq Progressor export\nMax weight,3.0\nDuration,0.03\n\ntime,weight\n" + body
    rec = read_recording(_write(tmp_path, "tindeq.csv", text))
    assert rec.t.tolist() == pytest.approx([0, 0.011416, 0.022832, 0.034248])
    assert rec.f[-1] == pytest.approx(3 * 9.80665)


def test_tindeq_repeaters_layout_reads_the_last_table(tmp_path: Path) -> None:
    text = (
        "Repeaters 7/3\nrep,max,avg\n1,30.1,28.2\n2,29.0,27.5\n\n"
        "time,weight\n0.0,0.0\n0.0125,1.5\n0.025,3.0\n"
    )
    rec = read_recording(_write(tmp_path, "rep.csv", text))
    assert len(rec.t) == 3 and rec.f[-1] == pytest.approx(3 * 9.80665)


def test_unwrap_several_wraps() -> None:
    us = np.array([UINT32 - 10.0, 5.0, UINT32 - 2.0, 3.0])
    assert np.all(np.diff(unwrap_microseconds(us)) > 0)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "is empty"),
        ("time,force\n", "no table of numbers"),
        ("time,force\n0,1\n", "at least two samples"),
        ("time,force\n0,1\n0.1,abc\n0.2,3\n", "line 3: 'abc' is not a number"),
        ("time,force\n0,1\n0.1,2\n0.2,x\n", "line 4: 'x' is not a number"),
        ("time,force\n0,1\n0.2,2\n0.1,3\n", "time does not increase at sample 3"),
        ("time,force\n0,1\n0.1,2,3\n", "line 3 has 3 values"),
        ("a,b\n1,2\n3,4\n", "no time column"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(ForceDataError, match=needle):
        read_recording(_write(tmp_path, "bad.csv", text))


def test_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81" * 10)
    with pytest.raises(ForceDataError, match="not a text"):
        read_recording(binary)
    with pytest.raises(ForceDataError, match="cannot read"):
        read_recording(tmp_path / "missing.csv")


def test_unknown_column_lists_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.csv", "time,force\n0,1\n1,2\n")
    with pytest.raises(ForceDataError, match="columns are: time, force"):
        read_recording(path, column="Fz")


def test_rows_of_the_wrong_width_are_caught_even_when_the_count_matches(tmp_path: Path) -> None:
    with pytest.raises(ForceDataError, match="line 3 has 3 values"):
        read_recording(_write(tmp_path, "w.csv", "time,force\n0,1\n0.1,2,3\n0.2\n"))


def test_force_plate_export_with_quoted_names_and_runs(tmp_path: Path) -> None:
    """PASCO-style: quoted names with commas, `Time (s) Run #1`, blank cells padding a shorter
    run; the first time and Fz columns are used."""
    text = (
        'Time (s) Run #1,"Right, Ch 2 (N) Run #1",Fz (N) Run #1,Time (s) Run #2,Fz (N) Run #2\n'
        "0.0,1,800,0.0,700\n0.001,1,801,0.001,701\n0.002,1,802,,\n"
    )
    rec = read_recording(_write(tmp_path, "plate.csv", text))
    assert rec.f.tolist() == [800, 801, 802] and rec.t.tolist() == pytest.approx([0, 1e-3, 2e-3])
    assert rec.source_unit == "N"


def test_semicolons_with_decimal_commas_and_empty_cells(tmp_path: Path) -> None:
    text = "time;force\n0,0;1,5\n0,1;\n0,2;3,5\n"
    rec = read_recording(_write(tmp_path, "eu.csv", text))
    assert rec.t.tolist() == pytest.approx([0.0, 0.2]) and rec.f.tolist() == [1.5, 3.5]


def test_a_cut_off_last_line_is_dropped_but_a_short_line_inside_is_named(tmp_path: Path) -> None:
    rec = read_recording(_write(tmp_path, "cut.csv", "time,force\n0,1\n0.1,2\n0.2"))
    assert rec.f.tolist() == [1, 2]
    with pytest.raises(ForceDataError, match="line 3 has 1 value, the header has 2"):
        read_recording(_write(tmp_path, "short.csv", "time,force\n0,1\n0.1\n0.2,3\n"))


def test_a_large_file_goes_through_the_c_reader(tmp_path: Path) -> None:
    t = np.arange(0, 200, 0.001)
    f = np.round(np.sin(t) * 100, 3)
    path = tmp_path / "big.csv"
    with path.open("w") as fh:
        fh.write("Tindeq Progressor export\nMax weight,100\n\ntime,weight\n")
        np.savetxt(fh, np.column_stack([t * 1e6, f]), fmt=["%.0f", "%.3f"], delimiter=",")
    rec = read_recording(path)
    assert len(rec.f) == len(t) and rec.f[1000] == pytest.approx(f[1000] * 9.80665)
    assert rec.t[-1] == pytest.approx(t[-1])


def test_a_row_of_units_under_the_names(tmp_path: Path) -> None:
    text = "Time\tTorque\tForce\nms\tNm\tkg\n0\t1\t2\n0.5\t1\t3\n1.0\t1\t4\n"
    rec = read_recording(_write(tmp_path, "lab.txt", text), column="Force (kg)")
    assert rec.t.tolist() == pytest.approx([0, 0.0005, 0.001])
    assert rec.f[-1] == pytest.approx(4 * 9.80665)
