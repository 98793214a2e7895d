"""Parse a test's `[test.score]` table: how an outcome measure is entered and judged."""

from __future__ import annotations

from isohold.catalogue.fields import Entry
from isohold.domain.outcomes import BETTER, KINDS, Scoring

#: LOINC codes isohold has verified for what they are used for (reports/fhir.py names them);
#: a score without one is exported with isohold's own code
VERIFIED_LOINC = ("72514-3",)


def scoring(test: Entry) -> Scoring | None:
    """The test's scoring, or None when it is not an outcome measure isohold records."""
    entry = test.table("score", required=False)
    if entry is None:
        return None
    lo, hi = entry.number("lo", hi=1e6), entry.number("hi", hi=1e6)
    if not lo < hi:
        raise entry.error("hi", f"is {hi:g}; must be above lo ({lo:g})")
    kind = entry.choice("kind", KINDS)
    loinc = entry.opt_text("loinc")
    if loinc is not None and loinc not in VERIFIED_LOINC:
        raise entry.error("loinc", f"{loinc!r} is not a code isohold has verified")
    score = Scoring(
        kind=kind,
        unit=entry.text("unit"),
        lo=lo,
        hi=hi,
        whole=entry.flag("whole"),
        better=entry.choice("better", BETTER),
        mcid=entry.opt_number("mcid", hi=hi - lo),
        mdc=entry.opt_number("mdc", hi=hi - lo),
        item_mdc=entry.opt_number("item_mdc", hi=hi - lo),
        change=entry.text("change"),
        rows=entry.texts("rows", min_len=1),
        loinc=loinc,
    )
    entry.done()
    if score.item_mdc is not None and kind != "activities":
        raise entry.error("item_mdc", "applies only to a measure of rated activities")
    return score
