"""`isohold report`: the progress report PDF from the terminal."""

from __future__ import annotations

from pathlib import Path

from tests.support.commands import Run
from tests.support.pdfs import pdf_text
from tests.support.profiles import EXAMPLES


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


def test_fhir_export_and_import_round_trip(isohold: Run, tmp_path: Path) -> None:
    import json

    profile = str(EXAMPLES / "low-back-pain.json")
    db, fresh = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    isohold("init", "--profile", profile, "--db", db)
    for reading in ("128/82", "131/85", "125/80"):
        assert isohold("bp", "add", reading, "--db", db).returncode == 0
    out = tmp_path / "bundle.json"
    done = isohold("export", "--format", "fhir", "--out", str(out), "--db", db)
    assert done.returncode == 0, done.stderr
    bundle = json.loads(out.read_text())
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    isohold("init", "--profile", profile, "--db", fresh)
    imported = isohold("import", "--format", "fhir", str(out), "--db", fresh)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 3 blood-pressure readings" in imported.stdout
    history = isohold("history", "--format", "json", "--db", fresh)
    assert history.returncode == 0
    wrong = bundle["entry"][-1]["resource"]
    wrong["component"][0]["valueQuantity"]["code"] = "kPa"
    out.write_text(json.dumps(bundle))
    refused = isohold("import", "--format", "fhir", str(out), "--db", fresh)
    assert refused.returncode == 2
    assert f"Observation/{wrong['id']}" in refused.stderr and "valueQuantity" in refused.stderr


def test_handout_writes_the_pdf(isohold: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    isohold("init", "--profile", str(EXAMPLES / "low-back-pain.json"), "--db", db)
    out = tmp_path / "handout.pdf"
    done = isohold("handout", "--out", str(out), "--url", "http://10.0.0.5:8000/session",
                   "--db", db)  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = pdf_text(out.read_bytes())
    assert "Bird dog" in text and "http://" in text
    bad = isohold("handout", "--out", str(out), "--url", "javascript:alert(1)", "--db", db)
    assert bad.returncode == 2 and "--url" in bad.stderr


def test_the_cli_exports_and_analyzes_both_formats(isohold: Run, tmp_path: Path) -> None:
    import json

    from tests.reports.seed import seed_history

    db = f"sqlite:///{tmp_path / 'f.db'}"
    seed_history(db, 8).close()
    listed = isohold("force", "export", "--list", "--db", db)
    assert listed.returncode == 0 and "mvc-test" in listed.stdout
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"run.{fmt}"
        done = isohold("force", "export", "--format", fmt, "--out", str(out), "--db", db)
        assert done.returncode == 0, done.stderr
        result = isohold("force", "analyze", str(out), "--format", "json")
        assert result.returncode == 0, result.stderr
        assert len(json.loads(result.stdout)["trials"]) == 3
    refused = isohold("force", "export", "--format", "parquet", "--db", db)
    assert refused.returncode == 2 and "--out" in refused.stderr
