"""Cross-reference checks over a parsed catalogue: every id points at something that exists,
the progression graph has no cycles, and each dose's evidence status is honest."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from isohold.domain.errors import CatalogueError
from isohold.domain.models import Catalogue, Exercise, Protocol
from isohold.domain.screening import REASON_WORDS
from isohold.domain.vocabulary import MOVING, RED_FLAG_CODES, STAGES, weakest


def check_references(cat: Catalogue) -> None:
    _check_rows(cat)
    _check_exercises(cat)
    _check_protocols(cat)
    for test in cat.tests.values():
        where = f"tests.toml [{test.id}]"
        _exist(where, "rows", test.rows, cat.rows)
        _exist(where, "sources", test.sources, cat.sources)
        if test.scoring is not None:
            _exist(f"{where}.score", "rows", test.scoring.rows, cat.rows)
    for t in cat.education.values():
        where = f"education.toml [{t.id}]"
        _exist(where, "rows", t.rows, cat.rows)
        _exist(where, "sources", t.sources, cat.sources)
        _exist(where, "reasons", t.reasons, {**cat.red_flags, **REASON_WORDS})
        honest = weakest([cat.rows[r].status for r in t.rows])
        if t.evidence != honest:
            raise CatalogueError(
                f"{where}: evidence {t.evidence!r} must be {honest!r}, the weakest status of "
                "the rows it cites"
            )
    for flag in cat.red_flags.values():
        where = f"red_flags.toml [{flag.code}]"
        _exist(where, "rows", flag.rows, cat.rows)
        _exist(where, "sources", flag.sources, cat.sources)
    missing = [code for code in RED_FLAG_CODES if code not in cat.red_flags]
    if missing:
        raise CatalogueError(f"red_flags.toml: missing red flag(s) {', '.join(missing)}")
    for msg in cat.messages.values():
        _exist(f"messages.toml [{msg.code}]", "rows", msg.rows, cat.rows)


def _exist(where: str, field: str, ids: Iterable[str], known: Mapping[str, object]) -> None:
    for ident in ids:
        if ident not in known:
            raise CatalogueError(f"{where}: unknown {field.rstrip('s')} {ident!r} in '{field}'")


def _check_rows(cat: Catalogue) -> None:
    for row in cat.rows.values():
        _exist(f"rows.toml [{row.id}]", "sources", row.sources, cat.sources)


def _check_exercises(cat: Catalogue) -> None:
    for ex in cat.exercises.values():
        where = f"exercises [{ex.id}]"
        _exist(where, "sources", ex.sources, cat.sources)
        _exist(where, "progressions", ex.progressions, cat.exercises)
        _exist(where, "regressions", ex.regressions, cat.exercises)
        if ex.id in ex.progressions or ex.id in ex.regressions:
            raise CatalogueError(f"{where}: lists itself as its own progression or regression")
        for other in (*ex.progressions, *ex.regressions):
            if (cat.exercises[other].kind in MOVING) != (ex.kind in MOVING):
                raise CatalogueError(
                    f"{where}: {other!r} moves where this one holds (or the other way round); "
                    "holds and lifts are linked by the stages of a protocol, not by progressions"
                )
    _no_cycles(cat, lambda e: e.progressions, "progressions")
    _no_cycles(cat, lambda e: e.regressions, "regressions")


def _no_cycles(cat: Catalogue, edges: Callable[[Exercise], tuple[str, ...]], name: str) -> None:
    """Depth-first search; a back edge is a cycle (progressing forever would loop)."""
    state: dict[str, int] = {}

    def visit(ident: str, path: list[str]) -> None:
        state[ident] = 1
        for nxt in edges(cat.exercises[ident]):
            if state.get(nxt) == 1:
                cycle = " -> ".join([*path[path.index(nxt) :], nxt])
                raise CatalogueError(f"exercises [{ident}]: {name} form a cycle: {cycle}")
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[ident] = 2

    for ident in cat.exercises:
        if ident not in state:
            visit(ident, [ident])


def _check_protocols(cat: Catalogue) -> None:
    for proto in cat.protocols.values():
        where = f"protocols [{proto.id}]"
        _exist(where, "sources", proto.sources, cat.sources)
        _exist(where, "rows", proto.rows, cat.rows)
        _exist(where, "tests", proto.tests, cat.tests)
        if proto.microbreaks is not None:
            _exist(where, "microbreaks.exercises", proto.microbreaks.exercises, cat.exercises)
        if proto.max_sessions_per_week and proto.sessions_per_week > proto.max_sessions_per_week:
            raise CatalogueError(f"{where}: sessions_per_week is above max_sessions_per_week")
        for opt in proto.options:
            owhere = f"{where} option {opt.slot}/{opt.exercise}"
            _exist(owhere, "exercise", [opt.exercise], cat.exercises)
            _exist(owhere, "rows", opt.rows, cat.rows)
            _exist(owhere, "sources", opt.sources, cat.sources)
            ex = cat.exercises[opt.exercise]
            if opt.dose.intent not in ex.intents:
                raise CatalogueError(
                    f"{owhere}: intent {opt.dose.intent!r} is not allowed for {ex.id} "
                    f"(allowed: {', '.join(ex.intents)})"
                )
            honest = weakest([cat.rows[r].status for r in opt.rows])
            if opt.evidence != honest:
                raise CatalogueError(
                    f"{owhere}: evidence {opt.evidence!r} must be {honest!r}, "
                    "the weakest status of the rows it cites"
                )
        _check_stage(cat, proto, where)
        overall = weakest([o.evidence for o in proto.options])
        if proto.evidence != overall:
            raise CatalogueError(
                f"{where}: evidence {proto.evidence!r} must be {overall!r}, "
                "the weakest status of its options"
            )


def _check_stage(cat: Catalogue, proto: Protocol, where: str) -> None:
    """A next stage exists, comes later on the road back (so stages never loop), has an entry,
    and has every slot of this one (each block moves to a block); an entry's rows and tests
    exist, and only a protocol some stage leads to has one."""
    if proto.entry is not None:
        _exist(f"{where} entry", "rows", proto.entry.rows, cat.rows)
        _exist(f"{where} entry", "tests", [c.test for c in proto.entry.tests], cat.tests)
        if not any(p.next_stage == proto.id for p in cat.protocols.values()):
            raise CatalogueError(f"{where}: has an [entry] but no stage leads to it")
    if proto.next_stage is None:
        return
    _exist(where, "next_stage", [proto.next_stage], cat.protocols)
    nxt = cat.protocols[proto.next_stage]
    if STAGES.index(nxt.stage or STAGES[0]) <= STAGES.index(proto.stage):
        raise CatalogueError(f"{where}: next_stage {nxt.id!r} must be a later stage")
    if nxt.entry is None:
        raise CatalogueError(f"{where}: next_stage {nxt.id!r} needs an [entry]")
    missing = [slot for slot in proto.slots if slot not in nxt.slots]
    if missing:
        raise CatalogueError(f"{where}: next_stage {nxt.id!r} has no slot {missing[0]!r}")
