"""`isohold report`: the progress report PDF from the terminal."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import EXAMPLES, Run
from tests.reports.conftest import pdf_text


def test_report_writes_the_pdf(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    init = isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", db)
    assert init.returncode == 0
    out = tmp_path / "report.pdf"
    done = isohold("report", "--out", str(out), "--clinician", "--name", "Sam", "--db", db)
    assert done.returncode == 0, done.stderr
    text = pdf_text(out.read_bytes())
    assert "Sam" in text and "Raw tables" in text and "Bird dog" in text
    assert (out.stat().st_mode & 0o777) == 0o600


def test_report_refuses_bad_dates_and_names_the_option(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", db)
    done = isohold("report", "--out", str(tmp_path / "r.pdf"), "--to", "2026-02-30", "--db", db)
    assert done.returncode == 2 and "--to" in done.stderr
    wrong = isohold("report", "--out", str(tmp_path / "r.txt"), "--db", db)
    assert wrong.returncode == 2 and ".pdf" in wrong.stderr
