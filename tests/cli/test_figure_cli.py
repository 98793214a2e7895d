"""`isohold exercises show ID --figure FILE.svg|png` saves the exercise's figure."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support.commands import Run

SVG = "{http://www.w3.org/2000/svg}"


def test_an_svg_figure_is_saved_at_the_angle_asked(isohold: Run, tmp_path: Path) -> None:
    out = isohold("exercises", "show", "wall-sit", "--figure", "wall.svg", "--angle", "120")
    assert out.returncode == 0, out.stderr
    assert "Wall sit" in out.stdout
    assert "Figure saved to wall.svg" in out.stderr and "120 degrees" in out.stderr
    root = ET.parse(tmp_path / "wall.svg").getroot()
    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title", "").startswith("Wall sit")
    angle = root.find(f".//{SVG}g[@data-joint='knee']")
    assert angle is not None and angle.get("data-deg") == "120"


def test_json_output_stays_a_clean_document(isohold: Run, tmp_path: Path) -> None:
    out = isohold("exercises", "show", "side-plank", "-f", "json", "--figure", "plank.svg",
                  "--side", "left")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["id"] == "side-plank"
    assert ">Left side</text>" in (tmp_path / "plank.svg").read_text()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="PNG figures are drawn by chromium")
def test_a_png_figure_is_drawn_by_chromium(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "isohold", "exercises", "show", "neck-extension-clasped-hands",
         "--figure", "neck.png"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    data = (tmp_path / "neck.png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 2000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--figure", "x.gif"), "the file name must end in .svg or .png"),
        (("--figure", "x.svg", "--side", "middle"), "'--side': 'middle'; allowed: left, right"),
    ],
)
def test_a_bad_figure_request_is_a_named_error(isohold: Run, args: tuple[str, ...],
                                                message: str) -> None:  # fmt: skip
    out = isohold("exercises", "show", "wall-sit", *args)
    assert out.returncode == 2
    assert message in out.stderr
