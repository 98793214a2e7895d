"""The closed vocabularies shared by profiles, the catalogue and plans (DESIGN.md contracts 1-3).

Each is a tuple so that its order is stable in error messages and generated docs.
"""

from __future__ import annotations

from typing import Final, Literal

CONDITIONS: Final = (
    "low_back_pain",
    "neck_pain",
    "patellar_tendinopathy",
    "achilles_tendinopathy",
    "hypertension",
    "desk_worker",
    "muscle_tightness",
    "osteoporosis",
    "lateral_elbow_tendinopathy",
    "gluteal_tendinopathy",
    "shoulder_pain",
    "knee_osteoarthritis",
    "none",
)
GOALS: Final = (
    "pain_relief",
    "stability",
    "strength",
    "hypertrophy",
    "rate_of_force_development",
    "tendon_adaptation",
    "blood_pressure",
    "desk_breaks",
    "mobility",
    "return_to_sport",
)
EQUIPMENT: Final = (
    "none",
    "wall",
    "mat",
    "step",
    "chair",
    "resistance_band",
    "handgrip_dynamometer",
    "force_sensor",
    "leg_extension_machine",
    "belt",
    "cable",
    "dumbbell",
    "rack",
    "heart_rate_monitor",
)
SEXES: Final = ("female", "male", "other")
PREGNANCY: Final = ("no", "pregnant", "postpartum")
MEDICATIONS: Final = ("beta_blocker", "anticoagulant", "fluoroquinolone", "none")
ONSETS: Final = ("gradual", "injury")
TENDON_SITES: Final = ("insertional", "mid_portion")
SIDES: Final = ("left", "right", "both")
IRRITABILITY: Final = ("low", "moderate", "high")

REGIONS: Final = (
    "neck",
    "shoulder",
    "elbow",
    "upper_back",
    "trunk",
    "lower_back",
    "hip",
    "knee",
    "ankle",
    "hand",
)
CONTEXTS: Final = ("supported", "standing", "task-specific")
MUSCLE_LENGTHS: Final = ("short", "mid", "long")
INTENTS: Final = ("sustained", "ballistic", "gentle")
INTENSITY_KINDS: Final = ("pct_mvc", "pct_hr_peak", "effort", "bodyweight")
BLOCK_SIDES: Final = ("left", "right", "both", "each")
#: `isotonic`: the muscle lifts and lowers a load slowly (reps instead of holds); `plyometric`:
#: quick, springy loading such as hops, which stores and releases energy in the tendon.
EXERCISE_KINDS: Final = ("isometric", "pir", "isotonic", "plyometric")
#: Kinds done as moving repetitions: a block's `hold_s` is then the time of one repetition.
MOVING: Final = ("isotonic", "plyometric")
#: The road from holds back to full activity for tendon and joint pain (Malliaras 2015): holds
#: first, then heavy slow lifting, then springy loading, then back to sport or work.
STAGES: Final = ("isometric", "isotonic", "energy_storage", "return")
#: What an exercise or test asks of the body, for the safety rules (catalogue `traits`):
#: `supine` lying on the back; `spinal_flexion` a sustained or loaded forward bend of the spine;
#: `deep_knee` a held bent-knee position of the legs whose blood-pressure rise is high at depth
#: (T2.11); `heel_below_step` the heel hangs below a step (compresses an insertional Achilles);
#: `force_measurable` a force sensor can sit in line with the push or pull; `maximal` an
#: all-out effort; `to_exhaustion` held until you cannot go on; `heart_rate` paced by heart rate;
#: `hip_adduction` the thigh crosses the midline (squeezes the tendons at the side of the hip);
#: `grip` a firm, sustained grip (loads the tendons on the outside of the elbow).
TRAITS: Final = (
    "supine",
    "spinal_flexion",
    "deep_knee",
    "heel_below_step",
    "hip_adduction",
    "grip",
    "force_measurable",
    "maximal",
    "to_exhaustion",
    "heart_rate",
)

#: Red-flag codes every catalogue must define (contract 1; a catalogue may add more).
RED_FLAG_CODES: Final = (
    "saddle_anaesthesia",
    "urinary_retention",
    "urinary_incontinence",
    "bowel_incontinence",
    "progressive_leg_weakness",
    "gait_disturbance",
    "bilateral_leg_symptoms",
    "history_of_cancer",
    "unexplained_weight_loss",
    "persistent_night_pain",
    "fever",
    "immunosuppression",
    "iv_drug_use",
    "major_trauma",
    "minor_trauma_with_osteoporosis",
    "long_term_steroids",
    "structural_deformity",
    "dizziness",
    "diplopia",
    "dysarthria",
    "dysphagia",
    "drop_attacks",
    "nystagmus",
    "facial_numbness",
    "hand_clumsiness",
    "hoffmann_sign",
    "chest_pain",
    "severe_breathlessness",
    "pregnancy_warning_signs",
    "hot_swollen_joint",
    "arm_weakness_after_injury",
    "tendon_rupture_signs",
)

#: What a catalogue source is (models.Source.kind).
SOURCE_KINDS: Final = ("primary", "guideline", "secondary", "practitioner")

#: Evidence status of a value, weakest last (../shared/clinical/reference.md legend).
EVIDENCE: Final = ("confirmed", "secondary", "design-rule", "unconfirmed")
URGENCIES: Final = ("emergency", "urgent", "soon", "routine")
MESSAGE_LEVELS: Final = ("info", "warn", "stop")
ACTIONS: Final = ("progress", "repeat", "regress", "stop")

Evidence = Literal["confirmed", "secondary", "design-rule", "unconfirmed"]
Urgency = Literal["emergency", "urgent", "soon", "routine"]
MessageLevel = Literal["info", "warn", "stop"]
Status = Literal["ok", "caution", "refer"]
Action = Literal["progress", "repeat", "regress", "stop"]


def weakest(statuses: list[str] | tuple[str, ...]) -> str:
    """The weakest evidence status among `statuses` (a chain is as strong as its weakest row)."""
    if not statuses:
        raise ValueError("weakest() needs at least one evidence status")
    return max(statuses, key=EVIDENCE.index)
