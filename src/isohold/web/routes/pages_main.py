"""Pages: welcome and today, onboarding and referral, the plan, progress, the library."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from isohold.domain import vocabulary as v
from isohold.domain.errors import NoProfileError, NotFoundError, ProfileError
from isohold.domain.labels import (
    ASKED_WITH_PREGNANCY,
    ASKS_TENDON_SITE,
    CONDITIONS,
    EQUIPMENT,
    FLAG_CATEGORY_CONDITIONS,
    FLAG_CATEGORY_TITLES,
    GOALS,
    IN_SEASON,
    IRRITABILITY,
    MEDICATIONS,
    ONE_SIDED,
    PREGNANCY,
    TENDON_SITES,
)
from isohold.domain.notes import NOTE_CODES, block_notes
from isohold.services import (
    checkins,
    desk_breaks,
    education,
    home_bp,
    onboarding,
    progress,
    today,
    wall_squat,
)
from isohold.services.context import Context
from isohold.web.asking import ctx_of
from isohold.web.forms import LIST_FIELDS, profile_from_form
from isohold.web.pages import referral_page, referral_view, render
from isohold.web.progress_page import progress_context

router = APIRouter(include_in_schema=False)


def _has_profile(ctx: Context) -> bool:
    try:
        today.today(ctx)
    except NotFoundError:
        return False
    return True


@router.get("/")
def home(request: Request) -> Response:
    ctx = ctx_of(request)
    try:
        view = today.today(ctx)
    except NotFoundError:
        return render(request, "welcome.html")
    if view.gate.referral is not None:
        return referral_page(request, view.gate.referral)
    reminder = desk_breaks.get_settings(ctx).training_reminder
    return render(request, "today.html", {
        "view": view, "reminder": reminder.strftime("%H:%M") if reminder else "",
        "learn": education.for_today(ctx, view),
        "wall_squat": wall_squat.status(ctx) if view.bp_tracked else None,
        "home_guide": home_bp.summary(ctx).guide if view.bp_tracked else None,
    })  # fmt: skip


@router.post("/reminder")
async def reminder(request: Request) -> Response:
    """The daily training reminder's time (empty turns it off), set from the Today page."""
    form = await request.form()
    at = str(form.get("training_reminder", "")).strip()
    ctx = ctx_of(request)
    desk_breaks.update_settings(ctx, {"training_reminder": at or None}, ctx_of(request).utc())
    return RedirectResponse("/", status_code=303)


@router.post("/bp")
async def bp_reading(request: Request) -> Response:
    """A resting reading from the Today page (the day's gate asks for one)."""
    form = await request.form()
    reading = checkins.parse_bp(str(form.get("reading", "")))
    checkins.record_bp(ctx_of(request), reading)
    return RedirectResponse("/", status_code=303)


@router.post("/bp/cuff")
async def bp_from_cuff(request: Request) -> Response:
    """Readings a cuff sends (a Bluetooth cuff, or the simulated one), from the Today page."""
    form = await request.form()
    device = str(form.get("device", "cuff"))[:40]
    # the cuff's client runs its own event loop: a worker thread, not the server's loop
    await run_in_threadpool(home_bp.read_cuff, ctx_of(request), device)
    return RedirectResponse("/", status_code=303)


def _start_page(
    request: Request,
    error: str | None = None,
    status: int = 200,
    values: dict[str, Any] | None = None,
    *,
    editing: bool = False,
) -> Response:
    ctx = ctx_of(request)
    groups: dict[str, list[Any]] = defaultdict(list)
    later = [f for f in ctx.catalogue.red_flags.values() if f.category in ASKED_WITH_PREGNANCY]
    for flag in ctx.catalogue.red_flags.values():
        if flag.category not in ASKED_WITH_PREGNANCY:
            groups[flag.category].append(flag)
    order = [c for c in FLAG_CATEGORY_TITLES if c in groups] + [
        c for c in groups if c not in FLAG_CATEGORY_TITLES
    ]
    return render(
        request,
        "onboarding/start.html",
        {
            "flag_groups": [(c, FLAG_CATEGORY_TITLES.get(c, c), groups[c]) for c in order],
            "flag_regions": FLAG_CATEGORY_CONDITIONS,
            "conditions": CONDITIONS,
            "goals": GOALS,
            "irritability": IRRITABILITY,
            "equipment": EQUIPMENT,
            "tendon_sites": TENDON_SITES,
            "shown_with": {"side": ONE_SIDED, "season": IN_SEASON, "site": ASKS_TENDON_SITE},
            "pregnancy": PREGNANCY,
            "pregnancy_flags": later,
            "medications": MEDICATIONS,
            "has_profile": _has_profile(ctx),
            "error": error,
            "values": values or {},
            "editing": editing,
        },
        status,
    )


#: a typed answer longer than this is not put back in the form after an error (no answer is
#: this long; a hostile one is not echoed)
MAX_KEPT_CHARS = 40


def _kept(typed: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in typed.items() if not isinstance(v, str) or len(v) <= MAX_KEPT_CHARS}


@router.get("/start")
def start(request: Request) -> Response:
    return _start_page(request)


@router.get("/profile")
def profile_page(request: Request) -> Response:
    """The saved answers in the same form, to change one without losing progress."""
    return _start_page(request, values=onboarding.current_profile(ctx_of(request)), editing=True)


@router.post("/start")
async def start_post(request: Request) -> Response:
    form = await request.form()
    ctx = ctx_of(request)
    try:
        raw = profile_from_form(form)
        result = onboarding.onboard(ctx, raw, replace=form.get("replace") == "true")
    except ProfileError as error:
        editing = form.get("replace") == "true" and _has_profile(ctx)
        values = {**_kept(dict(form)), **{k: form.getlist(k) for k in LIST_FIELDS}}
        return _start_page(request, f"Please check: {error}", 422, values, editing=editing)
    if result.plan.status == "refer" and result.plan.referral is not None:
        return referral_page(request, result.plan.referral)
    return RedirectResponse("/plan", status_code=303)


@router.get("/referral")
def referral(request: Request) -> Response:
    ctx = ctx_of(request)
    try:
        plan = today.today(ctx).plan
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    if plan.status != "refer" or plan.referral is None:
        return RedirectResponse("/", status_code=303)
    return referral_view(request, plan.referral)


@router.get("/plan")
def plan(request: Request) -> Response:
    ctx = ctx_of(request)
    try:
        view = today.today(ctx)
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    if view.plan.status == "refer" and view.plan.referral is not None:
        return referral_page(request, view.plan.referral)
    catalogue = ctx.catalogue
    return render(request, "plan.html", {
        "plan": view.plan, "note_codes": NOTE_CODES, "view": view,
        "notes_of": lambda block: block_notes(block, catalogue),
        "learn": education.for_plan(ctx),
    })  # fmt: skip


@router.post("/checkin")
async def checkin(request: Request) -> Response:
    form = await request.form()
    ctx = ctx_of(request)
    try:
        pain, stiffness = int(str(form.get("pain"))), int(str(form.get("stiffness")))
    except ValueError:
        from isohold.domain.errors import InputError

        raise InputError("pain", "pain and stiffness must be whole numbers from 0 to 10") from None
    checkins.checkin(ctx, pain, stiffness)
    view = today.today(ctx)
    if request.headers.get("hx-request"):
        return render(request, "_checkin.html", {"view": view})
    return RedirectResponse("/", status_code=303)


@router.get("/review")
def review_preview(request: Request) -> Response:
    """What the weekly review would change, to confirm before anything is saved."""
    ctx = ctx_of(request)
    try:
        result = progress.weekly_review(ctx, save=False)
    except NoProfileError:
        raise
    except NotFoundError as missing:
        return render(request, "review.html", {"result": None, "missing": str(missing)})
    return render(request, "review.html", {"result": result, "preview": True,
                                           "learn": _explained(ctx, result)})  # fmt: skip


@router.post("/progress")
def run_progress(request: Request) -> Response:
    ctx = ctx_of(request)
    result = progress.weekly_review(ctx)
    return render(request, "review.html", {"result": result, "preview": False,
                                           "learn": _explained(ctx, result)})  # fmt: skip


def _explained(ctx: Context, result: progress.WeeklyReview) -> list[Any]:
    """The topics that explain the review's decisions."""
    return education.for_decisions(ctx, [d.action for d in result.review.decisions])


@router.get("/history")
def progress_page(request: Request) -> Response:
    context = progress_context(ctx_of(request))
    if context is None:
        return RedirectResponse("/start", status_code=303)
    return render(request, "history.html", context)


@router.get("/exercises")
def exercises(request: Request, region: str = "", equipment: str = "", goal: str = "") -> Response:
    cat = ctx_of(request).catalogue
    items = list(cat.exercises.values())
    if region:
        items = [e for e in items if region in e.regions]
    if equipment:
        have = frozenset({equipment})
        items = [e for e in items if e.fits(have)]
    if goal:
        wanted = {o.exercise for p in cat.protocols.values() if goal in p.goals for o in p.options}
        items = [e for e in items if e.id in wanted]
    return render(
        request,
        "exercises/list.html",
        {
            "items": items, "regions": v.REGIONS, "equipment_values": v.EQUIPMENT[1:],
            "goals": v.GOALS, "region": region, "equipment": equipment, "goal": goal,
        },
    )  # fmt: skip


@router.get("/exercises/figures")
def exercise_figures(request: Request) -> Response:
    """Every exercise's figure on one page, for review."""
    from isohold.services.figures import gallery

    return render(request, "exercises/figures.html", {"items": gallery(ctx_of(request).catalogue)})


@router.get("/exercises/{exercise_id}")
def exercise(request: Request, exercise_id: str) -> Response:
    cat = ctx_of(request).catalogue
    if exercise_id not in cat.exercises:
        raise NotFoundError(f"There is no exercise called {exercise_id!r}.")
    return render(request, "exercises/show.html", {"ex": cat.exercises[exercise_id]})
