"""Reading a cookie from raw ASGI headers (for middlewares, which have no Request): the
standard library's parser, not a hand-written split."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from starlette.datastructures import Headers


def cookie(headers: Headers, name: str) -> str:
    """The value of cookie `name`, or an empty string when absent or unreadable."""
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:
        return ""
    morsel = jar.get(name)
    return morsel.value if morsel is not None else ""
