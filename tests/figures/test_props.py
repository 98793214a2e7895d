"""Every prop can be drawn and touches the body where it is placed, including props no
shipped exercise uses yet (a clinic's catalogue may)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from isohold.catalogue import load_catalogue
from isohold.catalogue.loader import SHIPPED
from isohold.domain.figure_spec import PROPS, PropSpec
from isohold.figures import draw
from tests.figures.geometry import svg_points, view_box

#: a seated figure with its forearm and hand free, and the landmark each prop goes on
SEATED = "handgrip-isometric"
PLACES = {
    "floor": "", "mat": "", "wall": "back", "chair": "buttock", "bench": "buttock",
    "step": "toes", "table": "forearm.work", "towel": "", "leg_extension": "shin.work",
    "strap": "ankle.work", "band_door": "forehead", "handgrip": "hand.work", "bar": "hand",
    "force_sensor": "ankle.work", "dumbbell": "hand.work",
}  # fmt: skip


def test_every_prop_kind_has_a_place() -> None:
    assert set(PLACES) == set(PROPS)


@pytest.mark.parametrize("kind", PROPS)
def test_each_prop_is_drawn_inside_the_box_and_touches_the_body(kind: str) -> None:
    exercise = load_catalogue(SHIPPED).exercises[SEATED]
    assert exercise.figure is not None
    spec = replace(exercise.figure, props=(PropSpec(kind, at=PLACES[kind], deg=200, reach=0.2),))
    figure = draw(replace(exercise, figure=spec))
    _, _, w, h = view_box(figure)
    assert all(-0.5 <= x <= w + 0.5 and -0.5 <= y <= h + 0.5 for x, y in svg_points(figure))
    for prop, landmark, gap in figure.touches:
        assert prop == kind
        assert gap <= 1.0, (kind, landmark, gap)
    assert 'class="fig-prop' in figure.svg or kind in ("floor", "dumbbell", "bar")
