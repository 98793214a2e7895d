"""`isohold force analyze` with hostile options and files: named errors with exit code 2, a plot
written to exactly the path given, and a memory budget for very large recordings."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.cli.test_force import _recording
from tests.support.commands import Run


def _files(folder: Path) -> list[str]:
    """What the command left in its folder (not matplotlib's caches under HOME)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _refused(out: object, *words: str) -> None:
    assert out.returncode == 2, (out.returncode, out.stderr)  # type: ignore[attr-defined]
    assert "Traceback" not in out.stderr  # type: ignore[attr-defined]
    for word in words:
        assert word in out.stderr, out.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("option", "value"),
    [("--onset-sd", "nan"), ("--onset-sd", "inf"), ("--onset-sd", "-3"), ("--onset-sd", "0"),
     ("--onset-sd", "1e308"), ("--rate", "nan"), ("--rate", "-inf"), ("--filter-hz", "nan"),
     ("--filter-hz", "inf"), ("--filter-hz", "0")],
)  # fmt: skip
def test_numbers_that_are_not_finite_or_sensible_are_refused(
    isohold: Run, tmp_path: Path, option: str, value: str
) -> None:
    _refused(isohold("force", "analyze", str(_recording(tmp_path)), option, value), option)


@pytest.mark.parametrize("target", ["/dev/zero", "folder", "fifo"])
def test_a_device_folder_or_pipe_is_not_a_recording(
    isohold: Run, tmp_path: Path, target: str
) -> None:
    if target == "folder":
        target = str(tmp_path)
    elif target == "fifo":
        target = str(tmp_path / "pipe")
        os.mkfifo(target)
    _refused(isohold("force", "analyze", target), "recording")


def test_a_recording_over_the_memory_budget_is_refused_before_it_is_read(
    isohold: Run, tmp_path: Path
) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:  # sparse: 200 MiB on paper, nothing on disk
        fh.write(b"t,force_N\n")
        fh.truncate(200 * 1024 * 1024)
    _refused(isohold("force", "analyze", str(big)), "MiB")


@pytest.mark.parametrize("plot", ["missing/pull.png", "pull", "pull.jpg", "pull.PNG.txt",
                                  "folder", "/dev/null"])  # fmt: skip
def test_a_plot_path_that_cannot_be_written_as_given_is_refused(
    isohold: Run, tmp_path: Path, plot: str
) -> None:
    (tmp_path / "folder.png").mkdir()
    plot = "folder.png" if plot == "folder" else plot
    out = isohold("force", "analyze", str(_recording(tmp_path)), "--plot", plot)
    _refused(out, "--plot")
    assert _files(tmp_path) == ["folder.png", "pull.csv"]


def test_the_plot_is_written_to_exactly_the_path_given(isohold: Run, tmp_path: Path) -> None:
    old = os.umask(0)  # the child inherits it: the plot must still be private
    try:
        out = isohold("force", "analyze", str(_recording(tmp_path)), "--plot", "curve.png")
    finally:
        os.umask(old)
    assert out.returncode == 0, out.stderr
    png = tmp_path / "curve.png"
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert stat.S_IMODE(png.stat().st_mode) == 0o600
    assert _files(tmp_path) == ["curve.png", "pull.csv"]
