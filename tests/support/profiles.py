"""Contract-1 profiles for tests: a valid one with any answer changed, and the examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from isohold.domain.profile import Profile, parse_profile

#: the example profiles, plans and responses shipped in examples/
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


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
