"""The JSON shape of an exercise, shared by `isohold exercises --format json` and the API."""

from __future__ import annotations

from typing import Any

from isohold.domain.models import Catalogue, Exercise


def exercise_dict(ex: Exercise, catalogue: Catalogue) -> dict[str, Any]:
    return {
        "id": ex.id,
        "name": ex.name,
        "kind": ex.kind,
        "summary": ex.summary,
        "regions": list(ex.regions),
        "muscles": list(ex.muscles),
        "equipment": sorted({item for group in ex.equipment for item in group}) or ["none"],
        "equipment_needed": [sorted(group) for group in ex.equipment],
        "positions": [{"name": p.name, "context": p.context} for p in ex.positions],
        "steps": list(ex.steps),
        "cues": list(ex.cues),
        "mistakes": list(ex.mistakes),
        "muscle_length": ex.muscle_length,
        "intents": list(ex.intents),
        "unilateral": ex.unilateral,
        "joint_angle_deg": ex.joint_angle_deg,
        "progressions": list(ex.progressions),
        "regressions": list(ex.regressions),
        "safety": list(ex.safety),
        "sources": catalogue.refs(ex.sources),
        "evidence": ex.evidence,
    }
