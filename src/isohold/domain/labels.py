"""Plain-words labels for the closed vocabularies, shared by the terminal questions and the
web forms (the words people choose from; the codes stay in vocabulary.py)."""

from __future__ import annotations

from typing import Final

FLAG_CATEGORY_TITLES: Final = {
    "cardiovascular": "Heart and breathing",
    "cauda_equina": "Nerves at the base of the spine",
    "malignancy": "Your general health",
    "infection": "Infection",
    "fracture": "Injury and bones",
    "cervical_arterial": "Head and neck symptoms",
    "myelopathy": "Hands and reflexes",
    "pregnancy": "Pregnancy",
    "joint": "The painful joint",
    "shoulder_injury": "Shoulder injury",
    "tendon_rupture": "A sudden tendon injury",
}

#: Red-flag groups that only concern some conditions: asked when one of them is chosen (or
#: none yet); every other group is always asked. Back and neck pain get every group.
FLAG_CATEGORY_CONDITIONS: Final = {
    "cauda_equina": ("low_back_pain", "neck_pain", "desk_worker", "gluteal_tendinopathy"),
    "cervical_arterial": ("neck_pain", "low_back_pain", "desk_worker", "shoulder_pain"),
    "myelopathy": (
        "neck_pain",
        "low_back_pain",
        "desk_worker",
        "shoulder_pain",
        "lateral_elbow_tendinopathy",
    ),
    "joint": (
        "knee_osteoarthritis",
        "gluteal_tendinopathy",
        "shoulder_pain",
        "lateral_elbow_tendinopathy",
        "patellar_tendinopathy",
        "achilles_tendinopathy",
    ),
    "shoulder_injury": ("shoulder_pain",),
    "tendon_rupture": ("achilles_tendinopathy", "patellar_tendinopathy"),
}

#: Conditions that hurt on one side, for which the questions ask which side (the plan then
#: loads that side), and those where the questions ask more: a tendon's sport season and where
#: an Achilles tendon hurts (insertional or mid-portion).
ONE_SIDED: Final = (
    "patellar_tendinopathy",
    "achilles_tendinopathy",
    "lateral_elbow_tendinopathy",
    "gluteal_tendinopathy",
    "shoulder_pain",
    "knee_osteoarthritis",
)
IN_SEASON: Final = ("patellar_tendinopathy", "achilles_tendinopathy")
ASKS_TENDON_SITE: Final = ("achilles_tendinopathy",)

#: Red-flag groups asked together with the question they depend on, not with the others.
ASKED_WITH_PREGNANCY: Final = ("pregnancy",)
#: Red-flag groups only some conditions need (FLAG_CATEGORY_CONDITIONS): the terminal asks
#: them once the conditions are known.
ASKED_WITH_CONDITIONS: Final = ("joint", "shoulder_injury", "tendon_rupture")

CONDITIONS: Final = [
    ("low_back_pain", "Low back pain"),
    ("neck_pain", "Neck pain"),
    ("patellar_tendinopathy", "Pain in the tendon just below the kneecap"),
    ("achilles_tendinopathy", "Pain in the Achilles tendon"),
    ("hypertension", "High blood pressure"),
    ("desk_worker", "Aches from long hours at a desk"),
    ("muscle_tightness", "Muscles that feel tight and sore"),
    ("osteoporosis", "Thin bones (osteoporosis)"),
    ("lateral_elbow_tendinopathy", "Pain on the outside of the elbow (tennis elbow)"),
    ("gluteal_tendinopathy", "Pain on the outside of the hip"),
    ("shoulder_pain", "Shoulder pain"),
    ("knee_osteoarthritis", "Knee osteoarthritis (wear in the knee joint)"),
]
PREGNANCY: Final = [
    ("no", "No"),
    ("pregnant", "Yes, I am pregnant"),
    ("postpartum", "I have had a baby in the past year"),
]
MEDICATIONS: Final = [
    ("beta_blocker", "A beta-blocker (for example bisoprolol, atenolol, metoprolol)"),
    ("anticoagulant", "A blood thinner (for example warfarin, apixaban, rivaroxaban)"),
    (
        "fluoroquinolone",
        "A quinolone antibiotic now or in the past month (ciprofloxacin, levofloxacin)",
    ),
]
#: The stages of a staged protocol (vocabulary.STAGES), in the words the plan uses.
STAGES: Final = {
    "isometric": "holds",
    "isotonic": "slow strengthening",
    "energy_storage": "springy loading",
    "return": "back to sport, work and full activity",
}
TENDON_SITES: Final = [
    ("mid_portion", "In the tendon itself, a few centimetres above the heel"),
    ("insertional", "Where the tendon meets the heel bone"),
]
GOALS: Final = [
    ("pain_relief", "Less pain"),
    ("stability", "Feel steadier and more supported"),
    ("strength", "Get stronger"),
    ("hypertrophy", "Build muscle"),
    ("rate_of_force_development", "Produce force faster (sport)"),
    ("tendon_adaptation", "A stronger tendon"),
    ("blood_pressure", "Lower blood pressure"),
    ("desk_breaks", "Short exercise breaks at my desk"),
    ("mobility", "Move more freely"),
    ("return_to_sport", "Get back to sport"),
]
IRRITABILITY: Final = [
    ("low", "Low: activity barely stirs it up; it settles within minutes"),
    ("moderate", "Moderate: activity stirs it up; it settles within an hour or two"),
    ("high", "High: a little activity makes it much worse for hours"),
]
EQUIPMENT: Final = [
    ("wall", "A clear wall"),
    ("mat", "An exercise mat"),
    ("step", "A step or stair"),
    ("chair", "A sturdy chair"),
    ("resistance_band", "An elastic resistance band"),
    ("handgrip_dynamometer", "A handgrip dynamometer"),
    ("force_sensor", "A force sensor (e.g. Tindeq Progressor)"),
    ("leg_extension_machine", "A leg-extension machine"),
    ("belt", "A rigid belt or strap you can anchor"),
    ("cable", "A cable machine"),
    ("dumbbell", "A dumbbell or kettlebell"),
    ("rack", "A squat rack"),
    ("heart_rate_monitor", "A heart rate monitor"),
]
