"""The guided session page, and what makes the app installable (manifest, service worker)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, RedirectResponse, Response

from isohold.domain.errors import NotFoundError
from isohold.domain.schedule import total_s
from isohold.services import gate, today, wall_squat_live
from isohold.web.assets import STATIC, static_version
from isohold.web.pages import referral_page, render

router = APIRouter(include_in_schema=False)


@router.get("/session")
def session(request: Request, resume: str | None = None) -> Response:
    try:
        day = gate.today(request.app.state.ctx)
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    if day.referral is not None:
        return referral_page(request, day.referral)
    if not day.exercise_allowed:
        return render(request, "session/closed.html", {"gate": day})
    program = today.today(request.app.state.ctx).plan.program
    blocks = [b for b in program.blocks if b.exercise not in day.skipped] if program else []
    seconds = sum(total_s(b) for b in blocks)
    paced = any(b.intensity_kind == "pct_hr_peak" for b in blocks)
    return render(request, "session/coach.html", {
        "time_scale": request.app.state.settings.time_scale, "resume": resume,
        "exercises": len(blocks), "minutes": max(1, round(seconds / 60)) if blocks else 0,
        # live heart rate for holds paced by it (the strap first: it is what the person has)
        "hr_devices": sorted(
            (d for d in wall_squat_live.devices() if d[0] != "none"), key=lambda d: d[0] != "strap"
        ) if paced else [],
    })  # fmt: skip


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    return FileResponse(STATIC / "manifest.webmanifest", media_type="application/manifest+json")


@router.get("/sw.js")
def service_worker() -> Response:
    # served from the root so that it may control every page; its cache is named by the
    # static files' content hash, so a new version replaces the old cache
    script = (STATIC / "js" / "sw.js").read_text(encoding="utf-8")
    return Response(
        script.replace("__VERSION__", static_version()),
        media_type="text/javascript",
        headers={"Service-Worker-Allowed": "/", "Cache-Control": "no-cache"},
    )
