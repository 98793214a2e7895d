"""Frozen value types for the catalogue: sources, evidence rows, exercises, protocols, tests,
red flags and message texts. The catalogue layer parses its data files into these; the domain
rules read them. They hold data only: validation lives in the catalogue loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from isohold.domain.education import Topic
from isohold.domain.figure_spec import FigureSpec
from isohold.domain.outcomes import Scoring
from isohold.domain.vocabulary import CONTEXTS


@dataclass(frozen=True, slots=True)
class Source:
    """A published source: a DOI or PubMed id when there is one, else a URL.

    `kind` says what it is: `primary` (a study or review in a journal), `guideline` (a
    guideline or a professional body's statement), `secondary` (a summary or reproduction
    citing a primary source) or `practitioner` (a clinician's or coach's own page).
    """

    id: str
    citation: str
    doi: str | None
    url: str | None
    pmid: str | None = None
    kind: str = "primary"

    @property
    def ref(self) -> str:
        """What a plan prints for this source: the DOI as a resolvable URL, else PubMed, else
        the URL."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return str(self.url)


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One row of the clinical reference table (e.g. T2.7) with its status and sources."""

    id: str
    topic: str
    summary: str
    status: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Position:
    name: str
    context: str  # supported -> standing -> task-specific


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    kind: str  # isometric | pir
    regions: tuple[str, ...]
    muscles: tuple[str, ...]
    positions: tuple[Position, ...]
    #: each group is a set of alternatives: the person needs one item of every group
    equipment: tuple[frozenset[str], ...]
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    muscle_length: str
    intents: tuple[str, ...]
    unilateral: bool
    joint_angle_deg: float | None
    progressions: tuple[str, ...]
    regressions: tuple[str, ...]
    safety: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: str
    summary: str = ""
    #: what the exercise asks of the body, for the safety rules (vocabulary.TRAITS)
    traits: frozenset[str] = frozenset()
    #: the start and hold poses the figures are drawn from (isohold.figures)
    figure: FigureSpec | None = None

    def fits(self, equipment: frozenset[str]) -> bool:
        """True when the person has one item of every equipment group this exercise needs."""
        return all(group & equipment for group in self.equipment)

    @property
    def context(self) -> str:
        """The lowest context level among its positions (where the exercise starts)."""
        return min((p.context for p in self.positions), key=CONTEXTS.index)


@dataclass(frozen=True, slots=True)
class Intensity:
    kind: str
    value: float | None


@dataclass(frozen=True, slots=True)
class Dose:
    sets: int
    reps: int
    hold_s: float
    rest_between_reps_s: float
    rest_s: float
    intensity: Intensity
    intent: str
    side: str
    joint_angle_deg: float | None = None


@dataclass(frozen=True, slots=True)
class DoseLimits:
    """The range a protocol lets the dose move within, and the step of each move.

    A step of 0 means the protocol does not progress that variable.
    """

    hold_s_min: float
    hold_s_max: float
    hold_s_step: float
    reps_min: int
    reps_max: int
    reps_step: int
    intensity_min: float | None
    intensity_max: float | None
    intensity_step: float


@dataclass(frozen=True, slots=True)
class ProtocolOption:
    """One way to fill a protocol slot: an exercise with its starting dose and limits."""

    slot: str
    exercise: str
    dose: Dose
    limits: DoseLimits
    rows: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: str
    note: str = ""
    #: where intensity drops when the holds cannot be sustained (e.g. 15-20% MVC, T2.7)
    fallback_intensity: float | None = None


@dataclass(frozen=True, slots=True)
class Microbreaks:
    interval_min: float
    duration_s: float
    exercises: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Criterion:
    """A capacity test a stage's entry asks for, judged on the painful side: its result at
    least (`at_least`) or at most (`at_most`) a value, or the painful side at least
    `symmetry_pct` percent of the other side."""

    test: str
    at_least: float | None = None
    at_most: float | None = None
    symmetry_pct: float | None = None


@dataclass(frozen=True, slots=True)
class StageEntry:
    """What must be true before a person moves into a stage: the previous stage's exercises at
    the top of their range, every set done, settled by the next morning, pain during at most
    `max_pain_during`, and the capacity tests met. `text` says it in plain words."""

    max_pain_during: int
    text: str
    rows: tuple[str, ...]
    tests: tuple[Criterion, ...] = ()


@dataclass(frozen=True, slots=True)
class Protocol:
    id: str
    name: str
    family: str
    conditions: tuple[str, ...]
    goals: tuple[str, ...]
    purpose: str
    sessions_per_week: int
    weeks: int
    options: tuple[ProtocolOption, ...]
    tests: tuple[str, ...]
    caveats: tuple[str, ...]
    monitoring: str
    sources: tuple[str, ...]
    rows: tuple[str, ...]
    evidence: str
    #: an upper bound on sessions a week when the evidence says more is worse (e.g. BP IET)
    max_sessions_per_week: int | None = None
    microbreaks: Microbreaks | None = None
    #: BP-targeted isometric training, subject to the blood-pressure gate (reference T8.20)
    blood_pressure: bool = False
    #: unilateral blocks go to the person's affected side (tendon protocols)
    affected_side: bool = False
    #: irritability levels the protocol may be given at
    irritability: tuple[str, ...] = ("low", "moderate", "high")
    #: within a family, the protocol with the lowest preference that fits is chosen
    preference: int = 1
    #: a matching condition alone selects it (else a matching goal is needed as well)
    core: bool = True
    #: a matching goal alone selects it, whatever the conditions
    goal_alone: bool = False
    #: where the protocol sits on the road back to full activity (vocabulary.STAGES), or ""
    stage: str = ""
    #: the protocol of the next stage, which the weekly review moves to when its entry is met
    next_stage: str | None = None
    #: what moving into this protocol needs; a protocol with an entry is only reached by review
    entry: StageEntry | None = None
    #: when a clinician should take over, in plain words
    clinician: str = ""

    @property
    def slots(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for option in self.options:
            seen.setdefault(option.slot)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Assessment:
    """A test or outcome measure (the catalogue calls them tests)."""

    id: str
    name: str
    purpose: str
    procedure: tuple[str, ...]
    interpretation: tuple[str, ...]
    equipment: tuple[frozenset[str], ...]
    licence: str
    rows: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: str
    #: what the test asks of the body (vocabulary.TRAITS), e.g. maximal or to exhaustion
    traits: frozenset[str] = frozenset()
    #: how an outcome measure is entered, scored and judged over time (None: not recorded)
    scoring: Scoring | None = None


@dataclass(frozen=True, slots=True)
class RedFlag:
    code: str
    question: str
    meaning: str
    category: str
    urgency: str
    action: str
    sources: tuple[str, ...]
    rows: tuple[str, ...]
    evidence: str


@dataclass(frozen=True, slots=True)
class MessageText:
    code: str
    level: str
    text: str
    rows: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    sources: dict[str, Source]
    rows: dict[str, EvidenceRow]
    exercises: dict[str, Exercise]
    protocols: dict[str, Protocol]
    tests: dict[str, Assessment]
    red_flags: dict[str, RedFlag]
    messages: dict[str, MessageText]
    origin: str = field(default="")
    #: short explanations to read, by id (education.toml)
    education: dict[str, Topic] = field(default_factory=dict)

    def refs(self, source_ids: tuple[str, ...] | list[str]) -> list[str]:
        """Printable references (DOI or URL) for source ids, in order, without repeats."""
        out: dict[str, None] = {}
        for sid in source_ids:
            out.setdefault(self.sources[sid].ref)
        return list(out)
