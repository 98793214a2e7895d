"""Refusing a request before any route sees it: JSON for the API, plain words for pages, a
policy-violation close for a WebSocket handshake."""

from __future__ import annotations

from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocketClose


async def refuse(
    scope: Scope, receive: Receive, send: Send, status: int, detail: str, field: str | None
) -> None:
    if scope["type"] == "websocket":
        await WebSocketClose(code=1008, reason=detail[:120])(scope, receive, send)
        return
    if str(scope.get("path", "")).startswith("/api/"):
        response: JSONResponse | PlainTextResponse = JSONResponse(
            {"detail": detail, "field": field}, status_code=status
        )
    else:
        response = PlainTextResponse(detail, status_code=status)
    # the body is not read: ask the client to close so nothing it still sends is taken as a
    # new request
    response.headers["connection"] = "close"
    await response(scope, receive, send)
