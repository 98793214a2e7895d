"""The request-body limit: a body larger than `max_body_bytes` is refused with 413 before it is
read (from its Content-Length), or as soon as the bytes received pass the limit (a chunked body
without a length). It holds for every route and every sender, same-site or not."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from isohold.web.refuse import refuse

#: 1 MiB: far above the largest JSON document or form isohold takes (a profile, a plan and a
#: week's responses are a few kilobytes)
MAX_BODY_BYTES = 1024 * 1024


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length = headers.get("content-length")
        if length is not None:
            if (
                not (length.isascii() and length.isdigit())
                or len(length) > 18
                or (int(length) > self.max_body_bytes)
            ):
                await self._too_large(scope, receive, send)
                return
            await self.app(scope, receive, send)  # the server holds the body to its length
            return
        if "transfer-encoding" not in headers:  # no length and not chunked: no body at all
            await self.app(scope, receive, send)
            return
        # chunked: read at most the limit, then hand the body on
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay(b"".join(chunks), receive, message), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"the request body is larger than the limit of {self.max_body_bytes // 1024} KiB"
        await refuse(scope, receive, send, 413, detail, "body")


def _replay(body: bytes, receive: Receive, last: Message | None = None) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        if last is not None:
            return last
        return await receive()

    return replay
