"""A real isohold server on a free loopback port, in a thread of the test process."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from isohold.services.context import Context, open_context
from isohold.services.settings import Settings
from isohold.web.app import create_app
from tests.support.clocks import ShiftedClock

#: how long a server may take to start on a very busy machine (it takes well under a second)
START_S = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(
        self, db: Path, time_scale: float = 0.02, clock: ShiftedClock | None = None
    ) -> None:
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = Settings(port=self.port, db_url=f"sqlite:///{db}", time_scale=time_scale)
        #: the server reads `clock` when given (set the browser's clock to it too)
        self.clock = clock
        self.ctx: Context | None = clock.drive(open_context(settings.db_url)) if clock else None
        app = create_app(settings, context=self.ctx)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + START_S
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        if self.ctx is not None:
            self.ctx.close()
