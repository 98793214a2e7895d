"""The Force page's words as pure functions: the exercise named with its side, set-up steps
for each %MVC exercise in the catalogue, and sensor errors told by their likely cause."""

from __future__ import annotations

import pytest

from isohold.devices.progressor.transport import DeviceNotFound
from isohold.domain.errors import SensorError
from isohold.domain.models import Catalogue
from isohold.web.force_setup import EXERCISE_STEPS, exercise_title, sensor_problem, setup_steps


@pytest.mark.parametrize(
    ("exercise", "side", "title"),
    [
        ("handgrip-isometric", "left", "Handgrip hold, left hand"),
        ("handgrip-isometric", "each", "Handgrip hold, each hand in turn"),
        ("leg-extension-isometric", "right", "Isometric leg extension, right leg"),
        (
            "knee-extension-sensor-hold",
            "both",
            "Seated knee extension hold against a force sensor, both legs",
        ),
    ],
)
def test_the_exercise_is_named_with_its_side(
    catalogue: Catalogue, exercise: str, side: str, title: str
) -> None:
    assert exercise_title(catalogue.exercises[exercise], exercise, side) == title


def test_an_exercise_without_a_limb_keeps_its_name(catalogue: Catalogue) -> None:
    plank = catalogue.exercises["side-plank"]
    assert exercise_title(plank, "side-plank", "each") == plank.name
    assert exercise_title(None, "gone-from-the-catalogue", "left") == "gone-from-the-catalogue"


def test_every_exercise_dosed_at_a_share_of_mvc_has_set_up_steps(catalogue: Catalogue) -> None:
    dosed = {
        o.exercise
        for p in catalogue.protocols.values()
        for o in p.options
        if o.dose.intensity.kind == "pct_mvc"
    }
    assert dosed and dosed <= set(EXERCISE_STEPS)
    assert set(EXERCISE_STEPS) <= set(catalogue.exercises)
    assert "ankle strap" in " ".join(setup_steps("knee-extension-sensor-hold"))
    assert setup_steps(None) == setup_steps("side-plank")


def _raised(error: BaseException) -> SensorError:
    """A sensor error raised from `error`, as the live stream raises it."""
    try:
        try:
            raise error
        except BaseException as cause:
            raise SensorError(f"could not connect to the Tindeq Progressor: {cause}") from cause
    except SensorError as wrapped:
        return wrapped


@pytest.mark.parametrize(
    ("cause", "code"),
    [
        (FileNotFoundError(2, "No such file or directory"), "no-adapter"),  # no BlueZ / D-Bus
        (RuntimeError("No Bluetooth adapters found."), "no-adapter"),
        (RuntimeError("Bluetooth device is turned off"), "no-adapter"),
        (
            DeviceNotFound("Bluetooth support is not installed: pip install bleak"),
            "no-bluetooth-support",
        ),
        (DeviceNotFound("no Progressor found: is it switched on and nearby?"), "not-found"),
        (TimeoutError("connecting took too long"), "unreachable"),
    ],
)
def test_sensor_errors_are_told_by_their_likely_cause(cause: BaseException, code: str) -> None:
    problem = sensor_problem(_raised(cause))
    assert problem.code == code
    assert "errno" not in problem.summary.lower() and len(problem.summary) < 80


def test_a_sensor_that_drops_out_is_named() -> None:
    error = SensorError("the Tindeq Progressor stopped sending for 5 s; check it is on")
    assert sensor_problem(error).code == "dropped"
