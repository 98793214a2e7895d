"""Shared fixtures: the shipped catalogue and a catalogue copy to break (helpers that are not
fixtures live in tests/support/)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from isohold.catalogue import load_catalogue
from isohold.catalogue.loader import SHIPPED
from isohold.domain.models import Catalogue

# Property tests judge results, never speed: on a busy machine an example may take seconds.
settings.register_profile("isohold", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("isohold")


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(SHIPPED)


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Callable[[], Path]:
    """Returns a function that copies the shipped catalogue to a fresh folder to edit."""
    counter = iter(range(1000))

    def copy() -> Path:
        target = tmp_path / f"catalogue{next(counter)}"
        shutil.copytree(SHIPPED, target)
        return target

    return copy
