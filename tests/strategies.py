"""Hypothesis strategies for valid contract-1 profiles and contract-3 responses."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from isohold.domain import vocabulary as v

_REAL_CONDITIONS = [c for c in v.CONDITIONS if c != "none"]
_GEAR = [e for e in v.EQUIPMENT if e != "none"]


@st.composite
def profiles(draw: st.DrawFn, *, red_flags: bool = True) -> dict[str, Any]:
    conditions = draw(st.lists(st.sampled_from(_REAL_CONDITIONS), max_size=4, unique=True))
    equipment = draw(st.lists(st.sampled_from(_GEAR), max_size=6, unique=True))
    flags: list[str] = []
    if red_flags:
        flags = draw(
            st.one_of(
                st.just([]),
                st.lists(st.sampled_from(v.RED_FLAG_CODES), min_size=1, max_size=3, unique=True),
            )
        )
    raw: dict[str, Any] = {
        "age": draw(st.integers(12, 110)),
        "conditions": conditions or ["none"],
        "goals": draw(st.lists(st.sampled_from(v.GOALS), max_size=4, unique=True)),
        "irritability": draw(st.sampled_from(v.IRRITABILITY)),
        "pain_now": draw(st.integers(0, 10)),
        "red_flags": flags,
        "equipment": equipment or ["none"],
    }
    optional = {
        "sex": st.sampled_from(v.SEXES),
        "side": st.sampled_from(v.SIDES),
        "bp_medicated": st.booleans(),
        "bp_cleared": st.booleans(),
        "in_season": st.booleans(),
        "minutes_per_session": st.integers(1, 240),
        "resting_bp": st.integers(90, 220).flatmap(
            lambda s: st.fixed_dictionaries(
                {"systolic": st.just(s), "diastolic": st.integers(50, min(s - 1, 140))}
            )
        ),
        "medications": st.lists(
            st.sampled_from([m for m in v.MEDICATIONS if m != "none"]), max_size=3, unique=True
        ),
        "onset_weeks": st.integers(0, 520),
        "onset": st.sampled_from(v.ONSETS),
        "tendon_site": st.sampled_from(v.TENDON_SITES),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            raw[name] = draw(strategy)
    if draw(st.booleans()):
        raw["pregnancy"] = draw(st.sampled_from(v.PREGNANCY))
        if raw["pregnancy"] != "no" and draw(st.booleans()):
            raw["pregnancy_weeks"] = draw(st.integers(0, 42))
    if flags and draw(st.booleans()):
        raw["cleared_flags"] = draw(st.lists(st.sampled_from(flags), unique=True))
    return raw


def responses_for(exercises: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    one = st.fixed_dictionaries(
        {
            "exercise": st.sampled_from(exercises),
            "completed_sets": st.integers(0, 6),
            "pain_during": st.integers(0, 10),
            "pain_next_morning": st.integers(0, 10),
            "baseline_pain": st.integers(0, 10),
        },
        optional={"effort": st.integers(0, 10)},
    )
    return st.fixed_dictionaries({"responses": st.lists(one, min_size=1, max_size=8)})
