"""The drawn geometry keeps to the prescription: every prescribed angle is drawn within a
degree, what rests on the floor touches it and nothing goes through it, hands reach what they
press, props touch the body, and the whole figure fits its view box."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isohold.catalogue import load_catalogue
from isohold.catalogue.loader import SHIPPED
from isohold.domain.models import Exercise
from isohold.figures import Figure, draw
from tests.figures.geometry import drawn_angle, lowest_body_point, svg_points, view_box

CATALOGUE = load_catalogue(SHIPPED)
EXERCISES = list(CATALOGUE.exercises.values())
ANGLED = [e for e in EXERCISES if e.figure is not None and e.figure.angle is not None]
SIDES = (None, "right", "left", "both", "each")
#: how far (SVG units, ~1/250 of a body height each) a contact may be off its surface
TOUCH = 1.0


def _angles(ex: Exercise) -> list[float]:
    """The ends and middle of the drawable range, the catalogue's and protocols' angles."""
    assert ex.figure is not None and ex.figure.angle is not None
    a = ex.figure.angle
    found = {a.low, a.high, (a.low + a.high) / 2}
    if ex.joint_angle_deg is not None:
        found.add(ex.joint_angle_deg)
    for proto in CATALOGUE.protocols.values():
        for option in proto.options:
            if option.exercise == ex.id and option.dose.joint_angle_deg is not None:
                found.add(option.dose.joint_angle_deg)
    return sorted(found)


CASES = [(ex.id, angle) for ex in ANGLED for angle in _angles(ex)]


@pytest.mark.parametrize(("exercise_id", "angle"), CASES)
def test_the_prescribed_angle_is_drawn_within_a_degree(exercise_id: str, angle: float) -> None:
    ex = CATALOGUE.exercises[exercise_id]
    for side in ("right", "left"):
        figure = draw(ex, joint_angle_deg=angle, side=side)
        assert figure.angle is not None and figure.angle.prescribed
        assert figure.angle.value == angle
        assert drawn_angle(figure) == pytest.approx(angle, abs=1.0), (exercise_id, side)
        assert f'data-deg="{angle:g}"' in figure.svg
        assert f">{angle:g}°</text>" in figure.svg


def test_without_a_prescription_the_exercises_own_angle_is_drawn() -> None:
    for ex in ANGLED:
        figure = draw(ex)
        assert figure.angle is not None
        assert figure.angle.prescribed == (ex.joint_angle_deg is not None)
        assert drawn_angle(figure) == pytest.approx(figure.angle.value, abs=1.0), ex.id


def test_a_wall_sit_prescribed_at_120_is_drawn_at_120() -> None:
    """The wall-squat studies measure the inside angle at the knee: 120 is 60 degrees bent."""
    figure = draw(CATALOGUE.exercises["wall-sit"], joint_angle_deg=120)
    assert drawn_angle(figure) == pytest.approx(120, abs=1.0)
    assert "knee angle is 120 degrees, measured inside the knee" in figure.desc
    deeper = draw(CATALOGUE.exercises["wall-sit"], joint_angle_deg=95)
    assert deeper.joints["hip.work"][1] > figure.joints["hip.work"][1]  # lower on the page


def test_a_leg_extension_at_60_is_drawn_bent_60_from_straight() -> None:
    figure = draw(CATALOGUE.exercises["leg-extension-isometric"])
    assert drawn_angle(figure) == pytest.approx(60, abs=1.0)
    assert "bent to 60 degrees (0 degrees is a straight leg)" in figure.desc


def test_an_angle_outside_the_drawable_range_is_drawn_at_the_nearest_and_said_so() -> None:
    figure = draw(CATALOGUE.exercises["wall-sit"], joint_angle_deg=60)
    assert figure.angle is not None and figure.angle.value == 90
    assert drawn_angle(figure) == pytest.approx(90, abs=1.0)
    assert "Your plan says 60 degrees" in figure.desc


def _figures(ex: Exercise) -> list[tuple[str | None, Figure]]:
    return [(side, draw(ex, side=side)) for side in SIDES]


@pytest.mark.parametrize("exercise_id", [e.id for e in EXERCISES])
def test_the_body_rests_on_the_floor_and_never_goes_through_it(exercise_id: str) -> None:
    for side, figure in _figures(CATALOGUE.exercises[exercise_id]):
        if figure.floor is None:
            continue  # seen from above, the floor is the page
        assert figure.support is not None
        assert lowest_body_point(figure) <= figure.floor + TOUCH, (exercise_id, side)
        for name, y in figure.rests.items():
            assert y == pytest.approx(figure.support, abs=TOUCH), (exercise_id, side, name)


@pytest.mark.parametrize("exercise_id", [e.id for e in EXERCISES])
def test_hands_touch_what_they_press_and_props_touch_the_body(exercise_id: str) -> None:
    for side, figure in _figures(CATALOGUE.exercises[exercise_id]):
        for hand, target, gap in figure.reaches:
            assert gap <= TOUCH, (exercise_id, side, hand, target, gap)
        for prop, landmark, gap in figure.touches:
            assert gap <= TOUCH, (exercise_id, side, prop, landmark, gap)


@pytest.mark.parametrize("exercise_id", [e.id for e in EXERCISES])
def test_the_figure_fits_its_view_box(exercise_id: str) -> None:
    for side in SIDES:
        for moving in (False, True):
            drawn = draw(CATALOGUE.exercises[exercise_id], side=side, animate=moving)
            _, _, w, h = view_box(drawn)
            assert w == pytest.approx(drawn.width, abs=0.1)
            assert h == pytest.approx(drawn.height, abs=0.1)
            for x, y in svg_points(drawn):
                assert -0.5 <= x <= w + 0.5 and -0.5 <= y <= h + 0.5, (exercise_id, side, x, y)


def test_one_sided_figures_are_mirrored_for_the_left_side() -> None:
    ex = CATALOGUE.exercises["split-squat-hold"]
    right, left = draw(ex, side="right"), draw(ex, side="left")
    assert right.width == pytest.approx(left.width)
    for key in ("knee.work", "ankle.work", "hip.other"):
        assert left.joints[key][0] == pytest.approx(right.width - right.joints[key][0], abs=0.01)
        assert left.joints[key][1] == pytest.approx(right.joints[key][1], abs=0.01)
    assert ">Left leg</text>" in left.svg and ">Right leg</text>" in right.svg
    assert "The left leg works." in left.desc


def test_regressions_and_progressions_draw_their_own_pose() -> None:
    """A side plank on the knees rests on a knee; on the feet, on a foot, and reaches further."""
    knees = draw(CATALOGUE.exercises["side-plank-knees"])
    feet = draw(CATALOGUE.exercises["side-plank"])
    assert "knee.work" in knees.rests and "foot.work" in feet.rests

    def span(f: Figure) -> float:
        xs = [p[0] for o in f.outlines.values() for p in o]
        return max(xs) - min(xs)

    assert span(feet) > span(knees) + 20


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_angle_in_range_is_drawn_exactly_on_the_floor_and_inside_the_box(
    data: st.DataObject,
) -> None:
    ex = data.draw(st.sampled_from(ANGLED))
    assert ex.figure is not None and ex.figure.angle is not None
    angle = data.draw(st.floats(ex.figure.angle.low, ex.figure.angle.high, allow_nan=False))
    side = data.draw(st.sampled_from(SIDES))
    figure = draw(ex, joint_angle_deg=angle, side=side)
    assert drawn_angle(figure) == pytest.approx(angle, abs=1.0)
    if figure.floor is not None:
        assert lowest_body_point(figure) <= figure.floor + TOUCH
    _, _, w, h = view_box(figure)
    assert all(-0.5 <= x <= w + 0.5 and -0.5 <= y <= h + 0.5 for x, y in svg_points(figure))
    assert not math.isnan(figure.width)
