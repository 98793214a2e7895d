"""Short explanations (education): /learn lists them, /learn/{id} shows one; the API gives the
same as JSON (GET /api/v1/learn, /api/v1/learn/{id})."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from isohold.domain.models import Catalogue
from isohold.services.education import topic_dict, topic_named
from isohold.web.pages import render

api = APIRouter(prefix="/api/v1/learn", tags=["api"])
router = APIRouter(include_in_schema=False)


def _catalogue(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.ctx.catalogue
    return catalogue


@api.get("", summary="The short explanations, each read in under a minute")
def list_topics(request: Request) -> dict[str, Any]:
    cat = _catalogue(request)
    return {"topics": [topic_dict(t, cat) for t in cat.education.values()]}


@api.get("/{topic}", summary="One explanation, with its sources")
def get_topic(request: Request, topic: str) -> dict[str, Any]:
    cat = _catalogue(request)
    return topic_dict(topic_named(cat, topic), cat)


@router.get("/learn")
def learn_index(request: Request) -> Response:
    return render(request, "learn/index.html", {"topics": _catalogue(request).education})


@router.get("/learn/{topic}")
def learn_topic(request: Request, topic: str) -> Response:
    from isohold.domain.errors import InputError, NotFoundError

    cat = _catalogue(request)
    try:
        found = topic_named(cat, topic)
    except InputError:
        raise NotFoundError(f"There is no explanation called {topic[:40]!r}.") from None
    return render(request, "learn/topic.html", {"t": found, "refs": cat.refs(found.sources)})
