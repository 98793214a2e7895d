"""Parse an education topic (`[[topic]]` in education.toml) and hold it to its promise: it
reads in under a minute and says when to stop and see a clinician."""

from __future__ import annotations

import re

from isohold.catalogue.fields import Entry
from isohold.domain import education as ed
from isohold.domain import vocabulary as v

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: words that show the stop line sends the person to someone
_CLINICIAN = re.compile(r"\b(clinician|doctor|physiotherapist|GP|111|999|911)\b")


def topic(entry: Entry) -> ed.Topic:
    ident = entry.text("id")
    if not _ID.match(ident):
        raise entry.error("id", f"{ident!r} must be lower-case words joined by '-'")
    t = ed.Topic(
        id=ident,
        title=entry.text("title"),
        summary=entry.text("summary"),
        body=entry.texts("body", min_len=1),
        stop=entry.text("stop"),
        places=entry.choices("places", ed.PLACES),
        conditions=entry.choices("conditions", v.CONDITIONS, required=False, min_len=0),
        goals=entry.choices("goals", v.GOALS, required=False, min_len=0),
        actions=entry.choices("actions", ed.ACTIONS, required=False, min_len=0),
        signals=entry.choices("signals", ed.SIGNALS, required=False, min_len=0),
        reasons=entry.texts("reasons", required=False),
        rows=entry.texts("rows", min_len=1),
        sources=entry.texts("sources", min_len=1),
        evidence=entry.choice("evidence", v.EVIDENCE),
    )
    entry.done()
    if t.minutes >= 1:
        raise entry.error(
            "body", f"has {t.words} words with its title, summary and stop line: more than a "
            f"minute's reading ({ed.WORDS_PER_MINUTE} words)",
        )  # fmt: skip
    if not _CLINICIAN.search(t.stop):
        raise entry.error("stop", "must say when to see a clinician or doctor")
    if t.actions and "review" not in t.places:
        raise entry.error("actions", "explain review decisions, so 'places' needs 'review'")
    if t.signals and "today" not in t.places:
        raise entry.error("signals", "bring a topic forward on Today, so 'places' needs 'today'")
    if t.reasons and "referral" not in t.places:
        raise entry.error("reasons", "explain a referral, so 'places' needs 'referral'")
    return t
