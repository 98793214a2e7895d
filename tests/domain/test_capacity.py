"""Capacity test results for a stage's entry: the latest per test and side; bad input is an
error that names the field."""

from __future__ import annotations

from typing import Any

import pytest

from isohold.domain.capacity import parse_results
from isohold.domain.errors import InputError
from isohold.domain.models import Catalogue


def test_the_latest_result_per_side_counts(catalogue: Catalogue) -> None:
    raw = {
        "tests": [
            {"test": "heel-rise-count", "value": 12, "side": "left"},
            {"test": "heel-rise-count", "value": 18, "side": "left"},
            {"test": "heel-rise-count", "value": 20, "side": "right"},
            {"test": "single-leg-decline-squat", "value": 2},
        ]
    }
    assert parse_results(raw, catalogue.tests) == {
        "heel-rise-count": {"left": 18, "right": 20},
        "single-leg-decline-squat": {"both": 2},
    }


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ([], "tests"),
        ({"tests": {}}, "tests"),
        ({"tests": [], "extra": 1}, "extra"),
        ({"tests": [1]}, r"tests\[0\]"),
        ({"tests": [{"test": "nope", "value": 1}]}, r"tests\[0\]\.test"),
        ({"tests": [{"test": ["heel-rise-count"], "value": 1}]}, r"tests\[0\]\.test"),
        ({"tests": [{"test": "heel-rise-count", "value": -1}]}, r"tests\[0\]\.value"),
        ({"tests": [{"test": "heel-rise-count", "value": True}]}, r"tests\[0\]\.value"),
        ({"tests": [{"test": "heel-rise-count", "value": 3, "side": "up"}]}, r"tests\[0\]\.side"),
        ({"tests": [{"test": "heel-rise-count", "value": 3, "when": 1}]}, r"tests\[0\]\.when"),
    ],
)
def test_bad_results_name_the_field(catalogue: Catalogue, raw: Any, field: str) -> None:
    with pytest.raises(InputError, match=field):
        parse_results(raw, catalogue.tests)
