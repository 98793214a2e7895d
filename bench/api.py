"""Benchmark: "record a set" and "today" against `isohold serve` with SQLite, each as a ratio of
a bare Starlette hello-world served the same way (uvicorn, one process) in the same run.

Bounded load on loopback: 16 concurrent keep-alive clients, a fixed number of requests each.
Targets (issue #4): record-a-set >= 40% of the ceiling, p99 < 50 ms. Prints figures only.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

CONCURRENCY = 16
PER_CLIENT = 150
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port}")


def load(port: int, method: str, path_body: object) -> tuple[float, list[float]]:
    """Run the load; `path_body(i)` gives (path, body) for request i. Returns (rps, latencies)."""
    latencies: list[float] = []
    lock = threading.Lock()

    def client(worker: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for i in range(PER_CLIENT):
            path, body = path_body(worker * PER_CLIENT + i)  # type: ignore[operator]
            data = None if body is None else json.dumps(body)
            headers = {"Content-Type": "application/json"} if data else {}
            start = time.perf_counter()
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            assert response.status < 400, (path, response.status)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(w,)) for w in range(CONCURRENCY)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    return len(latencies) / elapsed, latencies


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ISOHOLD_DB": f"sqlite:///{Path(tmp) / 'bench.db'}"}
        hello_file = Path(tmp) / "hello.py"
        hello_file.write_text(HELLO)
        hello_port, app_port = free_port(), free_port()
        hello = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "hello:app", "--port", str(hello_port),
             "--log-level", "warning"], cwd=tmp, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        exe = Path(sys.executable).with_name("isohold")
        app = subprocess.Popen([str(exe), "serve", "--port", str(app_port), "--no-token"], env=env,
                               stdout=subprocess.DEVNULL)  # fmt: skip
        try:
            wait_up(hello_port)
            wait_up(app_port)
            conn = http.client.HTTPConnection("127.0.0.1", app_port)
            conn.request("POST", "/api/v1/onboard", json.dumps({"profile": PROFILE}),
                         {"Content-Type": "application/json"})  # fmt: skip
            conn.getresponse().read()
            session = str(uuid.uuid4())
            conn.request("POST", "/api/v1/sessions", json.dumps({"uuid": session}),
                         {"Content-Type": "application/json"})  # fmt: skip
            conn.getresponse().read()
            ceiling, hello_lat = load(hello_port, "GET", lambda i: ("/", None))
            ceiling_post, _ = load(hello_port, "POST", lambda i: ("/", {"i": i}))

            def set_body(i: int) -> tuple[str, dict[str, object]]:
                return f"/api/v1/sessions/{session}/sets", {
                    "uuid": str(uuid.uuid4()), "exercise": "bird-dog", "set_number": 1 + i % 2,
                    "side": "left", "reps_done": 4, "hold_s": 10,
                }  # fmt: skip

            sets_rps, sets_lat = load(app_port, "POST", set_body)
            today_rps, today_lat = load(app_port, "GET", lambda i: ("/api/v1/today", None))
        finally:
            for proc in (hello, app):
                proc.terminate()
                proc.wait(timeout=10)
    print(f"ceiling (bare Starlette hello-world, uvicorn): {ceiling:,.0f} req/s GET, "
          f"{ceiling_post:,.0f} req/s POST; p50 {pct(hello_lat, 50):.1f} ms")  # fmt: skip
    print(f"record a set: {sets_rps:,.0f} req/s = {sets_rps / ceiling_post:.0%} of the POST "
          f"ceiling; p50 {pct(sets_lat, 50):.1f} ms, p99 {pct(sets_lat, 99):.1f} ms "
          "(target >= 40%, p99 < 50 ms)")  # fmt: skip
    print(f"today: {today_rps:,.0f} req/s = {today_rps / ceiling:.0%} of the GET ceiling; "
          f"p50 {pct(today_lat, 50):.1f} ms, p99 {pct(today_lat, 99):.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
