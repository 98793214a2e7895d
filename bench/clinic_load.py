"""Benchmark: a clinic's load on `isohold serve --workers 3` over PostgreSQL (the machine's
server, as tests/postgres reaches it, in a database made for the run and dropped after it).

200 simulated patients post sets (each on its own keep-alive connection; every fourth set is
also replayed at once on a second connection, and a set whose answer does not come is sent
again until acknowledged) while 10 clinicians read dashboards, all at once for a bounded time.
Afterwards every acknowledged set is counted in the database: each must be there exactly once.
Prints requests per second and latency percentiles per kind of request; the exactly-once count
is the only verdict (exit 1 when it fails). tests/serving/test_workers.py runs the same load at
a small scale on SQLite and PostgreSQL.

The load is about serving and storing sets, not about accounts: every patient is the one person
of the personal-mode API and the clinicians read its dashboards (today, statistics, history).
bench/clinic.py times the clinician's patient list.

    python bench/clinic_load.py [--seconds 20] [--patients 200] [--clinicians 10]
                                [--workers 3] [--db URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.serving

from tests.serving import load
from tests.serving.server import serving
from tests.support.postgres import fresh_database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--clinicians", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--db", help="a database URL to use instead of a new PostgreSQL one")
    args = parser.parse_args()
    if args.db is not None:
        return _bench(args, args.db)
    with fresh_database() as url:
        return _bench(args, url)


def _bench(args: argparse.Namespace, db_url: str) -> int:
    with (
        tempfile.TemporaryDirectory() as home,
        serving(db_url, "--no-token", home=Path(home), workers=args.workers) as served,
    ):
        asyncio.run(load.onboard(served.port, served.host, load.Actor()))
        patients = [load.Actor() for _ in range(args.patients)]
        clinicians = [load.Actor(dashboards=load.DASHBOARDS) for _ in range(args.clinicians)]
        outcome = asyncio.run(load.run(served.port, served.host, patients, clinicians,
                                       args.seconds))  # fmt: skip
    stored = load.stored_sets(db_url)
    problems = load.exactly_once(outcome, stored)
    print(f"isohold serve --workers {args.workers} on {db_url.split('://')[0]}; "
          f"{args.patients} patients, {args.clinicians} clinicians, {args.seconds:g} s; "
          f"{os.cpu_count()} CPUs (the load runs on the same machine)")  # fmt: skip
    print(f"all requests: {outcome.requests / outcome.elapsed_s:,.0f} req/s over "
          f"{outcome.elapsed_s:.1f} s")  # fmt: skip
    for kind, took in sorted(outcome.latencies.items()):
        print(f"  {kind:<9} {len(took) / outcome.elapsed_s:8,.0f} req/s  p50 "
              f"{load.percentile(took, 0.50) * 1000:7.1f} ms  p99 "
              f"{load.percentile(took, 0.99) * 1000:7.1f} ms  ({len(took):,} done)")  # fmt: skip
    replays = sum(1 for flags in outcome.acks.values() if len(flags) > 1)
    print(
        f"sets acknowledged: {len(outcome.acks):,} ({replays:,} also replayed at once); "
        f"rows in the database: {sum(stored.values()):,}; never acknowledged: "
        f"{len(outcome.unacknowledged)}; failed requests: {dict(outcome.failures) or 'none'}"
    )
    if problems:
        print(f"NOT exactly once: {len(problems)} problems, e.g. {problems[:3]}")
        return 1
    print("exactly once: every acknowledged set is stored once, nothing else is stored")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
