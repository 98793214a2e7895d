"""Education: short sourced explanations (catalogue `education.toml`), and which of them to show
where. Each reads in under a minute and says when to stop and see a clinician; a page shows the
one or few that matter there, never the whole set.

Where a topic may appear is catalogue data: `places` (plan, today, review, referral), the
profile `conditions` and `goals` it is for (none: everyone), the review `actions` it explains,
the Today page `signals` that bring it forward (a morning flare, a blood-pressure gate) and the
referral `reasons` it explains. An emergency referral shows nothing but what to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

PLACES = ("plan", "today", "review", "referral")
ACTIONS = ("progress", "repeat", "regress", "stop")
#: what on the Today page brings a topic forward: a severe morning flare, or a blood-pressure
#: gate (a reading to take, or one too high for heavy holds or any exercise)
SIGNALS = ("flare", "bp_gate")
#: reading speed used for the one-minute limit: a slow, careful reader
WORDS_PER_MINUTE = 180


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: str
    summary: str  # one sentence, shown where the topic is offered
    body: tuple[str, ...]  # short paragraphs
    stop: str  # when to stop and see a clinician
    places: tuple[str, ...]
    conditions: tuple[str, ...]
    goals: tuple[str, ...]
    actions: tuple[str, ...]
    signals: tuple[str, ...]
    reasons: tuple[str, ...]
    rows: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: str

    @property
    def words(self) -> int:
        return sum(len(t.split()) for t in (self.title, self.summary, *self.body, self.stop))

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    def for_person(self, conditions: Iterable[str], goals: Iterable[str]) -> bool:
        """For everyone, or for one of the person's conditions or goals."""
        if not self.conditions and not self.goals:
            return True
        return bool(set(self.conditions) & set(conditions) or set(self.goals) & set(goals))


def _at(topics: Mapping[str, Topic], place: str) -> list[Topic]:
    return [t for t in topics.values() if place in t.places]


def for_plan(
    topics: Mapping[str, Topic], conditions: Iterable[str], goals: Iterable[str]
) -> list[Topic]:
    """The topics for this person's plan, in catalogue order."""
    conditions, goals = tuple(conditions), tuple(goals)
    return [t for t in _at(topics, "plan") if t.for_person(conditions, goals)]


def for_today(
    topics: Mapping[str, Topic],
    conditions: Iterable[str],
    goals: Iterable[str],
    signals: Iterable[str],
    day: date,
) -> Topic | None:
    """One topic for the Today page: the first brought forward by today's signals, else one of
    the person's topics in turn, a different one each day."""
    conditions, goals, now = tuple(conditions), tuple(goals), set(signals)
    mine = [t for t in _at(topics, "today") if t.for_person(conditions, goals)]
    urgent = [t for t in mine if now & set(t.signals)]
    if urgent:
        return urgent[0]
    return mine[day.toordinal() % len(mine)] if mine else None


def for_decision(
    topics: Mapping[str, Topic], action: str, conditions: Iterable[str], goals: Iterable[str]
) -> list[Topic]:
    """The topics that explain a review decision (progress, repeat, regress or stop)."""
    conditions, goals = tuple(conditions), tuple(goals)
    return [t for t in _at(topics, "review")
            if action in t.actions and t.for_person(conditions, goals)]  # fmt: skip


def for_referral(topics: Mapping[str, Topic], reasons: Iterable[str], urgency: str) -> list[Topic]:
    """The topics that explain a referral's reasons; none for an emergency, where the page
    says only what to do."""
    if urgency == "emergency":
        return []
    wanted = set(reasons)
    return [t for t in _at(topics, "referral") if wanted & set(t.reasons)]
