"""The session document carries each exercise's moving figure, per side a phase may name, and
the figure pages answer."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient

from isohold.catalogue import load_catalogue
from isohold.catalogue.loader import SHIPPED

SVG = "{http://www.w3.org/2000/svg}"
PROFILE = {
    "age": 24, "conditions": ["patellar_tendinopathy"], "goals": ["pain_relief"],
    "irritability": "low", "pain_now": 3, "red_flags": [], "side": "left",
    "equipment": ["leg_extension_machine"],
}  # fmt: skip
LOW_BACK = {
    "age": 44, "conditions": ["low_back_pain"], "goals": ["pain_relief"],
    "irritability": "moderate", "pain_now": 4, "red_flags": [], "equipment": ["mat"],
}  # fmt: skip


def _start(client: TestClient, profile: dict[str, object]) -> dict[str, object]:
    assert client.post("/api/v1/onboard", json={"profile": profile}).status_code == 200
    response = client.post("/api/v1/sessions", json={})
    assert response.status_code == 200, response.text
    data: dict[str, object] = response.json()
    return data


def test_each_exercise_carries_a_moving_figure_for_its_sides(client: TestClient) -> None:
    session = _start(client, LOW_BACK)
    exercises = session["exercises"]
    assert isinstance(exercises, list) and exercises
    for ex in exercises:
        sides = {p["side"] for p in ex["phases"]}
        figures = ex["figures"]
        assert sides <= set(figures), (ex["block"]["exercise"], sides, set(figures))
        for svg in figures.values():
            root = ET.fromstring(svg)
            assert "figure-moving" in (root.get("class") or "")
            assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
            assert root.find(f".//{SVG}path[@data-hold]") is not None


def test_a_block_for_one_side_carries_that_side_at_its_angle(client: TestClient) -> None:
    session = _start(client, PROFILE)
    exercises = session["exercises"]
    assert isinstance(exercises, list)
    leg = next(e for e in exercises if e["block"]["exercise"] == "leg-extension-isometric")
    assert set(leg["figures"]) == {"left"}
    svg = leg["figures"]["left"]
    assert 'data-deg="60"' in svg and ">Left leg</text>" in svg


def test_the_figure_pages_answer(client: TestClient) -> None:
    gallery = client.get("/exercises/figures")
    assert gallery.status_code == 200
    every = len(load_catalogue(SHIPPED).exercises)
    assert gallery.text.count('<svg xmlns="http://www.w3.org/2000/svg" class="figure') == every
    page = client.get("/exercises/wall-sit")
    assert page.status_code == 200 and 'role="img"' in page.text
    assert "/static/css/figures.css" in page.text
