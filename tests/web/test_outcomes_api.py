"""Outcome measures through the JSON API and the /outcomes form: results are saved and read
back as series with their change, and bad input gets a 422 that names the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _onboard(client: TestClient, name: str = "achilles-runner.json") -> None:
    profile = json.loads((EXAMPLES / name).read_text())
    assert client.post("/api/v1/onboard", json={"profile": profile}).status_code == 200


def test_measures_say_what_counts_and_their_licence(client: TestClient) -> None:
    found = {m["measure"]: m for m in client.get("/api/v1/outcomes/measures").json()["measures"]}
    assert set(found) == {"psfs", "visa-a", "visa-p", "heel-rise-count", "single-leg-hop",
                          "single-leg-decline-squat"}  # fmt: skip
    assert found["psfs"]["mcid"] == 1.3 and found["psfs"]["mdc"] == 2
    assert found["visa-a"]["mcid"] is None and "does not reproduce" in found["visa-a"]["licence"]
    assert any(
        s.startswith("https://doi.org/") for s in found["single-leg-decline-squat"]["sources"]
    )


def test_results_are_saved_once_and_read_back_with_their_change(client: TestClient) -> None:
    _onboard(client)
    first = {"measure": "heel-rise-count", "score": 12, "side": "left",
             "uuid": "6f1c2a0e-6e4b-4a52-9a43-0f0d2b7a1c11", "day": "2026-01-05"}  # fmt: skip
    for _ in range(2):  # a replay is stored once
        saved = client.post("/api/v1/outcomes", json=first)
        assert saved.status_code == 200, saved.text
    assert saved.json()["saved"] is False
    later = client.post(
        "/api/v1/outcomes", json={"measure": "heel-rise-count", "score": 20, "side": "left"}
    ).json()
    assert later["change"]["verdict"] == "improved" and later["change"]["delta"] == 8
    client.post("/api/v1/outcomes", json={"measure": "heel-rise-count", "score": 25,
                                          "side": "right"})  # fmt: skip
    client.post("/api/v1/outcomes", json={"measure": "psfs", "by": "clinician", "activities": [
        {"name": "Running", "rating": 3}, {"name": "Stairs", "rating": 6}]})  # fmt: skip
    series = client.get("/api/v1/outcomes").json()["series"]
    assert [(s["measure"], s["side"], len(s["points"])) for s in series] == [
        ("psfs", None, 1),
        ("heel-rise-count", "left", 2),
        ("heel-rise-count", "right", 1),
    ]
    assert series[0]["points"][0]["score"] == 4.5 and series[0]["points"][0]["by"] == "clinician"
    assert series[1]["points"][0]["at"].startswith("2026-01-05")


BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"measure": "oswestry", "score": 20}, "measure", "not recorded here"),
    ({"measure": "visa-a", "score": 140}, "score", "from 0 to 100"),
    ({"measure": "visa-a", "score": "high"}, "score", "valid number"),
    ({"measure": "visa-a"}, "score", "is needed"),
    ({"measure": "heel-rise-count", "score": 10}, "side", "left or right"),
    (
        {"measure": "psfs", "activities": [{"name": "Run", "rating": 11}]},
        "activities[0].rating",
        "0 to 10",
    ),
    ({"measure": "psfs", "activities": []}, "activities", "name 1 to 5"),
    ({"measure": "visa-p", "score": 50, "day": "2999-01-01"}, "day", "in the future"),
    ({"measure": "visa-p", "score": 50, "by": "coach"}, "by", "person, clinician"),
    ({"measure": "visa-p", "score": 50, "colour": "red"}, "colour", "Extra inputs"),
    ({"measure": "visa-p", "score": 50, "uuid": "nope"}, "uuid", "not a UUID"),
]


@pytest.mark.parametrize(("body", "field", "words"), BAD, ids=[b[1] for b in BAD])
def test_bad_input_names_the_field(
    client: TestClient, body: dict[str, Any], field: str, words: str
) -> None:
    _onboard(client)
    answer = client.post("/api/v1/outcomes", json=body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field and words in answer.json()["detail"]


def test_the_form_saves_either_side_and_names_a_bad_field(client: TestClient) -> None:
    _onboard(client)
    page = client.get("/outcomes")
    assert page.status_code == 200 and "For your plan" in page.text
    token = page.cookies["isohold_csrf"]
    ok = client.post("/outcomes", data={"csrf_token": token, "measure": "heel-rise-count",
                                         "left": "14", "right": "", "by": "person"},
                     follow_redirects=False)  # fmt: skip
    assert ok.status_code == 303 and ok.headers["location"] == "/history#outcomes"
    bad = client.post("/outcomes", data={"csrf_token": token, "measure": "heel-rise-count",
                                          "left": "15", "right": "900"})  # fmt: skip
    assert bad.status_code == 422 and "Please check right: must be from 0 to 200" in bad.text
    series = client.get("/api/v1/outcomes").json()["series"]
    assert [len(s["points"]) for s in series] == [1]  # nothing of the refused form was saved
    psfs = client.post("/outcomes", data={"csrf_token": token, "measure": "psfs",
                                           "name_1": "Running", "rating_1": "4",
                                           "name_2": "Hopping", "rating_2": "x"})  # fmt: skip
    assert psfs.status_code == 422 and "activities[1].rating" in psfs.text


def test_learn_api_and_pages(client: TestClient) -> None:
    topics = client.get("/api/v1/learn").json()["topics"]
    assert len(topics) >= 6 and all(t["minutes"] < 1 and t["sources"] for t in topics)
    one = client.get("/api/v1/learn/flare-up-plan").json()
    assert one["title"] == "Your flare-up plan" and "clinician" in one["stop"]
    missing = client.get("/api/v1/learn/nope")
    assert missing.status_code == 422 and missing.json()["field"] == "topic"
    page = client.get("/learn/staying-active")
    assert page.status_code == 200 and "NICE" in page.text and "When to stop" in page.text
    assert client.get("/learn/nope").status_code == 404
