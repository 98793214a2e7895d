"""Which body regions a person's conditions put in scope for exercise choice."""

from __future__ import annotations

from typing import Final

from isohold.domain.profile import Profile
from isohold.domain.vocabulary import REGIONS

#: Regions each condition is about. Conditions not listed name no region of their own:
#: `hypertension` trains with whichever blood-pressure mode fits (hand or legs), and
#: `muscle_tightness` / `none` follow the other conditions, or open every region when alone.
CONDITION_REGIONS: Final[dict[str, tuple[str, ...]]] = {
    "low_back_pain": ("trunk", "lower_back", "hip"),
    "neck_pain": ("neck", "upper_back", "shoulder"),
    "patellar_tendinopathy": ("knee",),
    "achilles_tendinopathy": ("ankle",),
    "lateral_elbow_tendinopathy": ("elbow",),
    "gluteal_tendinopathy": ("hip",),
    "shoulder_pain": ("shoulder",),
    "knee_osteoarthritis": ("knee",),
    "desk_worker": ("neck", "upper_back", "shoulder", "trunk", "lower_back"),
    "hypertension": ("hand", "knee"),
}


def regions_for(profile: Profile) -> frozenset[str]:
    """The regions exercise may target for this person."""
    specific = [c for c in profile.conditions if c in CONDITION_REGIONS and c != "hypertension"]
    if not specific:
        return frozenset(REGIONS)
    out: set[str] = set()
    for condition in profile.conditions:
        out.update(CONDITION_REGIONS.get(condition, ()))
    return frozenset(out)
