"""The two busiest API routes as plain ASGI endpoints, matched before every other route:
`GET /api/v1/today` (every page and client polls it) and `POST /api/v1/sessions/{uuid}/sets`
(one a set, from every coach). They answer as the FastAPI routes of the same paths in
routes/api.py do (which stay, for the OpenAPI document, and call the same services), without
the framework's work per request: no dependency solving, no response model, and today's
document sent as the bytes computed once per change of the person's data.

Errors are raised as elsewhere (an isohold error, or a request-validation error with the same
locations as FastAPI's), so web/errors.py turns them into the same answers.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from isohold.services import documents, sessions
from isohold.services.context import Context
from isohold.web.security import PARSED

TODAY = "/api/v1/today"
SETS = "/api/v1/sessions/{session_uuid}/sets"
_JSON = (b"content-type", b"application/json")


def routes() -> list[Route]:
    """The hot routes, to put first in the app's router."""
    return [
        Route(TODAY, _Today(), methods=["GET"], name="hot_today"),
        Route(SETS, _RecordSet(), methods=["POST"], name="hot_record_set"),
    ]


async def _send_json(send: Send, body: bytes) -> None:
    await send({
        "type": "http.response.start",
        "status": 200,
        "headers": [_JSON, (b"content-length", str(len(body)).encode("latin-1"))],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})


class _Today:
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        ctx: Context = scope["app"].state.ctx
        # a local database answers "is the document still current?" in microseconds, on the
        # event loop; computing it (or asking a database server) runs on a worker thread
        body = documents.cached_today_json(ctx) if ctx.db.local else None
        if body is None:
            body = await run_in_threadpool(documents.today_json, ctx)
        await _send_json(send, body)


class _RecordSet:
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        from isohold.web.routes.api import SetBody
        from isohold.web.writes import SetWriter

        set_body = _validated(SetBody, await _read(receive), scope)
        state = scope["app"].state
        writer = getattr(state, "set_writer", None)
        if writer is None:
            writer = state.set_writer = SetWriter(state.ctx)
        session_uuid = scope["path_params"]["session_uuid"]
        created = await writer.record(session_uuid, sessions.SetDone(**set_body.model_dump()))
        await _send_json(send, documents.dumps_compact({"saved": created, "uuid": set_body.uuid}))


async def _read(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _validated(model: Any, body: bytes, scope: Scope) -> Any:
    """The body as `model`, or the validation error FastAPI raises for a JSON body parameter
    (locations start with "body"). The security middleware has parsed it already (strictly)."""
    if not body.strip():
        raise RequestValidationError(
            [{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}]
        )
    try:
        data = scope[PARSED] if PARSED in scope else json.loads(body)
    except ValueError as error:  # the security middleware refuses these before
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body", 0), "msg": "JSON decode error",
              "input": {}, "ctx": {"error": str(error)}}]
        ) from None  # fmt: skip
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
        ) from None
