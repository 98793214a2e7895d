"""Counts of sets in the terminal read '1 set', never '1 sets' (issue 18)."""

from __future__ import annotations

from pathlib import Path

from tests.support.commands import Run
from tests.support.profiles import EXAMPLES


def test_stats_after_one_set_says_1_set(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    assert isohold("init", "-p", str(EXAMPLES / "low-back-pain.json"), "--db", db).returncode == 0
    logged = isohold("log", "bird-dog", "--hold-s", "10", "--reps", "4", "--side", "left",
                     "--db", db)  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    out = isohold("stats", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "(1 set)" in out.stdout and "1 sets" not in out.stdout
