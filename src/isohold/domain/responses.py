"""A week's responses to a plan (contract 3 input): validation and a per-exercise summary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from isohold.domain.errors import InputError

_FIELDS = ("exercise", "completed_sets", "pain_during", "pain_next_morning", "baseline_pain")
_OPTIONAL = ("effort",)


@dataclass(frozen=True, slots=True)
class Response:
    exercise: str
    completed_sets: int
    pain_during: int
    pain_next_morning: int
    baseline_pain: int
    effort: int | None = None

    @property
    def morning_rise(self) -> int:
        """Points by which next-morning pain exceeded the person's usual level."""
        return self.pain_next_morning - self.baseline_pain


def _score(raw: Mapping[str, Any], name: str, where: str, hi: int) -> int:
    value = raw[name]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= hi:
        raise InputError(f"{where}.{name}", f"must be a whole number from 0 to {hi}, got {value!r}")
    return value


def parse_responses(raw: object) -> list[Response]:
    """Validate `{"responses": [...]}`; raises InputError naming the first bad field."""
    if not isinstance(raw, Mapping) or "responses" not in raw:
        raise InputError("responses", 'the file must be an object {"responses": [...]}')
    extra = sorted(set(raw) - {"responses"})
    if extra:
        raise InputError(extra[0], "unknown field; allowed fields: responses")
    items = raw["responses"]
    if not isinstance(items, list):
        raise InputError("responses", "must be a list")
    out = []
    for i, item in enumerate(items):
        where = f"responses[{i}]"
        if not isinstance(item, Mapping):
            raise InputError(where, "must be an object")
        unknown = sorted(set(item) - set(_FIELDS) - set(_OPTIONAL))
        if unknown:
            allowed = ", ".join((*_FIELDS, *_OPTIONAL))
            raise InputError(f"{where}.{unknown[0]}", f"unknown field; allowed fields: {allowed}")
        for name in _FIELDS:
            if name not in item:
                raise InputError(f"{where}.{name}", "is required")
        if not isinstance(item["exercise"], str) or not item["exercise"]:
            raise InputError(f"{where}.exercise", "must be an exercise id from the plan")
        out.append(
            Response(
                exercise=item["exercise"],
                completed_sets=_score(item, "completed_sets", where, 100),
                pain_during=_score(item, "pain_during", where, 10),
                pain_next_morning=_score(item, "pain_next_morning", where, 10),
                baseline_pain=_score(item, "baseline_pain", where, 10),
                effort=None if item.get("effort") is None else _score(item, "effort", where, 10),
            )
        )
    return out


def summarise(responses: list[Response]) -> dict[str, Response]:
    """One response per exercise: the week's worst pain and flare, and its fewest completed sets.

    Several sessions in a week may each report; the pain-monitoring model is driven by the
    worst response, so a single bad day is never averaged away.
    """
    out: dict[str, Response] = {}
    for r in responses:
        prev = out.get(r.exercise)
        if prev is None:
            out[r.exercise] = r
            continue
        worst = max((prev, r), key=lambda x: x.morning_rise)
        efforts = [e for e in (prev.effort, r.effort) if e is not None]
        out[r.exercise] = Response(
            exercise=r.exercise,
            completed_sets=min(prev.completed_sets, r.completed_sets),
            pain_during=max(prev.pain_during, r.pain_during),
            pain_next_morning=worst.pain_next_morning,
            baseline_pain=worst.baseline_pain,
            effort=max(efforts) if efforts else None,
        )
    return out
