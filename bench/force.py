"""Benchmark: force analysis throughput and file import speed.

(a) a one-hour 1 kHz recording with 100 contractions, (b) 10,000 short trials; each as a ratio
of one plain numpy pass (a cumulative sum) over the same array in the same run (target: full
analysis within 10x). (c) Reading and analysing a one-hour 1 kHz CSV as `isohold force
analyze` does, against pandas.read_csv alone on the same file (target: within 1.5x); both best
of three, alternating. And (d) live-feedback latency: from the
moment the simulated Progressor sends a notification to the moment a WebSocket client has the
frame for each of its samples, through the real path (protocol bytes -> ProgressorClient ->
stream service -> /ws/force on a real uvicorn server), p50 and p99 in ms (target p99 < 30 ms).
Prints figures only.
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from isohold.force.analysis import analyze
from isohold.force.readers import read_recording
from isohold.force.signal import make_recording


def recording(
    rate: float, seconds: float, contractions: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = np.arange(0, seconds, 1 / rate)
    f = rng.normal(0, 2.0, len(t))
    period = seconds / contractions
    for k in range(contractions):
        s = k * period + period * 0.3
        m = (t >= s) & (t < s + period * 0.4)
        f[m] += np.minimum((t[m] - s) * 3000, 500)
    return t, f


def timed(fn: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def case(name: str, t: np.ndarray, f: np.ndarray) -> None:
    rec = make_recording(t, f)
    numpy_pass = timed(lambda: np.cumsum(rec.f))
    full = timed(lambda: analyze(rec), repeat=3)  # best of 3, as for the numpy pass
    trials = len(analyze(rec).trials)
    print(f"{name}: {len(t):,} samples, {trials:,} trials: {len(t) / full / 1e6:.2f} M samples/s; "
          f"analysis {full * 1000:.0f} ms vs one numpy pass {numpy_pass * 1000:.1f} ms = "
          f"{full / numpy_pass:.1f}x (target <= 10x)")  # fmt: skip


def read_and_analyse(path: Path) -> None:
    import pandas as pd  # type: ignore[import-untyped]

    both = {"read + analyse": lambda: analyze(read_recording(path)),
            "pandas.read_csv": lambda: pd.read_csv(path)}  # fmt: skip
    best = dict.fromkeys(both, float("inf"))
    for _ in range(3):  # alternate, so both see the same machine load
        for label, fn in both.items():
            best[label] = min(best[label], timed(fn, repeat=1))
    ours, plain = best["read + analyse"], best["pandas.read_csv"]
    size = path.stat().st_size / 1e6
    print(
        f"(c) one-hour 1 kHz CSV ({size:.0f} MB): read + analyse {ours:.2f} s vs "
        f"pandas.read_csv alone {plain:.2f} s = {ours / plain:.2f}x (target <= 1.5x)"
    )


def main() -> None:
    t, f = recording(1000, 3600, 100)
    case("(a) one hour at 1 kHz, 100 contractions", t, f)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hour.csv"
        with path.open("w") as fh:
            fh.write("time,force\n")
            np.savetxt(fh, np.column_stack([t, f]), fmt="%.4f", delimiter=",")
        del t, f
        t, f = recording(1000, 10_000 * 1.0, 10_000, seed=1)
        case("(b) 10,000 short trials", t, f)
        del t, f
        read_and_analyse(path)


def latency(hold_s: float = 15.0) -> None:
    import uvicorn
    from websockets.sync.client import connect

    from isohold.devices.progressor import simulated
    from isohold.devices.progressor.protocol import Weights, decode
    from isohold.services.context import open_context
    from isohold.services.force import save_mvc
    from isohold.services.onboarding import onboard
    from isohold.services.settings import Settings
    from isohold.web.app import create_app

    sent: dict[float, float] = {}  # sample time -> when its notification left the device
    batching: dict[float, float] = {}  # sample time -> how long it waited for its packet, s
    plain_send = simulated.SimulatedProgressor._send

    def stamped(self: Any, packet: bytes) -> None:
        now = time.perf_counter()
        event = decode(packet)
        if isinstance(event, Weights):
            last_us = event.samples[-1][1]
            for _kg, us in event.samples:
                key = round((us - self.start_us) / 1e6, 6)
                sent[key], batching[key] = now, (last_us - us) / 1e6
        plain_send(self, packet)

    simulated.SimulatedProgressor._send = stamped  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        ctx = open_context(url)
        onboard(ctx, {"age": 40, "conditions": ["low_back_pain"], "goals": ["pain_relief"],
                      "irritability": "low", "pain_now": 2, "red_flags": [],
                      "equipment": ["none"]})  # fmt: skip
        save_mvc(ctx, [400.0])
        port = free_port()
        app = create_app(Settings(port=port, db_url=url), context=ctx)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning"))  # fmt: skip
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        delays, ages = [], []
        with connect(f"ws://127.0.0.1:{port}/ws/force",
                     additional_headers={"Origin": f"http://127.0.0.1:{port}"}) as ws:  # fmt: skip
            ws.send(json.dumps({"run": "hold", "pct": 30, "seconds": hold_s}))
            while True:
                message = json.loads(ws.recv())
                got = time.perf_counter()
                if message["type"] == "frame":
                    key = round(message["t_s"], 6)
                    delays.append((got - sent[key]) * 1000)
                    ages.append(delays[-1] + batching[key] * 1000)
                elif message["type"] != "ready":
                    break
        server.should_exit = True
        thread.join(timeout=10)
        ctx.close()
    simulated.SimulatedProgressor._send = plain_send  # type: ignore[method-assign]
    p50, p99 = np.percentile(delays, [50, 99])
    print(
        f"(d) live feedback, {len(delays):,} samples over a {hold_s:g}-s hold: sensor "
        f"notification to WebSocket client p50 {p50:.2f} ms, p99 {p99:.2f} ms, max "
        f"{max(delays):.2f} ms (target p99 < 30 ms)"
    )
    p50, p99 = np.percentile(ages, [50, 99])
    print(
        f"    counting the device's wait to fill a {simulated.SAMPLES_PER_PACKET}-sample "
        f"packet as well: p50 {p50:.2f} ms, p99 {p99:.2f} ms"
    )


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


if __name__ == "__main__":
    main()
    latency()
