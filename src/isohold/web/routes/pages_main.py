"""Pages: welcome and today, onboarding and referral, the plan, progress, the library."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from isohold.domain import vocabulary as v
from isohold.domain.errors import NotFoundError, ProfileError
from isohold.domain.labels import (
    ASKED_WITH_PREGNANCY,
    CONDITIONS,
    EQUIPMENT,
    FLAG_CATEGORY_TITLES,
    GOALS,
    IRRITABILITY,
    MEDICATIONS,
    PREGNANCY,
    TENDON_SITES,
)
from isohold.domain.notes import NOTE_CODES, block_notes
from isohold.services import checkins, desk_breaks, history, onboarding, progress, stats, today
from isohold.services.context import Context
from isohold.web import charts
from isohold.web.force_charts import force_charts
from isohold.web.forms import profile_from_form
from isohold.web.pages import referral_page, render

router = APIRouter(include_in_schema=False)


def _ctx(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def _has_profile(ctx: Context) -> bool:
    try:
        today.today(ctx)
    except NotFoundError:
        return False
    return True


@router.get("/")
def home(request: Request) -> Response:
    ctx = _ctx(request)
    try:
        view = today.today(ctx)
    except NotFoundError:
        return render(request, "welcome.html")
    if view.gate.referral is not None:
        return referral_page(request, view.gate.referral)
    return render(request, "today.html", {"view": view})


@router.post("/bp")
async def bp_reading(request: Request) -> Response:
    """A resting reading from the Today page (the day's gate asks for one)."""
    form = await request.form()
    reading = checkins.parse_bp(str(form.get("reading", "")))
    checkins.record_bp(_ctx(request), reading)
    return RedirectResponse("/", status_code=303)


def _start_page(request: Request, error: str | None = None, status: int = 200) -> Response:
    ctx = _ctx(request)
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
            "flag_groups": [(FLAG_CATEGORY_TITLES.get(c, c), groups[c]) for c in order],
            "conditions": CONDITIONS,
            "goals": GOALS,
            "irritability": IRRITABILITY,
            "equipment": EQUIPMENT,
            "tendon_sites": TENDON_SITES,
            "pregnancy": PREGNANCY,
            "pregnancy_flags": later,
            "medications": MEDICATIONS,
            "has_profile": _has_profile(ctx),
            "error": error,
        },
        status,
    )


@router.get("/start")
def start(request: Request) -> Response:
    return _start_page(request)


@router.post("/start")
async def start_post(request: Request) -> Response:
    form = await request.form()
    ctx = _ctx(request)
    try:
        raw = profile_from_form(form)
        result = onboarding.onboard(ctx, raw, replace=form.get("replace") == "true")
    except ProfileError as error:
        return _start_page(request, f"Please check: {error}", 422)
    if result.plan.status == "refer" and result.plan.referral is not None:
        return referral_page(request, result.plan.referral)
    return RedirectResponse("/plan", status_code=303)


@router.get("/plan")
def plan(request: Request) -> Response:
    ctx = _ctx(request)
    try:
        view = today.today(ctx)
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    if view.plan.status == "refer" and view.plan.referral is not None:
        return referral_page(request, view.plan.referral)
    catalogue = ctx.catalogue
    return render(request, "plan.html", {
        "plan": view.plan, "note_codes": NOTE_CODES,
        "notes_of": lambda block: block_notes(block, catalogue),
    })  # fmt: skip


@router.post("/checkin")
async def checkin(request: Request) -> Response:
    form = await request.form()
    ctx = _ctx(request)
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


@router.post("/progress")
def run_progress(request: Request) -> Response:
    result = progress.weekly_review(_ctx(request))
    return render(request, "review.html", {"result": result})


@router.get("/history")
def progress_page(request: Request) -> Response:
    ctx = _ctx(request)
    try:
        result = stats.stats(ctx)
    except NotFoundError:
        return RedirectResponse("/start", status_code=303)
    now = ctx.now().date()
    weeks = list(result.weeks[-12:])
    labels = [w.week_start.strftime("%d %b") for w in weeks]
    morning = [w.mean_morning_pain for w in weeks]
    first = next((m for m in morning if m is not None), None)
    band = (
        None
        if first is None
        else (first - 2, first + 2, "within 2 points: not yet a meaningful change")
    )
    pain_svg = charts.line_chart(
        "Pain by week: morning and during exercise (0-10)",
        labels,
        [("Morning pain", morning), ("Pain during", [w.mean_pain_during for w in weeks])],
        lo=0, hi=10, band=band,
    )  # fmt: skip
    lines = history.history(ctx, 90)
    per_ex: dict[str, dict[Any, float]] = defaultdict(dict)
    for line in lines:
        for st in line.sets:
            day = per_ex[st.exercise]
            day[line.day] = max(day.get(line.day, 0.0), st.hold_s)
    days = sorted({d for values in per_ex.values() for d in values})
    hold_svg = None
    if days:
        top = max(max(vals.values()) for vals in per_ex.values())
        hold_svg = charts.line_chart(
            "Hold time per exercise (seconds)",
            [d.strftime("%d %b") for d in days],
            [(ctx.catalogue.exercises[e].name if e in ctx.catalogue.exercises else e,
              [vals.get(d) for d in days]) for e, vals in sorted(per_ex.items())],
            lo=0, hi=max(10.0, top * 1.1),
        )  # fmt: skip
    calendar = charts.calendar(
        "Training days, last 12 weeks", {line.day for line in lines if line.sets}, now
    )
    readings = checkins.bp_history(ctx, 90)
    bp_svg = None
    if readings:
        bp_svg = charts.line_chart(
            "Resting blood pressure (mmHg)",
            [when.strftime("%d %b") for when, _s, _d in readings],
            [
                ("Systolic", [s for _w, s, _d in readings]),
                ("Diastolic", [d for _w, _s, d in readings]),
            ],
            lo=50, hi=200, rules=[(160, "160: clearance needed"), (100, "100")],
        )  # fmt: skip
    return render(
        request,
        "history.html",
        {
            "stats": result, "pain_svg": pain_svg, "hold_svg": hold_svg, "calendar": calendar,
            "bp_svg": bp_svg, "lines": lines[:10], "since": now - timedelta(days=90),
            "weeks": [w.to_dict() for w in desk_breaks.adherence(ctx, now)],
            "force": force_charts(ctx),
        },
    )  # fmt: skip


@router.get("/exercises")
def exercises(request: Request, region: str = "", equipment: str = "", goal: str = "") -> Response:
    cat = _ctx(request).catalogue
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


@router.get("/exercises/{exercise_id}")
def exercise(request: Request, exercise_id: str) -> Response:
    cat = _ctx(request).catalogue
    if exercise_id not in cat.exercises:
        raise NotFoundError(f"There is no exercise called {exercise_id!r}.")
    return render(request, "exercises/show.html", {"ex": cat.exercises[exercise_id]})
