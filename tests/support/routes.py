"""Every route an app serves, as its router lists it (through included routers), so a test
over them covers a new route without a change."""

from __future__ import annotations

import re

from fastapi import FastAPI
from starlette.routing import BaseRoute, Mount


def effective(app: FastAPI) -> list[tuple[BaseRoute, str]]:
    """Every route with its full path (mounts, such as static files, left out)."""
    found = []
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is None:
            found.append((route, str(getattr(route, "path", ""))))
        else:
            found += [
                (c.original_route, c.path or str(getattr(c.original_route, "path", "")))
                for c in contexts()
            ]
    return [(route, path) for route, path in found if not isinstance(route, Mount)]


def http_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every HTTP route, HEAD left out (it answers as GET)."""
    return sorted(
        {
            (method, path)
            for route, path in effective(app)
            for method in getattr(route, "methods", None) or ()
            if method != "HEAD"
        }
    )


def websockets(app: FastAPI) -> list[str]:
    return sorted({path for route, path in effective(app) if "WebSocket" in type(route).__name__})


def filled(path: str, **values: object) -> str:
    """A concrete address for a route's pattern: the values given by name, else a UUID."""
    return re.sub(
        r"\{([^}:]+)(?::[^}]*)?\}",
        lambda m: str(values.get(m.group(1), "00000000-0000-4000-8000-000000000000")),
        path,
    )
