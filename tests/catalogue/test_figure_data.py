"""Every exercise carries a figure (a start and a hold pose), and every rejection rule for
figure data fires with an error naming the entry and the field."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from isohold.catalogue import load_catalogue
from isohold.domain.errors import CatalogueError
from isohold.domain.figure_spec import LIMITS, VIEWS
from isohold.domain.models import Catalogue


def test_every_exercise_has_a_start_and_a_hold_pose(catalogue: Catalogue) -> None:
    missing = [e.id for e in catalogue.exercises.values() if e.figure is None]
    assert missing == []
    for ex in catalogue.exercises.values():
        assert ex.figure is not None
        assert ex.figure.view in VIEWS
        assert ex.figure.start.joints or ex.figure.start.rest, ex.id
        assert ex.figure.hold.joints or ex.figure.hold.rest, ex.id
        assert ex.figure.effort, f"{ex.id}: no arrow for the effort"


def test_pose_angles_are_within_the_joint_bounds(catalogue: Catalogue) -> None:
    for ex in catalogue.exercises.values():
        assert ex.figure is not None
        for pose in (ex.figure.start, ex.figure.hold):
            for value in pose.joints:
                for plane in ("flex", "lateral", "twist"):
                    lo, hi = LIMITS[value.joint][plane]
                    assert lo <= getattr(value.angles, plane) <= hi, (ex.id, value)


def test_prescribed_angles_lie_in_each_figures_range(catalogue: Catalogue) -> None:
    """Every angle a protocol prescribes can be drawn exactly."""
    for proto in catalogue.protocols.values():
        for option in proto.options:
            angle = option.dose.joint_angle_deg
            figure = catalogue.exercises[option.exercise].figure
            if angle is None:
                continue
            assert figure is not None and figure.angle is not None, option.exercise
            assert figure.angle.low <= angle <= figure.angle.high, (proto.id, option.exercise)


def test_angle_conventions_are_explicit_where_the_catalogue_mixes_them(
    catalogue: Catalogue,
) -> None:
    """Leg extension holds use knee flexion; the wall-squat studies the inside knee angle."""
    for ident in ("leg-extension-isometric", "knee-extension-sensor-hold", "spanish-squat"):
        figure = catalogue.exercises[ident].figure
        assert figure is not None and figure.angle is not None
        assert (figure.angle.joint, figure.angle.measure) == ("knee", "flexion")
    wall = catalogue.exercises["wall-sit"].figure
    assert wall is not None and wall.angle is not None
    assert (wall.angle.joint, wall.angle.measure) == ("knee", "inside")


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


WALL_SIT_HOLD = 'rest = ["foot"]\nreach = "thigh"\nhip = 70\nknee = 70\n'

CASES = [
    (
        "exercises/knee.toml",
        WALL_SIT_HOLD,
        WALL_SIT_HOLD.replace("knee = 70", "kneee = 70"),
        r"\[wall-sit\.figure\.hold\]: field 'kneee' is not a joint",
    ),
    (
        "exercises/knee.toml",
        WALL_SIT_HOLD,
        WALL_SIT_HOLD.replace("knee = 70", "knee = 200"),
        r"\[wall-sit\.figure\.hold\]: field 'knee\.flex' is 200; a knee reaches only 0 to 150",
    ),
    (
        "exercises/knee.toml",
        WALL_SIT_HOLD,
        WALL_SIT_HOLD.replace("knee = 70", "knee = { lateral = 10 }"),
        r"\[wall-sit\.figure\.hold\]: field 'knee\.lateral' is 10; a knee cannot move that way",
    ),
    (
        "exercises/knee.toml",
        WALL_SIT_HOLD,
        WALL_SIT_HOLD.replace("knee = 70", "knee = { bend = 70 }"),
        r"field 'knee\.bend' is not a plane",
    ),
    (
        "exercises/knee.toml",
        WALL_SIT_HOLD,
        WALL_SIT_HOLD.replace('reach = "thigh"', 'reach = "thumb"'),
        r"\[wall-sit\.figure\.hold\]: field 'reach' has unknown landmark 'thumb'",
    ),
    (
        "exercises/knee.toml",
        WALL_SIT_HOLD,
        WALL_SIT_HOLD.replace('rest = ["foot"]', 'rest = ["foot.left"]'),
        r"field 'rest' has 'foot\.left'; a side is '\.work' or '\.other'",
    ),
    (
        "exercises/knee.toml",
        'props = [{ kind = "wall", at = "back" }]',
        'props = [{ kind = "sofa", at = "back" }]',
        r"\[wall-sit\.figure\.props\[0\]\]: field 'kind' has 'sofa'",
    ),
    (
        "exercises/knee.toml",
        'measure = "inside"',
        'measure = "outside"',
        r"\[wall-sit\.figure\.angle\]: field 'measure' has 'outside'",
    ),
    (
        "exercises/knee.toml",
        "range = [90, 150]",
        "range = [10, 150]",
        r"field 'range' has 10, which a knee cannot reach",
    ),
    (
        "exercises/knee.toml",
        "range = [90, 150]",
        "range = [120, 150]",
        r"\[wall-sit\.figure\]: field 'hold' draws the knee at 110, outside the angle range",
    ),
    (
        "exercises/knee.toml",
        "knee = { work = 60, other = 90 }",
        "knee = { work = 55, other = 90 }",
        r"\[leg-extension-isometric\.figure\]: field 'hold' draws the knee at 55 \(flexion\), "
        r"but the exercise's joint_angle_deg is 60",
    ),
    (
        "exercises/knee.toml",
        'view = "side"',
        'view = "bird"',
        r"field 'view' has 'bird'; allowed: side, front, top",
    ),
    (
        "exercises/knee.toml",
        "[exercise.figure.start]",
        "[exercise.figure.begin]",
        r"\[leg-extension-isometric\.figure\]: field 'start' is missing",
    ),
    (
        "exercises/knee.toml",
        'unilateral = false\nprogressions = ["split-squat-hold"]',
        'unilateral = true\nprogressions = ["split-squat-hold"]',
        r"\[wall-sit\.figure\]: field 'hold' is the same on both sides, but the exercise is "
        r"one-sided",
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "message"), CASES)
def test_each_figure_rejection_rule_fires(
    catalogue_copy: Callable[[], Path], rel: str, old: str, new: str, message: str
) -> None:
    root = catalogue_copy()
    _edit(root, rel, old, new)
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(root)


def test_an_exercise_without_a_figure_still_loads(catalogue_copy: Callable[[], Path]) -> None:
    """A clinic's own catalogue may leave figures out: the loader does not insist (the shipped
    one has every figure, which the first test checks)."""
    root = catalogue_copy()
    path = root / "exercises" / "hand.toml"
    text = path.read_text()
    text = re.sub(r"\n\[exercise\.figure[^\n]*\](?:\n(?!\[\[exercise\]\]).*)*", "\n", text)
    path.write_text(text)
    assert load_catalogue(root).exercises["handgrip-isometric"].figure is None
