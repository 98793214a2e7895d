"""Web fixtures: an app on a real SQLite file (TestClient), and a real server for the browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from isohold.services.context import Context, open_context
from isohold.services.settings import Settings
from isohold.web.app import create_app
from tests.support.clocks import ShiftedClock


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'web.db'}"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.fixture
def workday_client(tmp_path: Path) -> Iterator[TestClient]:
    """The app on a clock that starts at midday on a Monday (`ShiftedClock`)."""
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'web.db'}")
    ctx = ShiftedClock().drive(open_context(settings.db_url))
    with TestClient(create_app(settings, context=ctx), base_url="http://127.0.0.1:8000") as c:
        yield c
    ctx.close()


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
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        if self.ctx is not None:
            self.ctx.close()


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    with LiveServer(tmp_path / "live.db") as server:
        yield server


@pytest.fixture
def workday_live(tmp_path: Path) -> Iterator[LiveServer]:
    """A live server on a clock that starts at midday on a Monday (`ShiftedClock`)."""
    with LiveServer(tmp_path / "live.db", clock=ShiftedClock()) as server:
        yield server
