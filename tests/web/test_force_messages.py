"""The force WebSocket's first message: an MVC test or a hold, told apart by `run`; every bad
field is named with a plain reason."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from isohold.domain.errors import InputError
from isohold.web.force_messages import HoldStart, MvcStart, parse_start


def test_a_run_is_an_mvc_test_or_a_hold() -> None:
    assert parse_start({"run": "mvc"}) == MvcStart(run="mvc", device="simulated")
    hold = parse_start({"run": "hold", "pct": 30, "seconds": 10.5, "device": "progressor",
                        "exercise": "wall-sit", "colour": "ignored"})  # fmt: skip
    assert isinstance(hold, HoldStart)
    assert (hold.pct, hold.seconds, hold.device, hold.exercise) == (30.0, 10.5, "progressor",
                                                                     "wall-sit")  # fmt: skip


@pytest.mark.parametrize(
    ("message", "field", "reason"),
    [
        ([1, 2], "body", "send a JSON object"),
        ({}, "run", "unknown value None; allowed values: mvc, hold"),
        ({"run": "jump"}, "run", "unknown value 'jump'"),
        ({"run": "hold", "seconds": 10}, "pct", "must be a number, got None"),
        ({"run": "hold", "pct": "70", "seconds": 10}, "pct", "must be a number, got '70'"),
        ({"run": "hold", "pct": True, "seconds": 10}, "pct", "must be a number, got True"),
        ({"run": "hold", "pct": 30, "seconds": [5]}, "seconds", "must be a number"),
        ({"run": "hold", "pct": 10**400, "seconds": 10}, "pct", "is far too large"),
        ({"run": "mvc", "device": 7}, "device", "got 7"),
        ({"run": "mvc", "exercise": {"id": 1}}, "exercise", "got {'id': 1}"),
    ],
)
def test_a_bad_message_names_its_field(message: Any, field: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_start(message)
    assert caught.value.field == field and reason in caught.value.reason


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=10,
)  # fmt: skip


@given(st.dictionaries(st.sampled_from(["run", "pct", "seconds", "device", "exercise"]), JSON))
def test_any_message_is_a_run_or_an_input_error(message: dict[str, Any]) -> None:
    try:
        start = parse_start(message)
    except InputError as error:
        assert error.field in {"body", "run", "pct", "seconds", "device", "exercise"}
    else:
        assert start.run == message["run"]
