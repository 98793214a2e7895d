"""Benchmark: a clinician's patient list with many patients, each with a year of data
(issue 14: 500 patients should render in under 200 ms of server time).

One patient's year is recorded through the services on a fake clock (three sessions a week with
every set and a pain report, a morning check-in each day, a blood-pressure reading a week); it
is then copied row by row for every other patient (new ids and UUIDs, the same dates), each an
account linked to one clinician. The list is then timed in process: the service that gathers the
alerts (services/alert_acks.open_alerts), `GET /api/v1/patients` and the `/patients` page through
the app (gate, audit rows of the list included), each the first time and again (a patient's
alerts are kept while their data and the day hold); and the service and the API list with
nothing kept, as on a new day, when every patient's alerts are computed from their data.
The app's figures are taken with the garbage collector set as in a serving process
(web/server_memory.py). Prints figures only.

    python bench/clinic.py [--patients 500] [--days 365] [--repeat 10] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.support

from sqlalchemy import Table, func, insert, literal, select, text
from tests.support.clinic import START, clinic_context, make_user
from tests.support.workspace import Clinic, clinic_app, start, train

from isohold.services import checkins
from isohold.services.checkins import parse_bp
from isohold.services.context import Context
from isohold.storage.clinic_models import Account, CareLink
from isohold.storage.models import Person, data_tables
from isohold.web.server_memory import settle_memory

OFFSET = 10_000_000


def _year(c: Clinic, who: str, days: int) -> None:
    """`days` of one patient's training, ending at START."""
    start(c, who, pain_now=3)
    for day in range(days):
        with c.acting(who):
            checkins.checkin(c.ctx, pain=3, stiffness=2)
            if day % 7 == 3:
                checkins.record_bp(c.ctx, parse_bp("128/82"))
        c.clock.advance(hours=10)
        if day % 7 in (0, 2, 4):
            train(c, who, pain=2)
        c.clock.advance(hours=14)


def _copy(ctx: Context, source: int, copies: int, clinician: int) -> None:
    """`copies` patients whose data is the source person's, each with an account linked to
    `clinician` (ids shifted by OFFSET per copy, fresh UUIDs)."""
    tables = [t for t in data_tables() if t.name != "people"]
    with ctx.db.transaction() as s:
        now = s.scalar(select(Person.created_at).where(Person.id == source))
        for k in range(1, copies + 1):
            pid = source + k * OFFSET
            s.execute(insert(Person).values(id=pid, uuid=func.lower(func.hex(func.randomblob(16))),
                                            name=f"Patient {k}", created_at=now))  # fmt: skip
            for table in tables:
                s.execute(_clone(table, source, pid, k * OFFSET))
            account = s.execute(insert(Account).values(
                email=f"patient{k}@example.org", name=f"Patient {k:03d}", role="patient",
                password_hash="-", totp_enabled=False, person_id=pid, created_at=now,
            )).inserted_primary_key[0]  # fmt: skip
            s.execute(insert(CareLink).values(clinician_id=clinician, patient_id=account,
                                              created_at=now))  # fmt: skip


def _some_high_readings(ctx: Context, clinician: int) -> None:
    """Every fifth patient's latest reading is at or above the gate: their list has an alert."""
    from isohold.services import access as the_access
    from isohold.services import accounts

    patients = accounts.patients(ctx, clinician)
    persons = accounts.persons_of(ctx, [p.id for p in patients[::5]])
    for person in persons.values():
        with the_access.acting(person):
            checkins.record_bp(ctx, parse_bp("165/95"))


def _clone(table: Table, source: int, person: int, offset: int) -> object:
    """INSERT ... SELECT of the source person's rows of `table`, ids and references shifted."""
    owner = "person_id" in table.c
    parent = None if owner else next(
        fk for c in table.c for fk in c.foreign_keys if "person_id" in fk.column.table.c
    )  # fmt: skip
    values = []
    for c in table.c:
        fk = next(iter(c.foreign_keys), None)
        if c.name == "person_id":
            values.append(literal(person).label(c.name))
        elif c.name == "uuid":
            values.append(func.lower(func.hex(func.randomblob(16))).label(c.name))
        elif c.name == "id" or (fk is not None and fk.column.table.name != "people"):
            values.append((c + offset).label(c.name))
        else:
            values.append(c)
    query = select(*values)
    if owner:
        query = query.where(table.c.person_id == source)
    else:
        assert parent is not None
        up = parent.column.table
        query = query.where(parent.parent.in_(select(up.c.id).where(up.c.person_id == source)))
    return insert(table).from_select([c.name for c in table.c], query)


def _timed(label: str, run: Callable[[], object], repeat: int) -> None:
    """The first run (nothing computed yet: every patient's alerts from their data), then the
    median of `repeat` more (alerts kept while a patient's data and the day hold)."""
    t0 = time.perf_counter()
    run()
    print(f"{label:<42} first  {(time.perf_counter() - t0) * 1000:7.1f} ms")
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"{label:<42} median {statistics.median(times):7.1f} ms   "
          f"max {max(times):7.1f} ms   ({repeat} runs)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, default=500)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--db", help="a database URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'clinic.db'}"
        with clinic_context(url) as (ctx, clock):
            clock.at = START - timedelta(days=args.days)
            doc = make_user(ctx, "clinician", "doc@example.org")
            make_user(ctx, "patient", "first@example.org")
            from isohold.services import accounts

            accounts.link(ctx, "doc@example.org", "first@example.org")
            with clinic_app(ctx, clock, url, ["doc"]) as c:
                t0 = time.perf_counter()
                c.ids["first"] = accounts.patients(ctx, doc)[0].id
                _year(c, "first", args.days)
                built = time.perf_counter() - t0
                t0 = time.perf_counter()
                _copy(ctx, c.person("first"), args.patients - 1, doc)
                _some_high_readings(ctx, doc)
                copied = time.perf_counter() - t0
                with ctx.db.reading() as s:
                    rows = {t.name: s.scalar(text(f"SELECT count(*) FROM {t.name}"))
                            for t in data_tables()}  # fmt: skip
                print(f"data: {args.patients} patients x {args.days} days; one patient through "
                      f"the services in {built:.1f} s, copied in {copied:.1f} s")  # fmt: skip
                print("rows: " + ", ".join(f"{k} {v}" for k, v in rows.items() if v))
                from isohold.services.alert_acks import open_alerts

                ids = [p.id for p in accounts.patients(ctx, doc)]
                t0 = time.perf_counter()
                found = open_alerts(ctx, ids)
                print(f"service: open_alerts, nothing kept yet     "
                      f"{(time.perf_counter() - t0) * 1000:7.1f} ms")  # fmt: skip
                cold = []
                for _ in range(args.repeat):  # as on a new day: every patient computed again
                    ctx.computed.clear()
                    t0 = time.perf_counter()
                    open_alerts(ctx, ids)
                    cold.append((time.perf_counter() - t0) * 1000)
                print(f"service: open_alerts, all computed again  median "
                      f"{statistics.median(cold):7.1f} ms   ({args.repeat} runs)")  # fmt: skip
                print(f"patients listed: {len(found)}, with alerts: "
                      f"{sum(1 for a in found.values() if a)}")  # fmt: skip
                _timed("service: open_alerts", lambda: open_alerts(ctx, ids), args.repeat)
                c.sign_in("doc")
                settle_memory()  # the garbage collector as `isohold serve` sets it
                first_of_day = []
                for _ in range(args.repeat):  # the list as on a new day: every alert computed
                    ctx.computed.clear()
                    t0 = time.perf_counter()
                    _ok(c.client.get("/api/v1/patients"))
                    first_of_day.append((time.perf_counter() - t0) * 1000)
                day_first = statistics.median(first_of_day)
                print(f"GET /api/v1/patients, first of a day       median "
                      f"{day_first:7.1f} ms   ({args.repeat} runs)")  # fmt: skip
                _timed("GET /api/v1/patients (in process)",
                       lambda: _ok(c.client.get("/api/v1/patients")), args.repeat)  # fmt: skip
                _timed("GET /patients page (in process)",
                       lambda: _ok(c.client.get("/patients")), args.repeat)  # fmt: skip
    return 0


def _ok(answer: object) -> None:
    assert getattr(answer, "status_code", 0) == 200, getattr(answer, "text", "")[:200]


if __name__ == "__main__":
    raise SystemExit(main())
