"""The catalogue's notes that travel with a program: each block's dosing note, each protocol's
monitoring advice and each exercise's safety lines. Pages show them beside their exercise; the
plan document carries them as messages (codes `dose_note`, `monitoring`, `safety`)."""

from __future__ import annotations

from dataclasses import dataclass

from isohold.domain.models import Catalogue, Protocol
from isohold.domain.plan import Block, Message, Program

#: Message codes of the notes, which pages show beside their exercise instead of in a list.
NOTE_CODES = ("dose_note", "monitoring", "safety")


@dataclass(frozen=True, slots=True)
class BlockNotes:
    note: str
    safety: tuple[str, ...]


def block_notes(block: Block, catalogue: Catalogue) -> BlockNotes:
    """The dosing note of the block's protocol option and its exercise's safety lines."""
    protocol = catalogue.protocols.get(block.protocol)
    exercise = catalogue.exercises.get(block.exercise)
    note = ""
    if protocol is not None:
        note = next((o.note for o in protocol.options if o.exercise == block.exercise), "")
    return BlockNotes(note=note, safety=exercise.safety if exercise is not None else ())


def notes(program: Program, protocols: list[Protocol], catalogue: Catalogue) -> list[Message]:
    """Messages for the plan document: notes, monitoring, then safety lines shared by several
    exercises said once with all their names."""
    out: list[Message] = []
    safety: dict[str, list[str]] = {}
    for block in program.blocks:
        name = _name(block.exercise, catalogue)
        found = block_notes(block, catalogue)
        if found.note:
            out.append(Message("info", "dose_note", f"{name}: {found.note}"))
        for line in found.safety:
            safety.setdefault(line, []).append(name)
    used = {b.protocol for b in program.blocks}
    for protocol in protocols:
        if protocol.id in used or protocol.microbreaks is not None:
            out.append(Message("info", "monitoring", f"{protocol.name}: {protocol.monitoring}"))
    for line, names in safety.items():
        out.append(Message("warn", "safety", f"{', '.join(names)}: {line}"))
    return out


def _name(exercise: str, catalogue: Catalogue) -> str:
    ex = catalogue.exercises.get(exercise)
    return ex.name if ex is not None else exercise
