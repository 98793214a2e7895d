"""The road from holds back to full activity (Malliaras 2015, T11.1): a protocol's place among
its stages, and the messages that tell the person where they are, what comes next and when a
clinician should take over.

A staged protocol names its `next_stage`; the next one has an `[entry]` saying what moving into
it needs (design rules DC1-DC3). The first stage is prescribed; later ones are only reached by
the weekly review (review_stages.py).
"""

from __future__ import annotations

from dataclasses import replace

from isohold.domain.labels import STAGES
from isohold.domain.messages import MessageBook
from isohold.domain.models import Catalogue, Protocol
from isohold.domain.notes import NOTE_CODES, notes
from isohold.domain.plan import Message, Plan, Program

#: Messages that describe the program's protocols and are rebuilt when a stage changes.
STAGE_CODES = ("stage", "stage_clinician", "frequency", *NOTE_CODES)


def previous(protocol: Protocol, catalogue: Catalogue) -> Protocol | None:
    """The stage before this one, if any."""
    return next((p for p in catalogue.protocols.values() if p.next_stage == protocol.id), None)


def road(protocol: Protocol, catalogue: Catalogue) -> tuple[Protocol, ...]:
    """Every stage of the protocol's road, first stage first (the catalogue has no loops)."""
    first = protocol
    while (before := previous(first, catalogue)) is not None:
        first = before
    out = [first]
    while out[-1].next_stage is not None:
        out.append(catalogue.protocols[out[-1].next_stage])
    return tuple(out)


def stage_messages(
    protocols: list[Protocol], book: MessageBook, catalogue: Catalogue
) -> list[Message]:
    """For each staged protocol: which stage of how many it is, what comes next and when, and
    when a clinician should take over."""
    out: list[Message] = []
    for protocol in protocols:
        if not protocol.stage:
            continue
        stages = road(protocol, catalogue)
        nxt = catalogue.protocols[protocol.next_stage] if protocol.next_stage else None
        after = (
            f"Next: {nxt.name}, once {nxt.entry.text}; the weekly review checks this."
            if nxt is not None and nxt.entry is not None
            else "This is the last stage."
        )
        out.append(
            book.get(
                "stage",
                protocol=protocol.name,
                number=stages.index(protocol) + 1,
                count=len(stages),
                stage=STAGES[protocol.stage],
                next=after,
            )
        )
        if protocol.clinician:
            out.append(book.get("stage_clinician", protocol=protocol.name, text=protocol.clinician))
    return out


def frequency_messages(
    protocols: list[Protocol], program: Program, book: MessageBook
) -> list[Message]:
    """How often each protocol that meets less often than the program is done."""
    return [
        book.get("frequency", protocol=p.name, days=p.sessions_per_week)
        for p in protocols
        if not p.blood_pressure and p.sessions_per_week < program.sessions_per_week
    ]


def restaged(plan: Plan, catalogue: Catalogue) -> Plan:
    """The plan after its blocks changed stage: the program's length and sessions a week follow
    its protocols now, and the messages about them are rebuilt in place of the old ones."""
    program = plan.program
    if program is None:
        return plan
    used = dict.fromkeys(b.protocol for b in program.blocks)
    protocols = [catalogue.protocols[p] for p in used if p in catalogue.protocols]
    breaks = program.microbreaks
    protocols += [
        p
        for p in catalogue.protocols.values()
        if breaks is not None
        and p.microbreaks is not None
        and set(breaks.exercises) <= set(p.microbreaks.exercises)
    ]
    if protocols:
        program = replace(
            program,
            weeks=max(p.weeks for p in protocols),
            sessions_per_week=max(p.sessions_per_week for p in protocols),
        )
    book = MessageBook(catalogue)
    fresh = [
        *stage_messages(protocols, book, catalogue),
        *frequency_messages(protocols, program, book),
        *notes(program, protocols, catalogue),
    ]
    kept = [m for m in plan.messages if m.code not in STAGE_CODES]
    # Messages before the first rebuilt one are all kept, so its index is its place in `kept`.
    at = next((i for i, m in enumerate(plan.messages) if m.code in STAGE_CODES), len(kept))
    return replace(plan, program=program, messages=(*kept[:at], *fresh, *kept[at:]))
