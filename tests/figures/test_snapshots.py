"""Snapshot images: a few figures rendered by chromium and compared with stored PNGs
(tests/data/figures/), with a tolerance for anti-aliasing, so an unintended change to the
drawing is seen. Text is hidden in the comparison (fonts differ between machines; the words
are tested elsewhere).

After an intended change, look at the new images and store them with
`ISOHOLD_UPDATE_FIGURES=1 .venv/bin/pytest tests/figures/test_snapshots.py`.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, sync_playwright

from isohold.catalogue import load_catalogue
from isohold.catalogue.loader import SHIPPED
from isohold.figures import draw

ROOT = Path(__file__).resolve().parents[2]
STORED = ROOT / "tests" / "data" / "figures"
OUT = ROOT / "test-output" / "figures"
UPDATE = os.environ.get("ISOHOLD_UPDATE_FIGURES") == "1"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
#: (snapshot name, exercise, prescribed angle, side)
CASES = [
    ("wall-sit-120", "wall-sit", 120.0, None),
    ("side-plank", "side-plank", None, None),
    ("neck-extension-clasped-hands", "neck-extension-clasped-hands", None, None),
    ("leg-extension-left-60", "leg-extension-isometric", 60.0, "left"),
    ("shoulder-external-rotation", "shoulder-external-rotation-isometric", None, None),
]
#: the mean difference (0-255 per channel) allowed, and the share of pixels that may differ a lot
MEAN_LIMIT = 3.0
CHANGED_LIMIT = 0.01


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=ARGS)
        yield b
        b.close()


def render(browser: Browser, svg: str) -> Image.Image:
    page = browser.new_page(device_scale_factor=1)
    page.set_content(
        "<!doctype html><style>body{margin:0;background:#fff} text{display:none}</style>" + svg
    )
    png = page.locator("svg").screenshot(animations="disabled")
    page.close()
    return Image.open(io.BytesIO(png)).convert("RGB")


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """The mean difference (0-255) and the share of pixels differing by more than 48."""
    counts = ImageChops.difference(a, b).convert("L").histogram()
    total = sum(counts)
    mean = sum(level * n for level, n in enumerate(counts)) / total
    return mean, sum(counts[49:]) / total


def test_the_comparison_sees_a_changed_angle(browser: Browser) -> None:
    wall = load_catalogue(SHIPPED).exercises["wall-sit"]
    at_120 = render(browser, draw(wall, joint_angle_deg=120).svg)
    at_100 = render(browser, draw(wall, joint_angle_deg=100).svg)
    size = (min(at_120.width, at_100.width), min(at_120.height, at_100.height))
    mean, changed = difference(at_120.crop((0, 0, *size)), at_100.crop((0, 0, *size)))
    assert mean > MEAN_LIMIT or changed > CHANGED_LIMIT


@pytest.mark.parametrize(("name", "exercise_id", "angle", "side"), CASES)
def test_figures_look_as_stored(
    browser: Browser, name: str, exercise_id: str, angle: float | None, side: str | None
) -> None:
    exercise = load_catalogue(SHIPPED).exercises[exercise_id]
    image = render(browser, draw(exercise, joint_angle_deg=angle, side=side).svg)
    OUT.mkdir(parents=True, exist_ok=True)
    image.save(OUT / f"{name}.png")
    stored = STORED / f"{name}.png"
    if UPDATE:
        STORED.mkdir(parents=True, exist_ok=True)
        image.save(stored)
    assert stored.exists(), f"no stored snapshot {stored}; see this module's docstring"
    expected = Image.open(stored).convert("RGB")
    assert image.size == expected.size, f"{name}: size {image.size}, stored {expected.size}"
    mean, changed = difference(image, expected)
    assert mean <= MEAN_LIMIT and changed <= CHANGED_LIMIT, (
        f"{name} differs from the stored image (mean {mean:.2f}, {changed:.1%} of pixels "
        f"changed); compare {OUT / (name + '.png')} with {stored}"
    )
