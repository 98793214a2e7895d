"""Who is asking, for a clinician's routes: the services context, the signed-in account
(resolved by the clinic gate, web/clinic.py) and the address the request came from."""

from __future__ import annotations

from fastapi import Request

from isohold.services.context import Context
from isohold.services.signin import Who
from isohold.web.clinic import address


def ctx_of(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def who_of(request: Request) -> Who:
    who = request.scope.get("state", {}).get("who")
    assert isinstance(who, Who), "the clinic gate resolves who is asking"
    return who


def address_of(request: Request) -> str:
    return address(request.scope)
