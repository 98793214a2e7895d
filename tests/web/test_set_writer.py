"""The set writer (web/writes.py) belongs to the event loop that serves the app: an app served
again on a new loop (a test client opened twice, a server restarted in one process) gets a
writer that keeps running there, not one that dies after each batch on a queue of the old loop."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

from isohold.services import sessions
from isohold.services.context import open_context
from isohold.services.onboarding import onboard
from isohold.web.writes import SetWriter
from tests.support.profiles import profile_dict


def test_the_writer_keeps_running_on_each_new_event_loop(tmp_path: Path) -> None:
    ctx = open_context(f"sqlite:///{tmp_path / 'writer.db'}")
    try:
        onboard(ctx, profile_dict())
        session = str(uuid.uuid4())
        sessions.start(ctx, session)
        writer = SetWriter(ctx)

        async def record(set_number: int) -> tuple[bool, bool]:
            done = sessions.SetDone("bird-dog", set_number, "left", 4, 10.0, str(uuid.uuid4()))
            saved = await writer.record(session, done)
            for _ in range(3):  # let the writer go back to waiting for the next set
                await asyncio.sleep(0)
            assert writer._task is not None
            return saved, writer._task.done()

        assert asyncio.run(record(1)) == (True, False)
        assert asyncio.run(record(2)) == (True, False)  # a new loop: still waiting, not dead
        assert len(sessions.interrupted(ctx)[0].done) == 2
    finally:
        ctx.close()
