"""`isohold serve` in a subprocess, as an operator starts it (several workers, TLS, a proxy),
for the serving tests and bench/clinic_load.py: it yields once the port accepts connections and
stops the server (and every worker) afterwards."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: a safety net for a server that never listens: the wait ends as soon as it does
START_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Served:
    port: int
    pid: int
    #: what `isohold serve` printed before it listened (its address, workers, data)
    banner: str

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"


@contextmanager
def serving(
    db_url: str, *args: str, home: Path, workers: int = 1, env: dict[str, str] | None = None
) -> Iterator[Served]:
    """`isohold serve --workers N --db URL ARGS...` on a free loopback port; with `env`, the
    port, workers and database come from those environment variables instead."""
    port = free_port()
    command = [sys.executable, "-m", "isohold", "serve", *args]
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}
    if "PYTHONPATH" in os.environ:  # the server runs the code the test runs
        environment["PYTHONPATH"] = os.environ["PYTHONPATH"]
    options = {"ISOHOLD_PORT": str(port), "ISOHOLD_WORKERS": str(workers), "ISOHOLD_DB": db_url}
    if env is None:
        command += ["--port", str(port), "--workers", str(workers), "--db", db_url]
    else:
        environment.update({**options, **env})
    log = home / f"serve-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=home,
                                env=environment, start_new_session=True)  # fmt: skip
    try:
        _wait_listening(proc, port, log)
        yield Served(port, proc.pid, log.read_text())
    finally:
        _stop(proc)


def _wait_listening(proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_S
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"isohold serve exited with {proc.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"isohold serve did not listen:\n{log.read_text()}") from None
            time.sleep(0.05)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server (uvicorn stops its workers), then to anything left of its group."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # a worker that outlived its parent
