"""The audit log of clinic mode: who read or changed which patient's data, sign-ins and their
failures, accounts made and linked. Rows are only ever added."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from isohold.services.context import Context
from isohold.storage import audit as store
from isohold.storage.clinic_models import AuditEntry

FIELDS = ("id", "at", "actor_id", "actor_email", "role", "patient_id", "action", "route",
          "address")  # fmt: skip


@dataclass(frozen=True)
class Actor:
    """Who is asking, as the log names them."""

    id: int | None
    email: str | None
    role: str | None
    address: str | None = None


@dataclass(frozen=True)
class Entry:
    action: str
    route: str
    at: datetime
    patient_id: int | None = None
    actor: Actor | None = None


def write(session: Session, entry: Entry) -> None:
    """Add a row inside the caller's unit of work."""
    actor = entry.actor or Actor(None, None, None)
    store.append(session, AuditEntry(
        at=entry.at, actor_id=actor.id, actor_email=actor.email, role=actor.role,
        patient_id=entry.patient_id, action=entry.action[:40], route=entry.route[:300],
        address=(actor.address or None) and actor.address[:45],
    ))  # fmt: skip


def record(ctx: Context, entry: Entry) -> None:
    """Add a row in its own unit of work."""
    with ctx.db.transaction() as s:
        write(s, entry)


def since(ctx: Context, first: date, limit: int | None = None) -> list[dict[str, Any]]:
    """The rows from the start of `first` (UTC) on, oldest first, as plain dictionaries."""
    with ctx.db.reading() as s:
        rows = store.since(s, datetime.combine(first, time()), limit)
        return [_plain(row) for row in rows]


def _plain(row: AuditEntry) -> dict[str, Any]:
    out = {name: getattr(row, name) for name in FIELDS}
    out["at"] = row.at.isoformat() + "Z"
    return out


@dataclass(frozen=True)
class Filter:
    """Which rows an admin looks at: from `since` on, by `actor` (an e-mail address), about
    `patient_id` (an account), of actions starting with `action` (`sign-in` also finds
    `sign-in-failed`)."""

    since: date
    actor: str | None = None
    patient_id: int | None = None
    action: str | None = None


def search(ctx: Context, where: Filter, limit: int | None = None,
           newest_first: bool = False) -> list[dict[str, Any]]:  # fmt: skip
    with ctx.db.reading() as s:
        actor = (where.actor or "").strip().lower() or None
        action = (where.action or "").strip() or None
        rows = store.search(s, datetime.combine(where.since, time()), actor=actor,
                            patient_id=where.patient_id, action=action, limit=limit,
                            newest_first=newest_first)  # fmt: skip
        return [_plain(row) for row in rows]


#: a cell a spreadsheet would run as a formula starts with one of these (OWASP: CSV injection)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with a header; a text cell that a spreadsheet would take for a formula (an
    e-mail address typed at sign-in can be anything) starts with an apostrophe."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA) else v
                         for k, v in row.items()})  # fmt: skip
    return out.getvalue()
