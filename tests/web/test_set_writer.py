"""The set writer (web/writes.py): one thread of its own gathers the sets of concurrent requests
into group commits. It answers each request on the event loop that asked, keeps working when
an app is served again on a new loop (a test client opened twice, a server restarted in one
process), hands a failed batch's error to each of its requests, and at shutdown writes what is
waiting before it stops."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from isohold.domain.errors import InputError
from isohold.services import sessions
from isohold.services.context import Context, open_context
from isohold.services.onboarding import onboard
from isohold.storage.models import SetRecord
from isohold.web.writes import SetWriter
from tests.support.profiles import profile_dict


@pytest.fixture
def started(tmp_path: Path) -> Iterator[tuple[Context, str]]:
    ctx = open_context(f"sqlite:///{tmp_path / 'writer.db'}")
    try:
        onboard(ctx, profile_dict())
        session = str(uuid.uuid4())
        sessions.start(ctx, session)
        yield ctx, session
    finally:
        ctx.close()


def _set(set_number: int = 1, exercise: str = "bird-dog") -> sessions.SetDone:
    return sessions.SetDone(exercise, set_number, "left", 4, 10.0, str(uuid.uuid4()))


def _stored(ctx: Context) -> int:
    with ctx.db.reading() as s:
        return int(s.scalar(select(func.count()).select_from(SetRecord)) or 0)


def test_the_writer_answers_on_each_new_event_loop(started: tuple[Context, str]) -> None:
    ctx, session = started
    writer = SetWriter(ctx)
    try:
        assert asyncio.run(writer.record(session, _set(1))) is True
        assert asyncio.run(writer.record(session, _set(2))) is True  # a new loop: still served
        assert len(sessions.interrupted(ctx)[0].done) == 2
    finally:
        writer.close()


def test_concurrent_sets_are_written_together_and_each_gets_its_own_answer(
    started: tuple[Context, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, session = started
    batches: list[int] = []
    first_batch = threading.Event()
    release = threading.Event()
    real = sessions.record_sets

    def watched(c: Context, items: list[tuple[str, sessions.SetDone]]) -> list[object]:
        batches.append(len(items))
        first_batch.set()
        release.wait(timeout=60)  # hold the first batch until the rest are waiting
        return list(real(c, items))

    monkeypatch.setattr(sessions, "record_sets", watched)
    writer = SetWriter(ctx)
    replay = _set(1)

    async def many() -> list[object]:
        first = asyncio.ensure_future(writer.record(session, _set(1)))
        await asyncio.get_running_loop().run_in_executor(None, first_batch.wait, 60)
        rest = [writer.record(session, _set(n)) for n in range(2, 6)]
        rest += [writer.record(session, replay), writer.record(session, replay)]
        rest.append(writer.record(session, _set(1, exercise="no-such-exercise")))
        gathered = [asyncio.ensure_future(r) for r in rest]
        for _ in range(5):  # every request has handed its set over
            await asyncio.sleep(0)
        release.set()
        return await asyncio.gather(first, *gathered, return_exceptions=True)

    try:
        answers = asyncio.run(many())
    finally:
        writer.close()
    assert batches == [1, 7]  # the seven that came while the first committed: one batch
    assert answers[:5] == [True] * 5
    assert sorted(answers[5:7], key=str) == [False, True]  # the replay is stored once
    assert isinstance(answers[7], InputError) and answers[7].field == "exercise"
    assert _stored(ctx) == 6


def test_a_failed_batch_reaches_each_of_its_requests(
    started: tuple[Context, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, session = started

    def broken(_c: Context, _items: object) -> list[object]:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(sessions, "record_sets", broken)
    writer = SetWriter(ctx)

    async def two() -> tuple[object, ...]:
        return await asyncio.gather(
            writer.record(session, _set(1)), writer.record(session, _set(2)),
            return_exceptions=True,
        )  # fmt: skip

    try:
        answers = asyncio.run(two())
        assert [str(a) for a in answers] == ["the disk went away"] * 2
        monkeypatch.undo()  # the database is back: the same writer goes on
        assert asyncio.run(writer.record(session, _set(3))) is True
    finally:
        writer.close()


def test_closing_writes_what_is_waiting_then_refuses_more(started: tuple[Context, str]) -> None:
    ctx, session = started
    writer = SetWriter(ctx)
    assert asyncio.run(writer.record(session, _set(1))) is True
    writer.close()
    assert writer._thread is not None and not writer._thread.is_alive()
    with pytest.raises(RuntimeError, match="closed"):
        asyncio.run(writer.record(session, _set(2)))
    assert _stored(ctx) == 1
