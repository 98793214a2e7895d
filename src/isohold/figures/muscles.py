"""Which part of the figure to tint for each working muscle named in the catalogue.

A muscle is matched by words in its name (the catalogue writes names in plain words, e.g.
"internal and external obliques"). Each match tints a patch of one segment: its front, back
or middle, between two fractions of the segment's length.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Patch:
    segment: str  # skeleton segment name: thigh, shank, chest, ...
    face: str  # front | back | middle
    start: float  # fraction along the segment's outline box (0 = first blob)
    end: float


#: (words that must all appear in the muscle's name, patches); the first match wins
RULES: tuple[tuple[tuple[str, ...], tuple[Patch, ...]], ...] = (
    (("quadriceps",), (Patch("thigh", "front", 0.15, 0.95),)),
    (("hamstring",), (Patch("thigh", "back", 0.1, 0.9),)),
    (("biceps femoris",), (Patch("thigh", "back", 0.1, 0.9),)),
    (("semitendinosus",), (Patch("thigh", "back", 0.1, 0.9),)),
    (("semimembranosus",), (Patch("thigh", "back", 0.1, 0.9),)),
    (("gluteus maximus",), (Patch("pelvis", "back", 0.0, 0.6),)),
    (("gluteus",), (Patch("pelvis", "middle", 0.0, 0.5), Patch("thigh", "middle", 0.0, 0.2))),
    (("piriformis",), (Patch("pelvis", "back", 0.0, 0.45),)),
    (("gastrocnemius",), (Patch("shank", "back", 0.05, 0.55),)),
    (("soleus",), (Patch("shank", "back", 0.3, 0.85),)),
    (
        ("quadratus lumborum",),
        (Patch("pelvis", "back", 0.3, 1.0), Patch("chest", "back", 0.0, 0.25)),
    ),
    (("erector",), (Patch("pelvis", "back", 0.4, 1.0), Patch("chest", "back", 0.0, 0.75))),
    (("multifidus",), (Patch("pelvis", "back", 0.4, 1.0), Patch("chest", "back", 0.0, 0.4))),
    (("oblique",), (Patch("pelvis", "middle", 0.4, 1.0), Patch("chest", "middle", 0.0, 0.45))),
    (("abdomin",), (Patch("pelvis", "front", 0.3, 1.0), Patch("chest", "front", 0.0, 0.55))),
    (("middle trapezius",), (Patch("chest", "back", 0.45, 0.9),)),
    (("lower trapezius",), (Patch("chest", "back", 0.3, 0.8),)),
    (("rhomboid",), (Patch("chest", "back", 0.5, 0.95),)),
    (("trapezius",), (Patch("chest", "back", 0.75, 1.0), Patch("neck", "back", 0.0, 0.7))),
    (("levator scapulae",), (Patch("neck", "back", 0.0, 0.9), Patch("chest", "back", 0.85, 1.0))),
    (("longus",), (Patch("neck", "front", 0.0, 1.0),)),
    (("sternocleidomastoid",), (Patch("neck", "front", 0.0, 1.0),)),
    (("scalene",), (Patch("neck", "middle", 0.0, 1.0),)),
    (("splenius",), (Patch("neck", "back", 0.0, 1.0),)),
    (("semispinalis",), (Patch("neck", "back", 0.0, 1.0),)),
    (("suboccipital",), (Patch("neck", "back", 0.6, 1.0),)),
    (
        ("supraspinatus",),
        (Patch("upper-arm", "middle", 0.0, 0.3), Patch("chest", "back", 0.85, 1.0)),
    ),
    (("infraspinatus",), (Patch("chest", "back", 0.6, 0.95), Patch("upper-arm", "back", 0.0, 0.3))),
    (("teres",), (Patch("upper-arm", "back", 0.0, 0.35),)),
    (("deltoid",), (Patch("upper-arm", "middle", 0.0, 0.45),)),
    (("flexor digitorum",), (Patch("forearm", "front", 0.05, 0.85),)),
    (("forearm",), (Patch("forearm", "front", 0.05, 0.85),)),
)
#: muscles in these segments belong to one side only in a one-sided exercise
LIMB_SEGMENTS = ("upper-arm", "forearm", "hand", "thigh", "shank", "foot")


def patches(muscle: str) -> tuple[Patch, ...]:
    """The patches to tint for one muscle, or () when the name is not recognised."""
    name = muscle.lower()
    for words, found in RULES:
        if all(w in name for w in words):
            return found
    return ()
