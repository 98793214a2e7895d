"""JSON Schemas of the contract documents, built from the same vocabularies the parsers use, so
that the OpenAPI document describes what the API really accepts (and the fuzz test sends it).
The parsers (profile.py, plan.py, responses.py) stay the judges: these only describe."""

from __future__ import annotations

from typing import Any

from isohold.domain import vocabulary as v
from isohold.domain.capacity import MAX_VALUE
from isohold.domain.profile import MAX_ONSET_WEEKS
from isohold.domain.record_rules import DIASTOLIC, SCORE, SYSTOLIC

Schema = dict[str, Any]


def _enum(values: tuple[str, ...] | list[str]) -> Schema:
    return {"type": "string", "enum": list(values)}


def _list(values: tuple[str, ...]) -> Schema:
    return {"type": "array", "items": _enum(values), "uniqueItems": True}


def _int(lo: int, hi: int) -> Schema:
    return {"type": "integer", "minimum": lo, "maximum": hi}


def profile_schema() -> Schema:
    """Contract 1."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "age",
            "conditions",
            "goals",
            "irritability",
            "pain_now",
            "red_flags",
            "equipment",
        ],
        "properties": {
            "age": _int(12, 110),
            "sex": _enum(v.SEXES),
            "conditions": {**_list(v.CONDITIONS), "minItems": 1},
            "side": _enum(v.SIDES),
            "goals": _list(v.GOALS),
            "irritability": _enum(v.IRRITABILITY),
            "pain_now": _int(*SCORE),
            "red_flags": _list(v.RED_FLAG_CODES),
            "resting_bp": {
                "type": "object",
                "additionalProperties": False,
                "required": ["systolic", "diastolic"],
                "properties": {"systolic": _int(*SYSTOLIC), "diastolic": _int(*DIASTOLIC)},
            },
            "bp_medicated": {"type": "boolean"},
            "bp_cleared": {"type": "boolean"},
            "equipment": _list(v.EQUIPMENT),
            "in_season": {"type": "boolean"},
            "minutes_per_session": _int(1, 240),
            "pregnancy": _enum(v.PREGNANCY),
            "pregnancy_weeks": _int(0, 42),
            "medications": _list(v.MEDICATIONS),
            "onset_weeks": _int(0, MAX_ONSET_WEEKS),
            "onset": _enum(v.ONSETS),
            "cleared_flags": _list(v.RED_FLAG_CODES),
            "tendon_site": _enum(v.TENDON_SITES),
        },
    }


def responses_schema() -> Schema:
    """Contract 3's responses: a list of one week's responses (or the object holding it)."""
    score = _int(*SCORE)
    one = {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "exercise",
            "completed_sets",
            "pain_during",
            "pain_next_morning",
            "baseline_pain",
        ],
        "properties": {
            "exercise": {"type": "string", "minLength": 1},
            "completed_sets": _int(0, 100),
            "pain_during": score,
            "pain_next_morning": score,
            "baseline_pain": score,
            "effort": score,
        },
    }
    return {"type": "array", "items": one}


def results_schema() -> Schema:
    """Capacity test results for a stage's entry (capacity.py): a list, latest last."""
    one = {
        "type": "object",
        "additionalProperties": False,
        "required": ["test", "value"],
        "properties": {
            "test": {"type": "string", "minLength": 1, "description": "A catalogue test id"},
            "value": {"type": "number", "minimum": 0, "maximum": MAX_VALUE},
            "side": _enum(("left", "right")),
        },
    }
    return {"type": "array", "items": one}


def review_request_schema() -> Schema:
    """The body of POST /api/v1/review: a contract-2 plan, a week's responses and, optionally,
    the latest capacity test results."""
    return {
        "type": "object",
        "required": ["plan", "responses"],
        "properties": {
            "plan": {"type": "object", "description": "An isohold.plan/1 document (contract 2)"},
            "responses": responses_schema(),
            "tests": results_schema(),
        },
    }
