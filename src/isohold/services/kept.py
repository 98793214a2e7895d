"""Views computed from a person's data, kept in the context while they hold: until the person's
data version changes (every write bumps it: storage/versions.py), the day changes, the
catalogue is swapped or the view's own parameters differ. A clinician's list computes only the
patients with something new; the first list of a day computes them all."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from isohold.domain.models import Catalogue
from isohold.services.context import Context
from isohold.storage.versions import versions_of

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Kept:
    version: int | None
    day: date
    catalogue: Catalogue
    parameters: Hashable
    value: Any


def per_person(
    ctx: Context,
    kind: str,
    persons: Sequence[int],
    compute: Callable[[list[int], date], dict[int, T]],
    default: T,
    parameters: Hashable = None,
) -> dict[int, T]:
    """`kind` of view for each person: the kept one when it holds, else computed for all the
    missing persons at once (`compute(persons, day)`) and kept; `default` for a person
    `compute` leaves out."""
    day = ctx.now().date()
    # the versions are read before the data: a write in between makes the view newer than
    # its version says, and the next call computes it again (never the other way round)
    with ctx.db.reading() as s:
        versions = versions_of(s, persons)
    found: dict[int, T] = {}
    for person in persons:
        kept = ctx.computed.get((kind, person))
        if (isinstance(kept, _Kept) and kept.version == versions.get(person)
                and kept.day == day and kept.catalogue is ctx.catalogue
                and kept.parameters == parameters):  # fmt: skip
            found[person] = kept.value
    missing = [p for p in persons if p not in found]
    if missing:
        fresh = compute(missing, day)
        for person in missing:
            found[person] = fresh.get(person, default)
            ctx.computed[(kind, person)] = _Kept(
                versions.get(person), day, ctx.catalogue, parameters, found[person]
            )
    return found
