"""Benchmark: the progress report over two years of history (target: under 5 s for the PDF),
the clinician's version with its raw tables, and the FHIR Bundle of the same log.

Prints figures; no pass/fail. The history is written through the services (tests/reports/
seed.py): daily check-ins, three sessions a week with every set, readings, a weekly MVC test
with its recording, desk breaks and weekly reviews.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.reports.seed

from tests.reports.seed import seed_history

from isohold.services.fhir import export_bundle
from isohold.services.report import progress_pdf, progress_report

DAYS = 2 * 365


def timed(label: str, work, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = work(*args, **kwargs)
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        ctx = seed_history(f"sqlite:///{Path(folder) / 'years.db'}", DAYS)
        print(f"seeded {DAYS} days of history in {time.perf_counter() - start:.1f} s")
        try:
            report = timed("gather the report's data (2 years)", progress_report, ctx)
            print(f"  {len(report.weeks)} weeks, {len(report.bp)} readings, {len(report.mvc)} "
                  f"MVC tests, {len(report.reviews)} reviews")  # fmt: skip
            pdf = timed("progress report PDF, 2 years (target < 5 s)", progress_pdf, ctx)
            print(f"  {len(pdf) / 1024:.0f} KiB")
            pdf = timed("clinician's version with the raw tables", progress_pdf, ctx,
                        clinician=True)  # fmt: skip
            print(f"  {len(pdf) / 1024:.0f} KiB")
            bundle = timed("FHIR Bundle, 2 years", export_bundle, ctx)
            print(f"  {len(bundle['entry'])} resources")
        finally:
            ctx.close()


if __name__ == "__main__":
    main()
