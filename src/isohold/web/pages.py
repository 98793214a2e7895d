"""Rendering pages: one Jinja2 environment, the CSRF token and labels shared by templates."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import RedirectResponse, Response

from isohold.web.security import token_for

TEMPLATES = Path(__file__).with_name("templates")
URGENCY_TEXT = {
    "emergency": "Go to an emergency department now",
    "urgent": "See a doctor today",
    "soon": "See your doctor within the next few days",
    "routine": "Mention it at your next appointment",
}


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    from isohold.domain import describe
    from isohold.web.figures import figure_markup

    t = Jinja2Templates(directory=str(TEMPLATES))
    t.env.globals.update(
        figure=figure_markup,
        dose=describe.dose,
        rest=describe.rest,
        side=describe.side,
        intensity=describe.intensity,
        num=describe.num,
        urgency_text=URGENCY_TEXT,
    )
    return t


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200
) -> Response:
    from isohold.web.assets import static_version

    ctx = {"request": request, "csrf_token": token_for(request), "v": static_version(),
           **(context or {})}  # fmt: skip
    if "catalogue" not in ctx and hasattr(request.app.state, "ctx"):
        ctx["catalogue"] = request.app.state.ctx.catalogue
    who = getattr(request.state, "who", None)
    if who is not None and who.role == "patient":  # clinic mode: the menu counts new messages
        from isohold.services.messages import unread_for_patient

        ctx.setdefault("unread_messages", unread_for_patient(request.app.state.ctx, who))
    return templates().TemplateResponse(request, name, ctx, status_code=status)


def referral_page(request: Request, referral: Any) -> Response:
    """After a referral every page sends the person to it, and it offers nothing else."""
    return RedirectResponse("/referral", status_code=303)


def referral_view(request: Request, referral: Any) -> Response:
    """Why and how soon to see a clinician: each reason once, then what to do, once."""
    from isohold.domain.education import for_referral
    from isohold.domain.screening import reason_words, what_to_do

    catalogue = request.app.state.ctx.catalogue
    flags = [catalogue.red_flags[c] for c in referral.reasons if c in catalogue.red_flags]
    others = [reason_words(c, catalogue) for c in referral.reasons if c not in catalogue.red_flags]
    return render(request, "onboarding/referral.html", {
        "referral": referral, "flags": flags, "others": others,
        "actions": what_to_do(flags, referral.urgency),
        "learn": for_referral(catalogue.education, referral.reasons, referral.urgency),
    })  # fmt: skip
