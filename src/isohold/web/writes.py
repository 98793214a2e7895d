"""Group commit for sets recorded through the API: concurrent requests are gathered into one
transaction (one disk sync) on a single worker thread. A request is answered only after its
batch has committed, so nothing acknowledged can be lost."""

from __future__ import annotations

import asyncio
from typing import Any

import anyio

from isohold.services import sessions
from isohold.services.context import Context

MAX_BATCH = 64


class SetWriter:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._queue: asyncio.Queue[tuple[str, sessions.SetDone, asyncio.Future[Any]]] | None = None
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def record(self, session_uuid: str, done: sessions.SetDone) -> bool:
        loop = asyncio.get_running_loop()
        if self._queue is None or self._loop is not loop:
            # a queue belongs to one event loop: an app served again on a new loop (a test
            # client opened twice) gets a new queue and writer, never one that cannot wake
            self._loop, self._queue, self._task = loop, asyncio.Queue(), None
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        await self._queue.put((session_uuid, done, future))
        result = await future
        assert isinstance(result, bool)
        return result

    async def _run(self) -> None:
        assert self._queue is not None
        while True:
            batch = [await self._queue.get()]
            while not self._queue.empty() and len(batch) < MAX_BATCH:
                batch.append(self._queue.get_nowait())
            items = [(s, d) for s, d, _f in batch]
            try:
                results = await anyio.to_thread.run_sync(sessions.record_sets, self.ctx, items)
            except Exception as error:  # the whole batch failed (e.g. database unavailable)
                results = [error] * len(batch)
            for (_s, _d, future), result in zip(batch, results, strict=True):
                if future.done():
                    continue
                if isinstance(result, Exception):
                    future.set_exception(result)
                else:
                    future.set_result(result)
