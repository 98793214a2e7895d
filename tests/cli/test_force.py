"""`isohold force analyze` through the real command (contract 4)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from tests.support.commands import Run

KEYS = {
    "onset_s", "baseline", "peak_force", "net_peak_force", "time_to_peak_s", "rfd",
    "rfd_20_80", "peak_rfd", "impulse", "plateau_mean", "plateau_cv_percent", "duration_s",
}  # fmt: skip


def _recording(tmp_path: Path) -> Path:
    t = np.arange(0, 6, 0.001)
    f = np.clip((t - 2) * 2000, 0, 1000)
    f[t > 4.5] = 0
    path = tmp_path / "pull.csv"
    path.write_text(
        "t,force_N\n" + "\n".join(f"{a:.3f},{b:.2f}" for a, b in zip(t, f, strict=True))
    )
    return path


def test_json_matches_contract_4(isohold: Run, tmp_path: Path) -> None:
    out = isohold("force", "analyze", str(_recording(tmp_path)), "--format", "json",
                  "--plot", str(tmp_path / "pull.png"))  # fmt: skip
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert set(doc) == {"schema", "sample_rate_hz", "unit", "trials"}
    assert doc["schema"] == "isohold.force/1" and doc["unit"] == "N"
    (trial,) = doc["trials"]
    assert set(trial) == KEYS
    assert set(trial["rfd"]) == {"0-50ms", "0-100ms", "0-200ms"}
    assert set(trial["impulse"]) == {"0-100ms", "0-200ms"}
    assert abs(trial["rfd_20_80"] - 2000) < 20
    assert (tmp_path / "pull.png").stat().st_size > 10_000


def test_text_table_and_options(isohold: Run, tmp_path: Path) -> None:
    path = _recording(tmp_path)
    out = isohold("force", "analyze", str(path), "--onset-sd", "5", "--filter-hz", "100")
    assert out.returncode == 0, out.stderr
    assert "1 contraction(s) at 1000.0 Hz" in out.stdout


def test_bad_input_is_named(isohold: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("time,force\n0,1\n0.2,2\n0.1,3\n")
    out = isohold("force", "analyze", str(bad))
    assert out.returncode == 2 and "time does not increase" in out.stderr
    assert "Traceback" not in out.stderr
    out = isohold("force", "analyze", str(_recording(tmp_path)), "--unit", "stone")
    assert out.returncode == 2 and "N, kg, lbf" in out.stderr
    out = isohold("force", "analyze", str(_recording(tmp_path)), "--filter-hz", "900")
    assert out.returncode == 2 and "half the sample rate" in out.stderr


def test_mvc_then_hold_with_the_simulated_sensor(isohold: Run, tmp_path: Path) -> None:
    import os
    import re
    import subprocess
    import sys

    from tests.support.profiles import EXAMPLES

    db = f"sqlite:///{tmp_path / 'f.db'}"
    assert isohold("init", "-p", str(EXAMPLES / "low-back-pain.json"), "--db", db).returncode == 0

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ISOHOLD_TIME_SCALE": "0.005"}
        return subprocess.run([sys.executable, "-m", "isohold", *args, "--db", db],
                              capture_output=True, text=True, timeout=120, env=env)  # fmt: skip

    mvc = run("force", "mvc", "--device", "simulated")
    assert mvc.returncode == 0, mvc.stderr
    assert "MVC 392 N (40.0 kg) saved" in mvc.stdout
    held = run("force", "hold", "--pct", "30", "--seconds", "20", "--device", "simulated")
    assert held.returncode == 0, held.stderr
    assert "In the band for" in held.stdout
    found = re.search(r"mean (\d+\.\d)% MVC; steadiness CV (\d+\.\d)%", held.stdout)
    assert found and 29 <= float(found[1]) <= 31 and float(found[2]) < 3
    bad = run("force", "hold", "--pct", "30", "--seconds", "20", "--device", "bluetooth")
    assert bad.returncode == 2 and "progressor, simulated" in bad.stderr
    assert os.path.exists(tmp_path / "f.db")
    import sqlite3

    with sqlite3.connect(tmp_path / "f.db") as conn:
        query = "SELECT kind, sample_count FROM force_recordings ORDER BY id"
        kinds = conn.execute(query).fetchall()
    assert [k for k, _ in kinds] == ["mvc-test", "pct-mvc-hold"]  # raw recordings kept
    assert kinds[0][1] > 139 * 75 and kinds[1][1] > 22 * 75
    # the MVC trend, with RFD measured again from the stored recording
    trend = run("stats")
    assert re.search(r"MVC tests.*\n.*: 392 N, peak RFD [\d,]+ N/s, RFD 0-100 ms [\d,]+ N/s",
                     trend.stdout), trend.stdout  # fmt: skip
    tests = json.loads(run("stats", "--format", "json").stdout)["mvc_tests"]
    assert len(tests) == 1 and round(tests[0]["mvc_n"]) == 392 and tests[0]["peak_rfd"] > 0


def _write(path: Path, t: np.ndarray, f: np.ndarray, header: str) -> Path:
    with path.open("w") as fh:
        fh.write(header + "\n")
        np.savetxt(fh, np.column_stack([t, f]), fmt="%.5f", delimiter=",")
    return path


def test_text_table_fits_80_columns_and_names_the_body_weight(isohold: Run, tmp_path: Path) -> None:
    from tests.force.test_cases import plate_pull

    rec = plate_pull()
    path = _write(tmp_path / "imtp.csv", rec.t, rec.f, "Time,Fz")
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "80", "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "isohold", "force", "analyze", str(path)],
                         capture_output=True, text=True, timeout=60, env=env)  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in out.stdout and "..." not in out.stdout
    for header in ("onset s", "base", "RFD 0-100", "RFD 20-80", "J 0-200", "CV%", "dur s"):
        assert header in out.stdout
    import re

    found = re.search(r"body weight (\d+\.\d) N \((\d+\.\d) kg\)", out.stdout)
    assert found, out.stdout  # 800 N of still standing (noise SD 2 N) = 81.6 kg
    assert abs(float(found[1]) - 800) <= 0.5 and abs(float(found[2]) - 81.6) <= 0.1
    doc = json.loads(isohold("force", "analyze", str(path), "--format", "json").stdout)
    assert set(doc) == {"schema", "sample_rate_hz", "unit", "trials"}


def test_a_rep_the_recording_starts_in_is_null_onset_in_json(isohold: Run, tmp_path: Path) -> None:
    from tests.force.test_cases import repeaters

    rec = repeaters(4.0, [30, 29, 28])
    path = _write(tmp_path / "reps.csv", rec.t, rec.f, "time,force_N")
    out = isohold("force", "analyze", str(path), "--format", "json")
    assert out.returncode == 0, out.stderr
    first, *rest = json.loads(out.stdout)["trials"]
    assert set(first) == KEYS and first["onset_s"] is None
    assert first["rfd"]["0-100ms"] is None and first["peak_force"] > 280
    assert all(t["onset_s"] is not None for t in rest) and len(rest) == 2
    assert "contraction 1 has no onset" in out.stderr
    text = isohold("force", "analyze", str(path))
    assert text.returncode == 0 and "3 contraction(s)" in text.stdout
