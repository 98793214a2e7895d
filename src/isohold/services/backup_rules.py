"""Checking a backup before any of it is written: every row of every table against the rules
live input follows (the same domain parsers and ranges), plus what the database itself would
enforce (types, required columns, unique ids, references to rows that exist).

An error names the table, the row and the field, and never prints the row's values: a backup
holds health data, and error messages end up in terminals, logs and bug reports.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, Integer, LargeBinary, String, Table, Text

from isohold.domain import record_rules as rules
from isohold.domain import vocabulary as v
from isohold.domain.desk_settings import default_settings, parse_settings
from isohold.domain.errors import InputError, IsoholdError
from isohold.domain.home_bp import POSITIONS, READING_FLAGS
from isohold.domain.ids import check_uuid
from isohold.domain.plan import plan_from_dict
from isohold.domain.profile import parse_profile
from isohold.storage.force import ENCODING, KINDS
from isohold.storage.models import data_tables

Row = Mapping[str, Any]
#: single-user mode keeps one person a database
MAX_PEOPLE = 1
SESSION_STATUSES = ("in_progress", "complete", "partial", "stopped")
BREAK_OUTCOMES = ("done", "skipped", "snoozed")
PLAN_STATUSES = ("ok", "caution", "refer")
FORCE_UNITS = ("N", "kg", "lbf")
MAX_SAMPLES = 50_000_000
MAX_ISO_CHARS = 40


def check_tables(tables: Any) -> None:
    """Raise InputError for the first row that breaks a rule; return when every row is fine."""
    if not isinstance(tables, dict):
        raise InputError("tables", "must be an object of table name to rows")
    known = {t.name: t for t in data_tables()}
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise InputError("tables", f"unknown table; known: {', '.join(sorted(known))}")
    ids: dict[str, set[int]] = {}
    for table in data_tables():  # parents before children
        rows = tables.get(table.name, [])
        if not isinstance(rows, list):
            raise InputError(f"tables.{table.name}", "must be a list of rows")
        ids[table.name] = _check_table(table, rows, ids)
    people = len(tables.get("people", []))
    if people > MAX_PEOPLE:
        raise InputError("tables.people", f"holds {people} people; a personal isohold database "
                                          "holds one")  # fmt: skip


def _check_table(table: Table, rows: list[Any], ids: dict[str, set[int]]) -> set[int]:
    seen: dict[str, set[Any]] = {c.name: set() for c in table.columns if _unique(table, c.name)}
    pairs: set[tuple[Any, ...]] = set()
    pair_columns = _unique_pairs(table)
    own: set[int] = set()
    semantic = SEMANTIC.get(table.name)
    for i, row in enumerate(rows):
        where = f"tables.{table.name}[{i}]"
        if not isinstance(row, dict):
            raise InputError(where, "must be an object of column to value")
        extra = sorted(set(row) - set(table.columns.keys()))
        if extra:
            raise InputError(where, f"has a column {table.name} does not have")
        for column in table.columns:
            _check_column(column, row, where, ids)
        for name, values in seen.items():
            if row.get(name) is not None:
                if row[name] in values:
                    raise InputError(f"{where}.{name}", "repeats another row's value (must be "
                                                        "unique)")  # fmt: skip
                values.add(row[name])
        if pair_columns:
            key = tuple(row.get(c) for c in pair_columns)
            if key in pairs:
                raise InputError(f"{where}.{pair_columns[-1]}", "repeats another row's value for "
                                                               "the same owner")  # fmt: skip
            pairs.add(key)
        if semantic is not None:
            semantic(row, where)
        own.add(row["id"])
    return own


def _unique(table: Table, name: str) -> bool:
    column = table.columns[name]
    return bool(column.primary_key or column.unique)


def _unique_pairs(table: Table) -> tuple[str, ...]:
    from sqlalchemy import UniqueConstraint

    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and len(constraint.columns) > 1:
            return tuple(c.name for c in constraint.columns)
    return ()


def _check_column(column: Any, row: Row, where: str, ids: dict[str, set[int]]) -> None:
    name = column.name
    field = f"{where}.{name}"
    value = row.get(name)
    if value is None:
        if name not in row and column.primary_key:
            raise InputError(field, "is required")
        if not column.nullable:
            raise InputError(field, "is required")
        return
    kind = column.type
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
            raise InputError(field, "must be a whole number of 0 or more")
    elif isinstance(kind, Float):
        rules.number(value, field, (-1e12, 1e12))
    elif isinstance(kind, DateTime | Date):
        _iso(value, field, datetime if isinstance(kind, DateTime) else date)
    elif isinstance(kind, String | Text):
        if not isinstance(value, str):
            raise InputError(field, "must be text")
        length = getattr(kind, "length", None)
        if length is not None and len(value) > length:
            raise InputError(field, f"is longer than {length} characters")
    elif isinstance(kind, LargeBinary):
        if not isinstance(value, str):
            raise InputError(field, "must be base64 text")
    elif isinstance(kind, JSON) and not isinstance(value, dict | list):
        raise InputError(field, "must be a JSON object or list")
    for key in column.foreign_keys:
        target = key.column.table.name
        if value not in ids.get(target, set()):
            raise InputError(field, f"refers to a {target} row that is not in the backup")
    if name == "uuid":
        _uuid(value, field)


def _iso(value: Any, field: str, kind: type[date]) -> None:
    if not isinstance(value, str) or len(value) > MAX_ISO_CHARS:
        raise InputError(field, "must be an ISO date or time")
    try:
        parsed = kind.fromisoformat(value)
    except ValueError:
        raise InputError(field, "must be an ISO date or time") from None
    if isinstance(parsed, datetime) and parsed.tzinfo is not None:
        raise InputError(field, "must be a local time without a time-zone offset")


def _uuid(value: Any, field: str) -> None:
    try:
        check_uuid(value, field)
    except InputError:
        raise InputError(field, "must be a UUID") from None


# --- the rules of live input, table by table ------------------------------------------------


def _domain(where: str, check: Callable[[], Any]) -> None:
    """Run a domain parser; its error is re-raised under `where`, without echoed values."""
    try:
        check()
    except IsoholdError as error:
        inner = getattr(error, "field", None)
        reason = getattr(error, "reason", str(error))
        raise InputError(f"{where}.{inner}" if inner else where, no_data(reason)) from None


_QUOTED = re.compile(r"""\s*(?:'[^']*'|"[^"]*")""")
_GOT = re.compile(r",?\s*got\b[^;]*")


def no_data(reason: str) -> str:
    """A domain error's reason without the values it quotes ("got 999", "'severe'")."""
    return _QUOTED.sub("", _GOT.sub("", reason)).strip() or "is not valid"


def _profile(row: Row, where: str) -> None:
    _domain(f"{where}.data", lambda: parse_profile(row["data"]))


def _plan(row: Row, where: str) -> None:
    document = row["document"]
    _domain(f"{where}.document", lambda: plan_from_dict(document))
    _choice(row, "status", where, PLAN_STATUSES)
    if document.get("status") != row["status"]:
        raise InputError(f"{where}.status", "does not match the plan document's status")


def _block(row: Row, where: str) -> None:
    for name, bounds in (("sets", rules.SET_NUMBER), ("reps", rules.REPS)):
        rules.whole(row[name], f"{where}.{name}", bounds)
    for name in ("hold_s", "rest_between_reps_s", "rest_s"):
        rules.number(row[name], f"{where}.{name}", rules.HOLD_S)
    rules.number(row.get("intensity_value"), f"{where}.intensity_value", rules.LOAD, optional=True)
    rules.number(row.get("joint_angle_deg"), f"{where}.joint_angle_deg", (0, 360), optional=True)
    _choice(row, "side", where, v.BLOCK_SIDES)
    _choice(row, "intensity_kind", where, v.INTENSITY_KINDS)
    _choice(row, "intent", where, v.INTENTS)
    _choice(row, "evidence", where, v.EVIDENCE)
    if row.get("muscle_length") is not None:
        _choice(row, "muscle_length", where, v.MUSCLE_LENGTHS)


def _session(row: Row, where: str) -> None:
    _choice(row, "status", where, SESSION_STATUSES)


def _set(row: Row, where: str) -> None:
    rules.whole(row["set_number"], f"{where}.set_number", rules.SET_NUMBER)
    for name in ("reps_done", "planned_reps"):
        rules.whole(row[name], f"{where}.{name}", rules.REPS)
    for name in ("hold_s", "planned_hold_s"):
        rules.number(row[name], f"{where}.{name}", rules.HOLD_S)
    rules.number(row.get("load_value"), f"{where}.load_value", rules.LOAD, optional=True)
    rules.number(row.get("intensity_value"), f"{where}.intensity_value", rules.LOAD,
                 optional=True)  # fmt: skip
    for name in ("effort", "pain_during"):
        rules.whole(row.get(name), f"{where}.{name}", rules.SCORE, optional=True)
    _choice(row, "side", where, v.SIDES)
    _choice(row, "intensity_kind", where, v.INTENSITY_KINDS)


def _report(row: Row, where: str) -> None:
    rules.whole(row["pain_during"], f"{where}.pain_during", rules.SCORE)
    rules.whole(row.get("effort"), f"{where}.effort", rules.SCORE, optional=True)


def _checkin(row: Row, where: str) -> None:
    for name in ("pain", "stiffness"):
        rules.whole(row[name], f"{where}.{name}", rules.SCORE)


def _bp(row: Row, where: str) -> None:
    rules.whole(row["systolic"], f"{where}.systolic", rules.SYSTOLIC)
    rules.whole(row["diastolic"], f"{where}.diastolic", rules.DIASTOLIC)
    rules.whole(row.get("pulse"), f"{where}.pulse", rules.PULSE, optional=True)
    if row["diastolic"] >= row["systolic"]:
        raise InputError(f"{where}.diastolic", "must be lower than the systolic pressure")
    if row.get("position") is not None:
        _choice(row, "position", where, POSITIONS)
    flags = row.get("flags")
    if flags is not None and (
        not isinstance(flags, list) or len(flags) > len(READING_FLAGS)
        or not all(f in READING_FLAGS for f in flags)
    ):  # fmt: skip
        raise InputError(f"{where}.flags", f"must be a list of {', '.join(READING_FLAGS)}")


def _outcome(row: Row, where: str) -> None:
    rules.number(row["score"], f"{where}.score", rules.OUTCOME_SCORE)


def _decision(row: Row, where: str) -> None:
    _choice(row, "action", where, v.ACTIONS)


def _desk_settings(row: Row, where: str) -> None:
    _domain(f"{where}.data", lambda: parse_settings(row["data"], default_settings("UTC")))


def _desk_break(row: Row, where: str) -> None:
    _choice(row, "outcome", where, BREAK_OUTCOMES)
    rules.whole(row.get("pain"), f"{where}.pain", rules.SCORE, optional=True)
    holds = row["holds"]
    if not isinstance(holds, list) or len(holds) > 10:
        raise InputError(f"{where}.holds", "must be a list of up to 10 holds")
    for k, hold in enumerate(holds):
        at = f"{where}.holds[{k}]"
        if not isinstance(hold, dict) or set(hold) != {"exercise", "hold_s"}:
            raise InputError(at, 'must be {"exercise": id, "hold_s": number}')
        if not isinstance(hold["exercise"], str) or len(hold["exercise"]) > 80:
            raise InputError(f"{at}.exercise", "must be an exercise id")
        rules.number(hold["hold_s"], f"{at}.hold_s", rules.HOLD_S)


def _force(row: Row, where: str) -> None:
    _choice(row, "kind", where, KINDS)
    _choice(row, "unit", where, FORCE_UNITS)
    _choice(row, "encoding", where, (ENCODING,))
    rules.number(row["sample_rate_hz"], f"{where}.sample_rate_hz", (1e-3, 1e6))
    count = rules.whole(row["sample_count"], f"{where}.sample_count", (0, MAX_SAMPLES))
    assert count is not None
    expected = 16 * count  # time and force, float64 each
    try:
        blob = base64.b64decode(row["samples"], validate=True)
        raw = zlib.decompressobj().decompress(blob, expected + 1)
    except (binascii.Error, ValueError, zlib.error):
        raise InputError(f"{where}.samples", "is not a recording isohold can read") from None
    if len(raw) != expected:
        raise InputError(f"{where}.samples", "does not hold sample_count samples")
    if not isinstance(row["metrics"], dict):
        raise InputError(f"{where}.metrics", "must be an object")


def _choice(row: Row, name: str, where: str, allowed: tuple[str, ...]) -> None:
    if row.get(name) not in allowed:
        raise InputError(f"{where}.{name}", f"must be one of {', '.join(allowed)}")


SEMANTIC: dict[str, Callable[[Row, str], None]] = {
    "profile_versions": _profile,
    "plan_versions": _plan,
    "plan_blocks": _block,
    "sessions": _session,
    "sets": _set,
    "exercise_reports": _report,
    "checkins": _checkin,
    "bp_readings": _bp,
    "outcome_scores": _outcome,
    "decisions": _decision,
    "desk_settings": _desk_settings,
    "desk_breaks": _desk_break,
    "force_recordings": _force,
}
