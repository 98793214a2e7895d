"""Group commit for sets recorded through the API: concurrent requests are gathered into one
transaction (one disk sync) by one writer thread of the server's own. A request is answered
only after its batch has committed, so nothing acknowledged can be lost.

The thread takes every set waiting the moment it is free, so a batch forms while the one
before it commits, and hands each batch's answers back to the event loop in one call. The
event loop never waits for it: no turn of the loop's queue to hand a set over (a worker thread
of the framework's pool costs two such turns a batch, each behind every request then ready).
"""

from __future__ import annotations

import asyncio
import threading
from collections import defaultdict
from contextlib import suppress
from typing import Any

from isohold.services import sessions
from isohold.services.context import Context

MAX_BATCH = 64

#: a set waiting to be written: its session, the set, and where its answer goes
_Waiting = tuple[str, sessions.SetDone, asyncio.AbstractEventLoop, "asyncio.Future[Any]"]


class SetWriter:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._ready = threading.Condition()
        self._waiting: list[_Waiting] = []
        self._thread: threading.Thread | None = None
        self._closed = False

    async def record(self, session_uuid: str, done: sessions.SetDone) -> bool:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        with self._ready:
            if self._closed:
                raise RuntimeError("the set writer is closed")
            self._waiting.append((session_uuid, done, loop, future))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="isohold-set-writer", daemon=True
                )
                self._thread.start()
            self._ready.notify()
        result = await future
        assert isinstance(result, bool)
        return result

    def close(self) -> None:
        """Write what is waiting, then stop the thread (the server's shutdown, before the
        database closes)."""
        with self._ready:
            self._closed = True
            self._ready.notify()
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._waiting and not self._closed:
                    self._ready.wait()
                if not self._waiting:
                    return
                batch = self._waiting[:MAX_BATCH]
                del self._waiting[:MAX_BATCH]
            items = [(session, done) for session, done, _loop, _future in batch]
            try:
                results: list[Any] = sessions.record_sets(self.ctx, items)
            except Exception as error:  # the whole batch failed (e.g. database unavailable)
                results = [error] * len(batch)
            answers: dict[asyncio.AbstractEventLoop, list[tuple[Any, Any]]] = defaultdict(list)
            for (_s, _d, loop, future), result in zip(batch, results, strict=True):
                answers[loop].append((future, result))
            for loop, settled in answers.items():
                with suppress(RuntimeError):  # that loop has closed: no one is waiting
                    loop.call_soon_threadsafe(_settle, settled)


def _settle(settled: list[tuple[asyncio.Future[Any], Any]]) -> None:
    for future, result in settled:
        if future.done():  # its request was cancelled (the client went away)
            continue
        if isinstance(result, Exception):
            future.set_exception(result)
        else:
            future.set_result(result)
