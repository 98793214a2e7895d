"""The SVG is clean and accessible: it parses, names itself with a <title> and a <desc> that
say the position and angle in words, carries nothing from elsewhere (no scripts, images, links
or inline styles: the app's Content-Security-Policy allows none), and a moving figure's paths
can be interpolated from the start to the hold pose."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from isohold.catalogue import load_catalogue
from isohold.catalogue.loader import SHIPPED
from isohold.figures import draw
from tests.figures.geometry import NUMBER, SVG

CATALOGUE = load_catalogue(SHIPPED)
IDS = list(CATALOGUE.exercises)


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_svg_parses_and_names_itself(exercise_id: str) -> None:
    ex = CATALOGUE.exercises[exercise_id]
    for moving in (False, True):
        figure = draw(ex, animate=moving, uid=f"t-{exercise_id}")
        root = ET.fromstring(figure.svg)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title")
        desc = root.find(f"{SVG}desc")
        assert title is not None and desc is not None
        assert (title.get("id"), desc.get("id")) == (f"t-{exercise_id}-t", f"t-{exercise_id}-d")
        assert root.get("aria-labelledby") == f"t-{exercise_id}-t t-{exercise_id}-d"
        assert title.text == figure.title and ex.name in figure.title
        assert desc.text == figure.desc
        assert ex.positions[0].name[1:] in figure.desc
        assert "The arrow shows the effort" in figure.desc


@pytest.mark.parametrize("exercise_id", IDS)
def test_nothing_from_elsewhere_and_no_inline_style(exercise_id: str) -> None:
    figure = draw(CATALOGUE.exercises[exercise_id], animate=True)
    root = ET.fromstring(figure.svg)
    for el in root.iter():
        tag = el.tag.removeprefix(SVG)
        assert tag in {"svg", "title", "desc", "rect", "g", "path", "circle", "text"}, tag
        for name in el.attrib:
            assert name != "style" and not name.startswith("on"), (tag, name)
            assert "href" not in name, (tag, name)
    assert "<script" not in figure.svg and "url(" not in figure.svg


def test_the_description_says_the_angle_and_the_side_in_words() -> None:
    wall = draw(CATALOGUE.exercises["wall-sit"], joint_angle_deg=120)
    inside = "knee angle is 120 degrees, measured inside the knee (180 degrees is a straight leg)"
    assert inside in wall.desc
    split = draw(CATALOGUE.exercises["split-squat-hold"], side="each")
    assert "One side at a time: the right leg is shown working, then the left." in split.desc
    assert "knee is bent to about 90 degrees" in split.desc  # not prescribed: "about"
    plank = draw(CATALOGUE.exercises["side-plank"])
    assert plank.desc.startswith("Seen from the front: side-lying, propped on one forearm")
    assert "The arrow shows the effort: lift your hips" in plank.desc


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_moving_figure_can_be_interpolated_path_by_path(exercise_id: str) -> None:
    root = ET.fromstring(draw(CATALOGUE.exercises[exercise_id], animate=True).svg)
    paths = [p for p in root.iter(f"{SVG}path") if p.get("data-hold")]
    assert paths, exercise_id
    for path in paths:
        start, hold = path.get("d", ""), path.get("data-hold", "")
        assert re.sub(NUMBER.pattern, "0", start) == re.sub(NUMBER.pattern, "0", hold)
    assert root.find(f".//{SVG}g[@class='fig-arrows fig-hold-only']") is not None


def test_two_figures_on_one_page_have_different_ids() -> None:
    a = draw(CATALOGUE.exercises["wall-sit"], uid="one")
    b = draw(CATALOGUE.exercises["wall-sit"], uid="two")
    ids_a = set(re.findall(r'id="([^"]+)"', a.svg))
    ids_b = set(re.findall(r'id="([^"]+)"', b.svg))
    assert ids_a and not ids_a & ids_b
