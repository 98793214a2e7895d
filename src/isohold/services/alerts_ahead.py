"""Every linked patient's alerts worked out ahead of the clinicians' lists: when a clinic
server starts and again just after each midnight. A clinician's first list of the day then
finds them kept (services/kept.py) instead of computing hundreds at once; only the patients
whose data changed since are computed while the clinician waits."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time, timedelta

from isohold.services.alert_acks import open_alerts
from isohold.services.context import Context
from isohold.storage import accounts as store

log = logging.getLogger(__name__)
#: how long after midnight the new day's alerts are worked out (the clock's last tick of
#: the day may come late)
AFTER_MIDNIGHT_S = 5.0


def compute_ahead(ctx: Context) -> int:
    """Work out and keep the alerts of every patient linked to a clinician; how many."""
    with ctx.db.reading() as s:
        patients = store.linked_patients(s)
    open_alerts(ctx, patients)
    return len(patients)


def seconds_to_tomorrow(now: datetime) -> float:
    """Seconds from `now` to just after the next midnight."""
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time(), now.tzinfo)
    return (tomorrow - now).total_seconds() + AFTER_MIDNIGHT_S


async def keep_ahead(ctx: Context) -> None:
    """At once, then after each midnight, until cancelled (a clinic server's background task);
    a round that fails is logged and the next day's comes as usual."""
    while True:
        try:
            await asyncio.to_thread(compute_ahead, ctx)
        except Exception:
            log.exception("the alerts of the day could not be worked out ahead")
        await asyncio.sleep(seconds_to_tomorrow(ctx.now()))
