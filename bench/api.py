"""Benchmark: `isohold serve` against a bare Starlette hello-world served by the same uvicorn in
the same venv, side by side, with wrk (Debian's package; `make bench` installs it).

Load: wrk, 16 keep-alive connections on loopback, 2 threads, rounds of a few seconds; each
round measures the hello-world GET and POST ceilings and isohold's two hot routes back to back,
so a busy machine moves both sides of a ratio alike. The figures are the medians over rounds.
The CPU per request is the server's user + system time from /proc (every process of it, the
workers included) divided by the requests answered.

Targets (issue #20): GET /api/v1/today >= 40% of the hello-world GET ceiling; POST
/api/v1/sessions/{id}/sets >= 40% of the hello-world POST ceiling; record-a-set p99 < 50 ms;
`isohold today` start-up median <= 400 ms. Prints figures; never pass/fail.

    python bench/api.py [--rounds 3] [--seconds 5] [--workers N]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

CONNECTIONS = 16
THREADS = 2
TARGET_SHARE = 0.40
TARGET_P99_MS = 50.0
TARGET_START_MS = 400.0
STARTS = 11
HELLO = """
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
async def hello(request):
    return JSONResponse({"hello": "world"})
app = Starlette(routes=[Route("/", hello, methods=["GET", "POST"])])
"""
PROFILE = {
    "age": 40, "conditions": ["low_back_pain"], "goals": ["pain_relief"],
    "irritability": "moderate", "pain_now": 3, "red_flags": [], "equipment": ["none"],
}  # fmt: skip
# wrk's Lua: a POST with a fresh set UUID each request (argument 1 names the run, so no two
# runs share one), and a JSON line of results at the end.
LUA = r"""
local run, path, kind = "0", "/", "get"
local counter, id = 0, 0
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end
function init(args)
  run, path, kind = args[1], args[2], args[3]
end
function request()
  if kind == "get" then
    return wrk.format("GET", path)
  end
  counter = counter + 1
  local body
  if kind == "set" then
    local set_uuid = string.format("%s-%04x-4000-8000-%012x", run, id, counter)
    body = '{"uuid":"' .. set_uuid .. '","exercise":"bird-dog","set_number":' ..
      (1 + counter % 2) .. ',"side":"left","reps_done":4,"hold_s":10}'
  else
    body = '{"i":' .. counter .. '}'
  end
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
function done(summary, latency, requests)
  io.write(string.format(
    'WRK {"requests":%d,"seconds":%.6f,"errors":%d,"p50_ms":%.3f,"p99_ms":%.3f}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass(frozen=True)
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float  # server CPU (user + system) per request
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port}")


def tree(pid: int) -> list[int]:
    """The process and all its descendants (uvicorn's workers), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process tree, in seconds (/proc/PID/stat fields 14 and 15)."""
    ticks = 0
    for p in tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def wrk(port: int, pid: int, path: str, kind: str, seconds: float, script: Path) -> Run:
    before = cpu_seconds(pid)
    duration = f"-d{max(1, round(seconds))}s"
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", duration, "-s", str(script),
         f"http://127.0.0.1:{port}{path}", "--", uuid.uuid4().hex[:8], path, kind],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    used = cpu_seconds(pid) - before
    line = next(x for x in out.stdout.splitlines() if x.startswith("WRK "))
    data = json.loads(line[4:])
    requests = max(int(data["requests"]), 1)
    return Run(
        rps=requests / float(data["seconds"]),
        p50_ms=float(data["p50_ms"]),
        p99_ms=float(data["p99_ms"]),
        cpu_ms=used / requests * 1000,
        errors=int(data["errors"]),
    )


def call(port: int, method: str, path: str, body: object = None) -> object:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, None if body is None else json.dumps(body), headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    if response.status >= 400:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
    return json.loads(data)


def start_up_ms(exe: Path, env: dict[str, str], *, fresh: bool) -> list[float]:
    """Wall time of `isohold today` (a database command), start to exit: repeated (answered
    from its last answer, cli/today_cache.py), or `fresh`, as after a change to the data (its
    kept answer removed first, so it runs in full)."""
    kept = Path(env["HOME"]) / ".cache" / "isohold" / "today"
    times = []
    for _ in range(STARTS):
        if fresh:
            shutil.rmtree(kept, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([str(exe), "today"], env=env, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=None,
                        help="isohold serve --workers (default: its own default)")  # fmt: skip
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench/api.py needs wrk (Debian's package `wrk`; `make bench` installs it)")
    exe = Path(sys.executable).with_name("isohold")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "load.lua"
        script.write_text(LUA)
        env = {**os.environ, "ISOHOLD_DB": f"sqlite:///{Path(tmp) / 'bench.db'}",
               "HOME": tmp}  # fmt: skip
        (Path(tmp) / "hello.py").write_text(HELLO)
        hello_port, app_port = free_port(), free_port()
        serve = [str(exe), "serve", "--port", str(app_port), "--no-token"]
        if args.workers is not None:
            serve += ["--workers", str(args.workers)]
        hello = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "hello:app", "--port", str(hello_port),
             "--log-level", "warning"], cwd=tmp, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        app = subprocess.Popen(serve, env=env, cwd=tmp, stdout=subprocess.PIPE, text=True)
        rounds: list[dict[str, Run]] = []
        try:
            wait_up(hello_port)
            wait_up(app_port)
            call(app_port, "POST", "/api/v1/onboard", {"profile": PROFILE})
            session = str(uuid.uuid4())
            call(app_port, "POST", "/api/v1/sessions", {"uuid": session})
            sets = f"/api/v1/sessions/{session}/sets"
            today = "/api/v1/today"
            # warm up both servers (connections, statement caches, today's document)
            for port, pid, path, kind in ((hello_port, hello.pid, "/", "get"),
                                          (app_port, app.pid, sets, "set"),
                                          (app_port, app.pid, today, "get")):  # fmt: skip
                wrk(port, pid, path, kind, 1, script)
            for _ in range(args.rounds):
                rounds.append({
                    "hello_get": wrk(hello_port, hello.pid, "/", "get", args.seconds, script),
                    "today": wrk(app_port, app.pid, today, "get", args.seconds, script),
                    "hello_post": wrk(hello_port, hello.pid, "/", "post", args.seconds, script),
                    "sets": wrk(app_port, app.pid, sets, "set", args.seconds, script),
                })  # fmt: skip
            # a set changes today's document: the next read computes it once, then serves it
            saved = call(app_port, "GET", today)
            assert isinstance(saved, dict) and saved["sessions_this_week"] >= 1, saved
        finally:
            for proc in (hello, app):
                proc.terminate()
                proc.wait(timeout=30)
        starts = start_up_ms(exe, env, fresh=False)
        fresh = start_up_ms(exe, env, fresh=True)
    report(rounds, starts, fresh, args)


def report(
    rounds: list[dict[str, Run]], starts: list[float], fresh: list[float], args: argparse.Namespace
) -> None:
    def med(name: str, attr: str) -> float:
        return float(statistics.median(getattr(r[name], attr) for r in rounds))

    today_share = statistics.median(r["today"].rps / r["hello_get"].rps for r in rounds)
    set_share = statistics.median(r["sets"].rps / r["hello_post"].rps for r in rounds)
    p99 = med("sets", "p99_ms")
    start = statistics.median(starts)
    errors = sum(run.errors for r in rounds for run in r.values())
    workers = "default" if args.workers is None else str(args.workers)
    print(f"wrk: {CONNECTIONS} connections, {THREADS} threads, {args.rounds} rounds of "
          f"{args.seconds:g} s; isohold serve --workers {workers}; {os.cpu_count()} CPUs; "
          f"medians over rounds")  # fmt: skip
    print(f"hello-world ceiling (bare Starlette, uvicorn, one process): "
          f"GET {med('hello_get', 'rps'):,.0f} req/s ({med('hello_get', 'cpu_ms'):.3f} ms CPU "
          f"a request), POST {med('hello_post', 'rps'):,.0f} req/s "
          f"({med('hello_post', 'cpu_ms'):.3f} ms CPU)")  # fmt: skip
    print(f"1. GET /api/v1/today: {med('today', 'rps'):,.0f} req/s = {today_share:.0%} of the "
          f"GET ceiling (target >= 40%: {today_share / TARGET_SHARE:.2f}x); "
          f"{med('today', 'cpu_ms'):.3f} ms CPU a request; p50 {med('today', 'p50_ms'):.1f} ms, "
          f"p99 {med('today', 'p99_ms'):.1f} ms")  # fmt: skip
    print(
        f"2. POST /api/v1/sessions/{{id}}/sets: {med('sets', 'rps'):,.0f} req/s = "
        f"{set_share:.0%} of the POST ceiling (target >= 40%: "
        f"{set_share / TARGET_SHARE:.2f}x); {med('sets', 'cpu_ms'):.3f} ms CPU a request"
    )
    print(
        f"3. record a set, p99 at {CONNECTIONS} connections: {p99:.1f} ms = "
        f"{p99 / TARGET_P99_MS:.2f} of the 50 ms budget (p50 {med('sets', 'p50_ms'):.1f} ms)"
    )
    print(f"4. `isohold today` start-up: median {start:.0f} ms = {start / TARGET_START_MS:.2f} "
          f"of the 400 ms budget (min {min(starts):.0f}, max {max(starts):.0f}, "
          f"{len(starts)} runs)")  # fmt: skip
    print(f"   after a change to the data (runs in full): median {statistics.median(fresh):.0f} "
          f"ms (min {min(fresh):.0f}, max {max(fresh):.0f})")  # fmt: skip
    if errors:
        print(f"(wrk counted {errors} errors: non-2xx answers or socket errors)")
    for i, r in enumerate(rounds, 1):
        print(f"   round {i}: " + ", ".join(f"{k} {v.rps:,.0f}/s p99 {v.p99_ms:.1f} ms"
                                           for k, v in r.items()))  # fmt: skip


if __name__ == "__main__":
    main()
