"""Benchmark: catalogue load, plans per second, and `isohold --help` start-up.

Prints figures; it has no pass/fail. Targets (issue #2): >= 2,000 plans/s on one core,
`isohold --help` <= 300 ms. Start-up is also given as a ratio of a bare `python -c pass`
measured in the same run, since these machines are noisy.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from isohold.catalogue.loader import SHIPPED, _load
from isohold.domain import vocabulary as v
from isohold.domain.prescription import prescribe
from isohold.domain.profile import parse_profile

PROFILES = 10_000


def random_profile(rng: random.Random) -> dict[str, Any]:
    conditions = rng.sample([c for c in v.CONDITIONS if c != "none"], rng.randint(0, 3))
    gear = rng.sample([e for e in v.EQUIPMENT if e != "none"], rng.randint(0, 5))
    raw: dict[str, Any] = {
        "age": rng.randint(12, 110),
        "conditions": conditions or ["none"],
        "goals": rng.sample(list(v.GOALS), rng.randint(0, 3)),
        "irritability": rng.choice(v.IRRITABILITY),
        "pain_now": rng.randint(0, 10),
        "red_flags": rng.sample(list(v.RED_FLAG_CODES), 1) if rng.random() < 0.1 else [],
        "equipment": gear or ["none"],
    }
    if rng.random() < 0.4:
        systolic = rng.randint(100, 200)
        raw["resting_bp"] = {"systolic": systolic, "diastolic": rng.randint(60, systolic - 30)}
        raw["bp_cleared"] = rng.random() < 0.5
    return raw


def timed(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    load = timed(lambda: (_load.cache_clear(), _load(SHIPPED.resolve())), 10)
    print(f"catalogue load (cold parse + checks): median {statistics.median(load) * 1e3:.1f} ms")

    catalogue = _load(SHIPPED.resolve())
    rng = random.Random(20261121)
    raws = [random_profile(rng) for _ in range(PROFILES)]
    start = time.perf_counter()
    statuses: dict[str, int] = {}
    for raw in raws:
        plan = prescribe(parse_profile(raw), catalogue)
        statuses[plan.status] = statuses.get(plan.status, 0) + 1
    elapsed = time.perf_counter() - start
    print(
        f"plans: {PROFILES / elapsed:,.0f} plans/s over {PROFILES:,} random profiles "
        f"(validate + screen + prescribe; statuses {statuses}); target >= 2,000/s"
    )

    exe = Path(sys.executable).with_name("isohold")
    help_runs = timed(lambda: subprocess.run([str(exe), "--help"], capture_output=True), 15)
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], capture_output=True), 15)
    h, b = statistics.median(help_runs), statistics.median(bare)
    print(
        f"isohold --help: median {h * 1e3:.0f} ms (bare python {b * 1e3:.0f} ms, "
        f"ratio {h / b:.1f}x); target <= 300 ms"
    )


if __name__ == "__main__":
    main()
