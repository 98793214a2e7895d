"""The admin's pages (`/admin`): every account with its role, two-step sign-in and last
sign-in; making a staff account or a patient's invitation, changing a staff role, disabling
an account; the audit log with filters and as CSV. The same services as the JSON API."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from isohold.domain.errors import InputError, IsoholdError
from isohold.services import accounts, audit, invitations
from isohold.services.account_admin import overview, set_disabled
from isohold.web.asking import ctx_of, who_of
from isohold.web.clinic import address
from isohold.web.errors import status_for
from isohold.web.pages import render
from isohold.web.site import site_url

router = APIRouter(include_in_schema=False)
#: rows the audit page shows (newest first); the CSV has them all
SHOWN_ROWS = 500
CSV_ROWS = 1_000_000


def _actor(request: Request) -> audit.Actor:
    return who_of(request).actor(address(request.scope))


def _page(request: Request, status: int = 200, **extra: Any) -> Response:
    rows = overview(ctx_of(request))
    clinicians = [r for r in rows if r.role == "clinician" and not r.disabled]
    context = {
        "who": who_of(request),
        "accounts": rows,
        "clinicians": clinicians,
        "message": "",
        "issued": None,
        "form": {},
        **extra,
    }
    return render(request, "admin/index.html", context, status)


def _done(request: Request, message: str) -> Response:
    return _page(request, message=message)


@router.get("/admin")
def admin_page(request: Request) -> Response:
    return _page(request)


@router.post("/admin/accounts")
async def create_staff(request: Request) -> Response:
    form = {k: str(v)[:1024] for k, v in (await request.form()).items()}
    try:
        role = form.get("role", "")
        if role not in accounts.STAFF:
            raise InputError("role", "make a clinician or an admin here; invite a patient below")
        made = accounts.create_user(
            ctx_of(request),
            role=role,
            email=form.get("email", ""),
            name=form.get("name", ""),
            password=form.get("password", ""),
            by=_actor(request),
            route="POST /admin/accounts",
        )
    except IsoholdError as error:
        kept = {k: v for k, v in form.items() if k != "password"}
        return _page(request, status_for(error), message=str(error), form=kept)
    return _done(request, f"Account made for {made.name} ({made.email}), {made.role}.")


@router.post("/admin/accounts/{account_id}/role")
async def change_role(account_id: int, request: Request) -> Response:
    role = str((await request.form()).get("role", ""))[:12]
    try:
        changed = accounts.change_role(ctx_of(request), account_id, role, _actor(request))
    except IsoholdError as error:
        return _page(request, status_for(error), message=str(error))
    return _done(request, f"{changed.name} is now {changed.role}; their sessions have ended.")


def _set_disabled(request: Request, account_id: int, disabled: bool) -> Response:
    try:
        row = set_disabled(ctx_of(request), account_id, disabled, _actor(request))
    except IsoholdError as error:
        return _page(request, status_for(error), message=str(error))
    state = "disabled: they cannot sign in" if disabled else "enabled again"
    return _done(request, f"{row.name} ({row.email}) is {state}.")


@router.post("/admin/accounts/{account_id}/disable")
def disable(account_id: int, request: Request) -> Response:
    return _set_disabled(request, account_id, True)


@router.post("/admin/accounts/{account_id}/enable")
def enable(account_id: int, request: Request) -> Response:
    return _set_disabled(request, account_id, False)


@router.post("/admin/invitations")
async def invite(request: Request) -> Response:
    form = await request.form()
    email, raw = str(form.get("email", ""))[:320], str(form.get("clinician_id", "")).strip()
    try:
        if raw and not (raw.isascii() and raw.isdigit() and len(raw) < 12):
            raise InputError("clinician_id", "choose a clinician from the list")
        issued = invitations.create(
            ctx_of(request),
            who_of(request),
            email,
            site_url(request),
            address(request.scope),
            int(raw) if raw else None,
        )
    except IsoholdError as error:
        return _page(request, status_for(error), message=str(error), form={"invite": email})
    return _page(request, 201, issued=issued)


def _filter(request: Request) -> audit.Filter:
    query = request.query_params
    raw_since, raw_patient = query.get("since", "").strip(), query.get("patient_id", "").strip()
    try:
        since = date.fromisoformat(raw_since) if raw_since else None
    except ValueError:
        raise InputError("since", f"{raw_since[:40]!r} is not a day like 2026-11-30") from None
    if raw_patient and not (
        raw_patient.isascii() and raw_patient.isdigit() and len(raw_patient) < 12
    ):
        raise InputError("patient_id", f"{raw_patient[:20]!r} is not an account number")
    first = since or ctx_of(request).utc().date() - timedelta(days=30)
    return audit.Filter(
        first,
        query.get("actor", "")[:254] or None,
        int(raw_patient) if raw_patient else None,
        query.get("action", "")[:40] or None,
    )


@router.get("/admin/audit")
def audit_page(request: Request) -> Response:
    query = dict(request.query_params)
    try:
        where = _filter(request)
    except InputError as error:
        return render(
            request,
            "admin/audit.html",
            {"rows": [], "query": query, "message": str(error), "csv": ""},
            422,
        )
    rows = audit.search(ctx_of(request), where, SHOWN_ROWS, newest_first=True)
    from urllib.parse import urlencode

    shown = {**query, "since": where.since.isoformat()}
    return render(
        request,
        "admin/audit.html",
        {"rows": rows, "query": shown, "message": "", "csv": urlencode(shown), "limit": SHOWN_ROWS},
    )


@router.get("/admin/audit.csv")
def audit_csv(request: Request) -> Response:
    where = _filter(request)
    ctx = ctx_of(request)
    text = audit.to_csv(audit.search(ctx, where, CSV_ROWS))
    audit.record(
        ctx,
        audit.Entry(
            "export-audit",
            "GET /admin/audit.csv",
            ctx.utc().replace(tzinfo=None),
            actor=_actor(request),
        ),
    )
    name = f"isohold-audit-from-{where.since.isoformat()}.csv"
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
