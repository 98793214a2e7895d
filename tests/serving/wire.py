"""A small HTTP/1.1 keep-alive client on asyncio streams for the load tests: each simulated
person holds one connection, as a browser tab would, and the client costs little CPU beside
the server it measures (both share the machine's two cores)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any


class WireError(Exception):
    """The connection failed or the answer was not HTTP the client understands."""


class Connection:
    def __init__(self, port: int, host: str, headers: dict[str, str] | None = None) -> None:
        self.port = port
        self.host = host
        self.headers = dict(headers or {})
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(
        self, method: str, path: str, body: Any = None
    ) -> tuple[int, dict[str, str], Any, float]:
        """Send one request; returns status, headers (lower-case names; `set-cookie` lines
        joined by newlines), the JSON body (or the text) and the seconds it took."""
        payload = b"" if body is None else json.dumps(body).encode()
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}",
                 f"Content-Length: {len(payload)}"]  # fmt: skip
        if body is not None:
            lines.append("Content-Type: application/json")
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + payload
        started = time.perf_counter()
        for attempt in (1, 2):
            reused = self._streams is not None
            try:
                reader, writer = await self._open()
                writer.write(raw)
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
                status, headers = _parse_head(head)
                if "content-length" not in headers:
                    raise WireError(f"no Content-Length in the answer to {method} {path}")
                data = await reader.readexactly(int(headers["content-length"]))
                break
            except asyncio.IncompleteReadError as error:
                await self.close()
                # a kept-alive connection the server had closed while it was idle (uvicorn's
                # keep-alive timeout): nothing was answered; send it again on a new one, as a
                # browser does
                if not (reused and attempt == 1 and not error.partial):
                    raise WireError(f"{method} {path}: {error!r}") from None
            except (OSError, asyncio.LimitOverrunError) as error:
                await self.close()
                raise WireError(f"{method} {path}: {error!r}") from None
        elapsed = time.perf_counter() - started
        if headers.get("connection", "").lower() == "close":
            await self.close()
        kind = headers.get("content-type", "")
        parsed: Any = json.loads(data) if kind.startswith("application/json") else data.decode()
        return status, headers, parsed, elapsed

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._streams is None:
            self._streams = await asyncio.open_connection("127.0.0.1", self.port)
        return self._streams

    async def close(self) -> None:
        if self._streams is not None:
            writer = self._streams[1]
            self._streams = None
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


def _parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise WireError(f"not an HTTP status line: {lines[0][:80]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            key = name.strip().lower()
            value = value.strip()
            headers[key] = f"{headers[key]}\n{value}" if key in headers else value
    return int(parts[1]), headers
