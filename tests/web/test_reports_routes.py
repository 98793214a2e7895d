"""The documents the web app hands out: the progress report from the Progress page."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.support.pdfs import pdf_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _onboard(client: TestClient) -> None:
    profile = json.loads((EXAMPLES / "low-back-pain.json").read_text())
    assert client.post("/api/v1/onboard", json={"profile": profile}).status_code == 200


def test_the_progress_page_offers_the_report_and_it_downloads(client: TestClient) -> None:
    _onboard(client)
    page = client.get("/history").text
    assert 'href="/history/report.pdf"' in page and "?clinician=true" in page
    response = client.get("/history/report.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Progress report" in text and "Bird dog" in text and "Raw tables" not in text
    clinician = client.get("/history/report.pdf", params={"clinician": "true"})
    assert "Raw tables" in pdf_text(clinician.content)


def test_a_bad_date_is_a_named_error(client: TestClient) -> None:
    _onboard(client)
    response = client.get("/history/report.pdf", params={"start": "yesterday"})
    assert response.status_code == 422 and "start" in response.text


def test_before_onboarding_the_report_sends_to_getting_started(client: TestClient) -> None:
    response = client.get("/history/report.pdf", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/start"


def test_the_fhir_bundle_route(client: TestClient) -> None:
    from fhir.resources.R4B.bundle import Bundle

    _onboard(client)
    assert client.post("/api/v1/bp", json={"systolic": 128, "diastolic": 82}).status_code == 200
    response = client.get("/api/v1/fhir/Bundle")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    bundle = response.json()
    Bundle.model_validate(bundle)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds[:2] == ["Patient", "CarePlan"] and "Observation" in kinds
    assert "/api/v1/fhir/Bundle" in client.get("/openapi.json").json()["paths"]


def test_the_report_through_the_api(client: TestClient) -> None:
    before = client.get("/api/v1/report.pdf")
    assert before.status_code >= 400 and before.headers["content-type"] == "application/json"
    _onboard(client)
    response = client.get("/api/v1/report.pdf", params={"clinician": "true"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert "Raw tables" in pdf_text(response.content)
    refused = client.get("/api/v1/report.pdf", params={"end": "2026-13-01"})
    assert refused.status_code == 422 and "end" in refused.text
    assert "/api/v1/report.pdf" in client.get("/openapi.json").json()["paths"]
