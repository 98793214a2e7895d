"""Shared fixtures: the shipped catalogue, a profile factory, a catalogue copy to break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from isohold.catalogue import load_catalogue
from isohold.catalogue.loader import SHIPPED
from isohold.domain.models import Catalogue
from isohold.domain.profile import Profile, parse_profile


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(SHIPPED)


def profile_dict(**overrides: Any) -> dict[str, Any]:
    """A valid contract-1 profile; every override is applied as given (False and [] included)."""
    base: dict[str, Any] = {
        "age": 40,
        "conditions": ["low_back_pain"],
        "goals": ["pain_relief"],
        "irritability": "moderate",
        "pain_now": 3,
        "red_flags": [],
        "equipment": ["none"],
    }
    base.update(overrides)
    return base


def make_profile(**overrides: Any) -> Profile:
    return parse_profile(profile_dict(**overrides))


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Callable[[], Path]:
    """Returns a function that copies the shipped catalogue to a fresh folder to edit."""
    counter = iter(range(1000))

    def copy() -> Path:
        target = tmp_path / f"catalogue{next(counter)}"
        shutil.copytree(SHIPPED, target)
        return target

    return copy
