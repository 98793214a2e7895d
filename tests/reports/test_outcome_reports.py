"""Test results in the documents: the progress report charts each measure with its
meaningful-change band and says whether the change is meaningful (the clinician's version
lists every result), and the FHIR Bundle carries each result as a valid Observation (LOINC only
where one was verified) that a round trip leaves alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from isohold.catalogue import load_catalogue
from isohold.reports.progress_report import report_html
from isohold.services import outcomes
from isohold.services.context import Context
from isohold.services.fhir import export_bundle, import_bp
from isohold.services.onboarding import onboard
from isohold.services.report import progress_pdf, progress_report
from isohold.storage.database import open_database
from tests.support.pdfs import pdf_text
from tests.support.profiles import profile_dict

START = datetime(2025, 3, 3, 9, 0)
LOINC = "http://loinc.org"
OWN = "http://isohold.org/fhir/CodeSystem/observation"


class Clock:
    def __init__(self) -> None:
        self.at = START

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture(scope="module")
def tested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    """Six weeks of a patellar tendon: PSFS, VISA-P and decline-squat pain every two weeks."""
    clock = Clock()
    folder = tmp_path_factory.mktemp("outcomes")
    ctx = Context(db=open_database(f"sqlite:///{folder / 'o.db'}"), catalogue=load_catalogue(),
                  now=clock)  # fmt: skip
    onboard(ctx, profile_dict(conditions=["patellar_tendinopathy"], side="right",
                              goals=["pain_relief"], equipment=["wall", "step"]))  # fmt: skip
    for week, (psfs, visa, slds) in enumerate([(3, 48, 7), (4, 55, 6), (6, 66, 4)]):
        clock.at = START + timedelta(weeks=2 * week)
        rated = [{"name": "Jumping", "rating": psfs}, {"name": "Stairs", "rating": psfs + 2}]
        outcomes.record(ctx, "psfs", activities=rated)
        outcomes.record(ctx, "visa-p", score=visa, by="clinician")
        outcomes.record(ctx, "single-leg-decline-squat", score=slds, side="right")
    outcomes.record(ctx, "single-leg-decline-squat", score=2, side="left")
    yield ctx
    ctx.close()


def test_the_report_charts_each_measure_and_judges_the_change(tested: Context) -> None:
    report = progress_report(tested)
    assert [o.measure for o in report.outcomes] == ["psfs", "visa-p", "single-leg-decline-squat"]
    html = report_html(report)
    assert html.count("not yet a meaningful change") >= 3  # each chart's band
    assert "+3: a meaningful improvement (3, at least 2)" in html  # PSFS 4 -> 7
    assert "+18: a meaningful improvement (18, at least 13)" in html  # VISA-P 48 -> 66
    assert "-3: a meaningful improvement (3, at least 1.6)" in html  # pain 7 -> 4, lower is better
    assert "one result in the period" in html  # the left side was tested once
    assert "Test results" in html and "Entered by" not in html  # the raw table is the clinician's


def test_the_clinician_version_lists_every_result(tested: Context) -> None:
    text = pdf_text(progress_pdf(tested, clinician=True))
    assert "Test results" in text and "Jumping 6; Stairs 8" in text and "clinician" in text


def test_a_period_keeps_only_its_results(tested: Context) -> None:
    last = progress_report(tested, (START + timedelta(weeks=4)).date())
    psfs = next(o for o in last.outcomes if o.measure == "psfs")
    assert [len(points) for _side, points in psfs.series] == [1]


def _observations(bundle: dict[str, Any], system: str, code: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Observation"
            and any(c["system"] == system and c["code"] == code
                    for c in e["resource"]["code"]["coding"])]  # fmt: skip


def test_each_result_is_an_observation(tested: Context) -> None:
    bundle = export_bundle(tested)  # validated against the FHIR models as it is built
    psfs = _observations(bundle, OWN, "psfs")
    assert len(psfs) == 3 and psfs[0]["category"][0]["coding"][0]["code"] == "survey"
    assert [c["code"]["text"] for c in psfs[0]["component"]] == ["Jumping", "Stairs"]
    assert psfs[-1]["valueQuantity"] == {
        "value": 7,
        "unit": "score",
        "system": "http://unitsofmeasure.org",
        "code": "{score}",
    }
    visa = _observations(bundle, OWN, "visa-p")
    assert visa[0]["note"] == [{"text": "Entered by a clinician"}]
    assert not any(c["system"] == LOINC for o in visa for c in o["code"]["coding"])
    squats = _observations(bundle, OWN, "single-leg-decline-squat")
    assert all((LOINC, "72514-3") in {(c["system"], c["code"]) for c in o["code"]["coding"]}
               for o in squats)  # fmt: skip
    assert {o["bodySite"]["text"] for o in squats} == {"Right lower limb", "Left lower limb"}
    assert squats[0]["category"][0]["coding"][0]["code"] == "exam"


def test_a_round_trip_leaves_the_results_out(tested: Context, tmp_path: Path) -> None:
    bundle = export_bundle(tested)
    fresh = Context(db=open_database(f"sqlite:///{tmp_path / 'f.db'}"),
                    catalogue=load_catalogue())  # fmt: skip
    try:
        onboard(fresh, profile_dict())
        done = import_bp(fresh, bundle)
        assert done.saved == 0 and done.left_out >= 10  # nothing to import, nothing refused
    finally:
        fresh.close()
