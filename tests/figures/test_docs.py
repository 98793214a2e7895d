"""The README's three figures are the ones the code draws today (regenerate them with the
commands below after an intended change to the drawing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from isohold.catalogue import load_catalogue
from isohold.catalogue.loader import SHIPPED
from isohold.services.figures import exercise_figure

ROOT = Path(__file__).resolve().parents[2]
#: file under docs/figures, exercise, prescribed angle; each made by
#: `isohold exercises show ID [--angle A] --figure docs/figures/FILE`
README_FIGURES = [
    ("neck-extension-clasped-hands.svg", "neck-extension-clasped-hands", None),
    ("side-plank.svg", "side-plank", None),
    ("wall-sit-120.svg", "wall-sit", 120.0),
]


@pytest.mark.parametrize(("name", "exercise_id", "angle"), README_FIGURES)
def test_the_readme_shows_todays_figures(name: str, exercise_id: str, angle: float | None) -> None:
    path = ROOT / "docs" / "figures" / name
    assert f"docs/figures/{name}" in (ROOT / "README.md").read_text()
    drawn = exercise_figure(load_catalogue(SHIPPED), exercise_id, joint_angle_deg=angle)
    assert drawn is not None
    assert path.read_text() == drawn.svg + "\n", (
        f"docs/figures/{name} is out of date: isohold exercises show {exercise_id}"
        + (f" --angle {angle:g}" if angle is not None else "")
        + f" --figure docs/figures/{name}"
    )
