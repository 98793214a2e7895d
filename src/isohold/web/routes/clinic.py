"""Clinic mode's API (contract 6): signing in and out, two-step sign-in, a clinician's
patients, and for admins the accounts and the audit log. Who may call which route is decided
before any of them runs (web/clinic.py, services/access.py); each route reads who is asking."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from isohold.domain.errors import InputError
from isohold.services import access, accounts, audit, signin
from isohold.services.context import Context
from isohold.services.settings import Settings
from isohold.web.asking import address_of, ctx_of, who_of
from isohold.web.clinic import COOKIE
from isohold.web.cookies import cookie

router = APIRouter(prefix="/api/v1", tags=["clinic"])
JSON = dict[str, Any]


def _view(view: accounts.AccountView) -> JSON:
    return {"id": view.id, "email": view.email, "name": view.name, "role": view.role,
            "totp_enabled": view.totp_enabled}  # fmt: skip


class Login(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1024)
    totp: str | None = Field(None, max_length=12)


@router.post("/auth/login", summary="Sign in: a session cookie (contract 6)")
def login(body: Login, request: Request, response: Response) -> JSON:
    settings: Settings = request.app.state.settings
    old = cookie(request.headers, COOKIE) or None
    token, who = signin.sign_in(ctx_of(request), body.email, body.password, body.totp,
                                address_of(request), replaces=old)  # fmt: skip
    secure = bool(settings.tls_cert or settings.behind_proxy or request.url.scheme == "https")
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=secure,
                        path="/", max_age=int(signin.ABSOLUTE.total_seconds()))  # fmt: skip
    return {"id": who.account_id, "email": who.email, "name": who.name, "role": who.role,
            "totp_enabled": who.totp_enabled}  # fmt: skip


def _ended(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")


@router.post("/auth/logout", summary="Sign out this browser")
def logout(request: Request, response: Response) -> JSON:
    signin.sign_out(ctx_of(request), who_of(request), address_of(request))
    _ended(response)
    return {"signed_out": True}


@router.post("/auth/logout-everywhere", summary="Sign out on every device")
def logout_everywhere(request: Request, response: Response) -> JSON:
    signin.sign_out(ctx_of(request), who_of(request), address_of(request), everywhere=True)
    _ended(response)
    return {"signed_out": True}


@router.get("/auth/me", summary="The signed-in account")
def me(request: Request) -> JSON:
    who = who_of(request)
    return {"id": who.account_id, "email": who.email, "name": who.name, "role": who.role,
            "totp_enabled": who.totp_enabled}  # fmt: skip


@router.post("/auth/totp/start", summary="Start setting up two-step sign-in (TOTP)")
def totp_start(request: Request) -> JSON:
    started = signin.totp_start(ctx_of(request), who_of(request))
    return {"secret": started.secret, "uri": started.uri, "qr_svg": started.qr_svg}


class Code(BaseModel):
    code: str | None = Field(None, max_length=12)
    totp: str | None = Field(None, max_length=12)


@router.post("/auth/totp/confirm", summary="Turn two-step sign-in on with a first code")
def totp_confirm(body: Code, request: Request) -> JSON:
    code = body.code or body.totp
    if not code:
        raise InputError("code", "give the 6-digit code the authenticator app shows")
    signin.totp_confirm(ctx_of(request), who_of(request), code, address_of(request))
    return {"totp_enabled": True}


class NewPassword(BaseModel):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


@router.post("/auth/password", summary="Change the password (signs out everywhere)")
def change_password(body: NewPassword, request: Request, response: Response) -> JSON:
    signin.change_password(ctx_of(request), who_of(request), body.current_password,
                           body.new_password, address_of(request))  # fmt: skip
    _ended(response)
    return {"changed": True, "signed_out": True}


@router.get("/patients", summary="A clinician's patients with their alerts")
def patients(request: Request) -> list[JSON]:
    ctx = ctx_of(request)
    who = who_of(request)
    mine = accounts.patients(ctx, who.account_id)
    alerts = _alerts(ctx, mine)
    access.record_list(ctx, who, [p.id for p in mine], "GET /api/v1/patients", address_of(request))
    from isohold.services.messages import unread_counts
    from isohold.services.proposals import pending_of

    waiting = pending_of(ctx, [p.id for p in mine])
    unread = unread_counts(ctx, who, [p.id for p in mine])
    listed = [{**_view(p), "alerts": alerts.get(p.id, []), "pending_reviews": waiting.get(p.id, 0),
               "unread_messages": unread.get(p.id, 0)} for p in mine]  # fmt: skip
    return sorted(listed, key=_urgency)


def _urgency(patient: JSON) -> tuple[int, int, str]:
    """Most urgent first (by their most urgent open alert), then those with a weekly review
    waiting for approval, then by name."""
    from isohold.domain.alerts import URGENCY_WORDS

    found = [URGENCY_WORDS.index(a["urgency"]) for a in patient["alerts"]]
    return (min(found, default=len(URGENCY_WORDS)), -min(patient["pending_reviews"], 1),
            str(patient["name"]).casefold())  # fmt: skip


@router.get("/patients/{patient_id}", summary="One linked patient with their alerts")
def patient(patient_id: int, request: Request) -> JSON:
    ctx = ctx_of(request)
    found = [p for p in accounts.patients(ctx, who_of(request).account_id) if p.id == patient_id]
    if not found:
        from isohold.domain.errors import NotFoundError

        raise NotFoundError(access.NOT_FOUND)
    from isohold.services.messages import unread_counts

    unread = unread_counts(ctx, who_of(request), [patient_id]).get(patient_id, 0)
    return {**_view(found[0]), "alerts": _alerts(ctx, found).get(patient_id, []),
            "unread_messages": unread}  # fmt: skip


def _alerts(ctx: Context, patients: list[accounts.AccountView]) -> dict[int, list[JSON]]:
    """Each patient's open alerts (those acknowledged are left out)."""
    from isohold.services.alert_acks import open_alerts

    found = open_alerts(ctx, [p.id for p in patients])
    return {aid: [a.to_dict() for a in alerts] for aid, alerts in found.items()}


@router.get("/audit", summary="The audit log (admins), filtered by actor, patient, action")
def audit_log(
    request: Request, since: date | None = None, limit: int = 1000, actor: str | None = None,
    patient_id: int | None = None, action: str | None = None,
) -> list[JSON]:  # fmt: skip
    first = since or (ctx_of(request).utc().date() - timedelta(days=30))
    where = audit.Filter(first, actor, patient_id, action)
    return audit.search(ctx_of(request), where, max(1, min(limit, 10_000)))


@router.get("/accounts", summary="Every account (admins), with its last sign-in")
def all_accounts(request: Request) -> list[JSON]:
    from isohold.services.account_admin import overview

    return [row.to_dict() for row in overview(ctx_of(request))]


@router.post("/accounts/{account_id}/disable", summary="Disable an account (admins)")
def disable_account(account_id: int, request: Request) -> JSON:
    from isohold.services.account_admin import set_disabled

    who = who_of(request)
    actor = who.actor(address_of(request))
    return set_disabled(ctx_of(request), account_id, True, actor).to_dict()


@router.post("/accounts/{account_id}/enable", summary="Enable a disabled account (admins)")
def enable_account(account_id: int, request: Request) -> JSON:
    from isohold.services.account_admin import set_disabled

    who = who_of(request)
    actor = who.actor(address_of(request))
    return set_disabled(ctx_of(request), account_id, False, actor).to_dict()


class NewAccount(BaseModel):
    role: str = Field(max_length=12)
    email: str = Field(max_length=320)
    name: str = Field(max_length=200)
    password: str = Field(max_length=1024)


@router.post("/accounts", summary="Make an account (admins)")
def create_account(body: NewAccount, request: Request) -> JSON:
    who = who_of(request)
    made = accounts.create_user(ctx_of(request), role=body.role, email=body.email,
                                name=body.name, password=body.password,
                                by=who.actor(address_of(request)),
                                route="POST /api/v1/accounts")  # fmt: skip
    return _view(made)


class RoleChange(BaseModel):
    role: str = Field(max_length=12)


@router.patch("/accounts/{account_id}", summary="Change a staff account's role (admins)")
def change_role(account_id: int, body: RoleChange, request: Request) -> JSON:
    who = who_of(request)
    return _view(accounts.change_role(ctx_of(request), account_id, body.role,
                                      who.actor(address_of(request))))  # fmt: skip
