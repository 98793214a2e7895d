"""A real SMTP server on a free loopback port (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from tests.support.servers import free_port

#: a hang guard, not a time budget
WAIT_S = 120


@dataclass
class Inbox:
    port: int = 0
    received: queue.Queue[tuple[list[str], Message]] = field(default_factory=queue.Queue)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.put((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"

    def next(self) -> tuple[list[str], Message]:
        return self.received.get(timeout=WAIT_S)


@contextmanager
def smtp_server() -> Iterator[Inbox]:
    from aiosmtpd.controller import Controller

    inbox = Inbox(free_port())
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
