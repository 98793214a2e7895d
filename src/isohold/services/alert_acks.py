"""A clinician's alerts: each linked patient's current alerts less those acknowledged, and
acknowledging one (stored with who and when; the gate has written the audit row). An alert's
key names its rule and its evidence, so a new occurrence is a new alert."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from isohold.domain.alerts import Alert, Thresholds
from isohold.domain.errors import NotFoundError
from isohold.services import accounts, kept
from isohold.services.alerts import alerts_of
from isohold.services.context import Context
from isohold.services.signin import Who
from isohold.storage import alert_acks as store


@dataclass(frozen=True, slots=True)
class Acknowledged:
    alert: Alert
    by: str
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {**self.alert.to_dict(), "acknowledged_by": self.by,
                "acknowledged_at": self.at.isoformat() + "Z"}  # fmt: skip


def open_alerts(
    ctx: Context, patient_ids: Sequence[int], limits: Thresholds | None = None
) -> dict[int, tuple[Alert, ...]]:
    """Each patient account's alerts not yet acknowledged, most urgent first. A patient's
    alerts are computed again only when their data or the day has changed (services/kept.py)."""
    limits = limits or Thresholds()
    with ctx.db.reading() as s:
        persons = store.persons_of(s, patient_ids)
        seen = store.keys_of(s, list(persons))
    empty: tuple[Alert, ...] = ()
    found = kept.per_person(
        ctx, "alerts", list(persons.values()),
        lambda missing, day: alerts_of(ctx, missing, limits, today=day), empty, limits,
    )  # fmt: skip
    return {
        account: tuple(a for a in found[person] if a.key not in seen.get(account, ()))
        for account, person in persons.items()
    }


def alerts_of_patient(
    ctx: Context, patient_id: int, limits: Thresholds | None = None
) -> tuple[tuple[Alert, ...], tuple[Acknowledged, ...]]:
    """One patient's current alerts: (open, acknowledged with who and when)."""
    with ctx.db.reading() as s:
        person = store.persons_of(s, [patient_id]).get(patient_id)
    if person is None:
        return (), ()
    every = alerts_of(ctx, [person], limits or Thresholds())[person]
    with ctx.db.reading() as s:
        acks = {k: (a.by_name, a.at) for k, a in store.acks_of(s, patient_id).items()}
    open_ = tuple(a for a in every if a.key not in acks)
    seen = tuple(Acknowledged(a, *acks[a.key]) for a in every if a.key in acks)
    return open_, seen


def acknowledge(ctx: Context, who: Who, patient_id: int, key: str) -> Acknowledged:
    """Mark one of the patient's current alerts as seen by `who` (again: the first time is
    kept). NotFoundError naming the alert when the patient has no such alert now."""
    open_, seen = alerts_of_patient(ctx, patient_id)
    done = next((a for a in seen if a.alert.key == key), None)
    if done is not None:
        return done
    alert = next((a for a in open_ if a.key == key), None)
    if alert is None:
        raise NotFoundError(
            f"no current alert {key[:120]!r} for this patient: alerts are those of the last "
            "days, listed at GET /api/v1/patients/{id}/alerts"
        )
    with ctx.db.transaction() as s:
        row, _ = store.add(s, patient_id, key, who.account_id, who.name, accounts.utc(ctx))
        return Acknowledged(alert, row.by_name, row.at)
