"""The one place where isohold errors become HTTP responses (JSON for the API, a page for
people)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.responses import Response

from isohold.domain.errors import (
    CatalogueError,
    ConflictError,
    InputError,
    IsoholdError,
    NotFoundError,
    ProfileError,
    StorageError,
    shorten,
)

STATUS: list[tuple[type[IsoholdError], int]] = [
    (ProfileError, 422),
    (InputError, 422),
    (NotFoundError, 404),
    (ConflictError, 409),
    (StorageError, 503),
    (CatalogueError, 500),
]


def status_for(error: IsoholdError) -> int:
    return next((code for kind, code in STATUS if isinstance(error, kind)), 400)


def install(app: FastAPI) -> None:
    from fastapi.responses import JSONResponse

    @app.exception_handler(IsoholdError)
    async def _isohold(request: Request, error: IsoholdError) -> Response:
        status = status_for(error)
        field = getattr(error, "field", None)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(error), "field": field}, status_code=status)
        from isohold.web.pages import render

        return render(request, "error.html", {"message": str(error), "status": status}, status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {}
        if first.get("type") == "json_invalid":  # its "location" is an offset, not a field
            return JSONResponse(
                {"detail": "field 'body': is not valid JSON", "field": "body"}, status_code=422
            )
        field = shorten(".".join(str(p) for p in first.get("loc", ())[1:]) or "body", 120)
        reason = first.get("msg", "invalid request")
        return JSONResponse(
            {"detail": f"field '{field}': {reason}", "field": field}, status_code=422
        )
