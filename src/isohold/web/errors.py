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
    LinkError,
    LinkGoneError,
    MailError,
    NoProfileError,
    NotAllowedError,
    NotFoundError,
    ProfileError,
    SignInError,
    StorageError,
    ThrottledError,
    shorten,
)

STATUS: list[tuple[type[IsoholdError], int]] = [
    (ProfileError, 422),
    (InputError, 422),
    (NotFoundError, 404),
    (ConflictError, 409),
    (StorageError, 503),
    (CatalogueError, 500),
    (SignInError, 401),
    (NotAllowedError, 403),
    (ThrottledError, 429),
    (LinkGoneError, 410),
    (LinkError, 400),
    (MailError, 503),
]


def status_for(error: IsoholdError) -> int:
    return next((code for kind, code in STATUS if isinstance(error, kind)), 400)


def install(app: FastAPI) -> None:
    from fastapi.responses import JSONResponse

    @app.exception_handler(IsoholdError)
    async def _isohold(request: Request, error: IsoholdError) -> Response:
        status = status_for(error)
        field = getattr(error, "field", None)
        detail = str(error) + (": answer the questions at /start first"
                               if isinstance(error, NoProfileError) else "")  # fmt: skip
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail, "field": field}, status_code=status)
        if isinstance(error, NoProfileError):
            from starlette.responses import RedirectResponse

            return RedirectResponse("/start", status_code=303)
        from isohold.web.pages import render

        return render(request, "error.html", {"message": str(error), "status": status}, status)

    from starlette.exceptions import HTTPException

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> Response:
        """Unknown addresses get a page for people and JSON for the API."""
        if request.url.path.startswith("/api/") or error.status_code != 404:
            return JSONResponse(
                {"detail": error.detail}, status_code=error.status_code, headers=error.headers
            )
        from isohold.web.pages import render

        message = "There is no page at this address. It may have moved, or the link is wrong."
        return render(request, "error.html", {"message": message, "status": 404}, 404)

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
