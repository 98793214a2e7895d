"""The clinic load: patients post sets, clinicians read dashboards, all at once against one
server for a bounded time; then every acknowledged set is counted in the database.

A patient starts a session and posts sets one after another on its connection; every fourth
set is also sent at the same moment on a second connection (usually another worker), as a
phone that lost its answer and replays its queue. A set whose answer did not come (an error,
a refused connection) stays queued and is sent again, like the PWA's queue, until the server
acknowledges it. Shared by tests/serving/test_clinic_load.py (small, counts only) and
bench/clinic_load.py (200 patients, 10 clinicians, figures).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import create_engine, text

from tests.serving.wire import Connection, WireError

#: every how many sets a patient sends one twice at once (on two connections)
REPLAY_EVERY = 4
#: what a clinician's dashboard reads, through the personal-mode API until accounts exist
DASHBOARDS = ("/api/v1/today", "/api/v1/stats", "/api/v1/history?days=7")
#: the profile each simulated patient is onboarded with (contract 1)
PROFILE = {
    "age": 40,
    "conditions": ["low_back_pain"],
    "goals": ["pain_relief"],
    "irritability": "moderate",
    "pain_now": 3,
    "red_flags": [],
    "equipment": ["none"],
}
#: attempts to get an answer for a queued set after the deadline
DRAIN_ATTEMPTS = 20


@dataclass(frozen=True)
class Actor:
    """A simulated person: the headers that make them who they are (a session cookie once
    signed in; none in personal mode) and, for a clinician, the dashboards they read."""

    headers: dict[str, str] = field(default_factory=dict)
    dashboards: tuple[str, ...] = ()


@dataclass
class Outcome:
    #: set UUID -> the `saved` flag of each 200 answer it got
    acks: dict[str, list[bool]] = field(default_factory=dict)
    #: request kind ("set", "dashboard", ...) -> seconds each answered request took
    latencies: dict[str, list[float]] = field(default_factory=dict)
    #: "kind status" or "kind error" -> how many
    failures: Counter[str] = field(default_factory=Counter)
    #: sets never acknowledged (still queued when the drain gave up)
    unacknowledged: set[str] = field(default_factory=set)
    elapsed_s: float = 0.0

    def note(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())


async def onboard(port: int, host: str, who: Actor) -> None:
    """Save the patient's profile and plan (once before the load)."""
    conn = Connection(port, host, who.headers)
    try:
        status, _, doc, _ = await conn.request("POST", "/api/v1/onboard", {"profile": PROFILE})
    finally:
        await conn.close()
    if status != 200:
        raise RuntimeError(f"onboarding answered {status}: {doc}")


async def run(
    port: int, host: str, patients: list[Actor], clinicians: list[Actor], seconds: float,
    meanwhile: Callable[[Outcome], Awaitable[None]] | None = None,
) -> Outcome:  # fmt: skip
    """Each patient starts a session first (not timed: the session document is the heaviest
    answer); then everyone works at once for `seconds`, and `meanwhile` (a test's mischief,
    given the outcome so far) runs beside them."""
    outcome = Outcome()
    mains = [Connection(port, host, p.headers) for p in patients]
    seconds_conns = [Connection(port, host, p.headers) for p in patients]
    try:
        started = await asyncio.gather(*(_start(conn, outcome) for conn in mains))
        outcome.latencies.pop("start", None)
        began = time.monotonic()
        deadline = began + seconds
        await asyncio.gather(
            *(_patient(main, second, session, exercise, deadline, outcome)
              for main, second, (session, exercise) in zip(mains, seconds_conns, started,
                                                           strict=True)),
            *(_clinician(port, host, c, deadline, outcome) for c in clinicians),
            *([meanwhile(outcome)] if meanwhile is not None else []),
        )  # fmt: skip
        outcome.elapsed_s = time.monotonic() - began
    finally:
        for conn in mains + seconds_conns:
            await conn.close()
    return outcome


async def _patient(
    main: Connection, second: Connection, session: str, exercise: str, deadline: float,
    out: Outcome,
) -> None:  # fmt: skip
    queue: list[dict[str, Any]] = []
    n = 0
    while time.monotonic() < deadline:
        if queue:
            await _post(main, session, queue, queue[0], out)
            continue
        n += 1
        body = {"uuid": str(uuid.uuid4()), "exercise": exercise,
                "set_number": (n - 1) % 100 + 1, "side": "both", "reps_done": 5,
                "hold_s": 30.0}  # fmt: skip
        queue.append(body)
        if n % REPLAY_EVERY:
            await _post(main, session, queue, body, out)
        else:
            await asyncio.gather(_post(main, session, queue, body, out),
                                 _post(second, session, queue, body, out))  # fmt: skip
    for _ in range(DRAIN_ATTEMPTS):
        if not queue:
            break
        await _post(main, session, queue, queue[0], out)
    out.unacknowledged.update(b["uuid"] for b in queue)


async def _start(conn: Connection, out: Outcome) -> tuple[str, str]:
    for _ in range(DRAIN_ATTEMPTS):
        try:
            status, _, doc, took = await conn.request("POST", "/api/v1/sessions",
                                                      {"uuid": str(uuid.uuid4())})  # fmt: skip
        except WireError:
            out.failures["start error"] += 1
            continue
        if status == 200:
            out.note("start", took)
            return doc["uuid"], doc["exercises"][0]["block"]["exercise"]
        out.failures[f"start {status}"] += 1
    raise RuntimeError(f"a patient could not start a session: {out.failures}")


async def _post(
    conn: Connection, session: str, queue: list[dict[str, Any]], body: dict[str, Any],
    out: Outcome,
) -> None:  # fmt: skip
    try:
        status, _, doc, took = await conn.request("POST", f"/api/v1/sessions/{session}/sets", body)
    except WireError:
        out.failures["set error"] += 1
        return
    if status != 200:
        out.failures[f"set {status}"] += 1
        return
    out.note("set", took)
    out.acks.setdefault(body["uuid"], []).append(bool(doc["saved"]))
    if body in queue:
        queue.remove(body)


async def _clinician(port: int, host: str, who: Actor, deadline: float, out: Outcome) -> None:
    conn = Connection(port, host, who.headers)
    try:
        while time.monotonic() < deadline:
            for path in who.dashboards:
                try:
                    status, _, _, took = await conn.request("GET", path)
                except WireError:
                    out.failures["dashboard error"] += 1
                    continue
                if status == 200:
                    out.note("dashboard", took)
                else:
                    out.failures[f"dashboard {status}"] += 1
    finally:
        await conn.close()


def stored_sets(db_url: str) -> Counter[str]:
    """Set UUID -> how many rows hold it, read straight from the database."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT uuid, count(*) FROM sets GROUP BY uuid"))
            return Counter({str(u): int(n) for u, n in rows})
    finally:
        engine.dispose()


def exactly_once(outcome: Outcome, stored: Counter[str]) -> list[str]:
    """What breaks "every acknowledged set stored once": an acknowledged set missing or stored
    twice, a set stored twice, or a set that two answers both called newly saved. (An answer
    lost on the way makes its replay say `saved: false`: no answer saying true is no fault.)"""
    problems = []
    for set_uuid, flags in outcome.acks.items():
        if stored[set_uuid] != 1:
            problems.append(f"acknowledged set {set_uuid} is stored {stored[set_uuid]} times")
        if flags.count(True) > 1:
            problems.append(f"set {set_uuid} answered saved={flags}")
    problems += [f"set {u} is stored {n} times" for u, n in stored.items() if n != 1]
    return problems


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0
