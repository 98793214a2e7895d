"""Who may reach what on a clinic server: the one place that decides, for every route.

- Open to anyone: the health check, signing in, the OpenAPI document, static files.
- Any signed-in account: its own account routes (`/api/v1/auth/...`) and what holds nobody's
  data (the exercise catalogue, education, the plan and review calculations).
- A patient: the personal-mode API and pages, on their own data only, and their own message
  thread with their clinicians (`/api/v1/messages`, `/messages`).
- A clinician, once two-step sign-in is set up: `GET /api/v1/patients` (their linked
  patients) and each linked patient's data under `/api/v1/patients/{id}/...`, which is the
  personal-mode route of the same name acting on that patient, except a clinician's own
  workspace routes (WORKSPACE: alerts, plan edits, review mode, proposals). Every such
  request is written to the audit log.
- A clinician's caseload figures across their patients (`/api/v1/caseload`, `.csv`), each
  patient counted audited, and their program templates (`/api/v1/templates...`; applying one
  is `/api/v1/patients/{id}/plan/template`, a workspace route).
- A clinician's pages: `/patients` (their list) and `/patients/{id}/...` (a linked patient's
  overview, acknowledging alerts, approving reviews), audited like the API.
- An admin: accounts (`/api/v1/accounts`) and the audit log (`/api/v1/audit`), and their
  pages under `/admin`; no clinical data.
- Invitations (`/api/v1/invitations`, `/invitations`): an admin, or a clinician once two-step
  sign-in is set up; the invited patient opens `/invite/{token}` without an account (the
  link's secret is what lets them in).
- A forgotten password: anyone asks at `/reset` or `POST /api/v1/auth/reset`, and the link
  e-mailed opens `/reset/{token}`.
- Signing in with a passkey (`/api/v1/auth/passkey-login...`) is open like the password
  sign-in; adding and removing one is the account's own (`/api/v1/auth/passkeys...`).
- A clinician's choice to be e-mailed about new alerts (`/api/v1/auth/alert-mail`, the
  account page's `/account/alert-mail`): a clinician's own, like their password.

Someone else's data, and a patient id that is not linked, answer as if it did not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from isohold.domain.errors import NotAllowedError, NotFoundError
from isohold.services import audit
from isohold.services.accounts import utc
from isohold.services.context import Context
from isohold.services.signin import Who
from isohold.storage import accounts as store
from isohold.storage.clinic_models import Account
from isohold.storage.people import NOBODY as NOBODY
from isohold.storage.people import acting_person

OPEN = frozenset({"/api/v1/health", "/api/v1/auth/login", "/openapi.json", "/favicon.ico",
                  "/manifest.webmanifest", "/sw.js", "/signin", "/api/v1/auth/reset",
                  "/reset", "/api/v1/auth/passkey-login/options",
                  "/api/v1/auth/passkey-login"})  # fmt: skip
#: links sent to people: the link's secret lets them in (invitations, password resets)
OPEN_PREFIXES = ("/static/", "/invite/", "/reset/")
#: no one's data: any signed-in account
SHARED = frozenset({"/api/v1/plan", "/api/v1/review", "/api/v1/exercises", "/api/v1/learn",
                    "/exercises", "/exercises/figures", "/learn", "/account"})  # fmt: skip
SHARED_PREFIXES = ("/api/v1/auth/", "/api/v1/exercises/", "/api/v1/learn/", "/exercises/",
                   "/learn/", "/account/")  # fmt: skip
ADMIN = ("/api/v1/accounts", "/api/v1/audit", "/admin")
#: a clinician's own account settings (alert e-mails): no one's data, so no two-step first
CLINICIAN_ACCOUNT = frozenset({"/api/v1/auth/alert-mail", "/account/alert-mail"})
#: clinicians (with two-step sign-in) and admins
STAFF_ROUTES = ("/api/v1/invitations", "/invitations")
PATIENTS = "/api/v1/patients"
#: a clinician's own routes across their patients (two-step sign-in first): the caseload
#: figures (their rows audited per patient by the route) and their program templates
CLINICIAN_ROUTES = frozenset({"/api/v1/caseload", "/api/v1/caseload.csv", "/api/v1/templates"})
CLINICIAN_PREFIXES = ("/api/v1/templates/",)
#: what is not a patient's data route, even under /api/v1/patients/{id}/
NOT_PATIENT_DATA = ("auth/", "patients", "accounts", "audit")
#: a clinician's own routes about a linked patient (web/routes/workspace.py), kept as they are:
#: alerts and their acknowledgement, plan edits, review mode and the review's proposals,
#: clinical notes (a clinician's only), the patient's message thread, and clearances (BP or a
#: red flag, services/clearances.py)
WORKSPACE = frozenset({"alerts", "plan", "review-mode", "proposals", "notes", "messages",
                       "clearances"})  # fmt: skip
_PATIENT_PATH = re.compile(r"^/api/v1/patients/([^/]+)(/.*)?$")
#: a clinician's pages: the list of patients and each linked patient's overview
PATIENT_PAGES = "/patients"
_PATIENT_PAGE = re.compile(r"^/patients/([^/]+)(/.*)?$")
_SESSION_PATH = re.compile(r"^/api/v1/sessions/([^/]+)(?:/|$)")

NOT_FOUND = "not found"
NO_DATA = ("This account has no training data of its own: a clinician opens a patient's data "
           "under /api/v1/patients/{id}/.")  # fmt: skip
ENROL_FIRST = ("Set up two-step sign-in (an authenticator app) before opening patients' data: "
               "/api/v1/auth/totp/start.")  # fmt: skip
ADMINS_ONLY = "Only an administrator manages accounts and reads the audit log."
CLINICIANS_ONLY = "Only a clinician has patients, caseload figures and program templates."
STAFF_ONLY = "Only a clinician or an administrator invites patients."
ALERT_MAIL_ONLY = "Only a clinician is e-mailed about their patients' new alerts."


def is_open(path: str) -> bool:
    return path in OPEN or path.startswith(OPEN_PREFIXES)


@dataclass(frozen=True)
class Grant:
    """What a request may do: act on `person_id` (NOBODY: no one's data) at `path` (a
    clinician's patient route becomes the personal-mode route); `patient_id`, the patient's
    account, when someone else's data is reached (it is audited)."""

    person_id: int
    path: str
    patient_id: int | None = None


def authorize(ctx: Context, who: Who, path: str) -> Grant:
    """The grant for `who` at `path`; NotAllowedError (a role that does not do this) or
    NotFoundError (someone else's data, or none)."""
    if path in CLINICIAN_ACCOUNT:
        if who.role != "clinician":
            raise NotAllowedError(ALERT_MAIL_ONLY)
        return Grant(NOBODY, path)
    if path in SHARED or path.startswith(SHARED_PREFIXES):
        return Grant(NOBODY, path)
    if path in ADMIN or path.startswith(tuple(f"{a}/" for a in ADMIN)):
        if who.role != "admin":
            raise NotAllowedError(ADMINS_ONLY)
        return Grant(NOBODY, path)
    if path in STAFF_ROUTES or path.startswith(tuple(f"{s}/" for s in STAFF_ROUTES)):
        if who.role != "admin":
            if who.role != "clinician":
                raise NotAllowedError(STAFF_ONLY)
            _clinician_ready(who)
        return Grant(NOBODY, path)
    if path == PATIENTS or path in CLINICIAN_ROUTES or path.startswith(CLINICIAN_PREFIXES):
        _clinician_ready(who)
        return Grant(NOBODY, path)
    found = _PATIENT_PATH.match(path)
    if found is not None:
        return _patient_grant(ctx, who, found.group(1), found.group(2) or "")
    if path == PATIENT_PAGES:
        if who.role != "clinician":
            raise NotFoundError(NOT_FOUND)
        _clinician_ready(who)
        return Grant(NOBODY, path)
    page = _PATIENT_PAGE.match(path)
    if page is not None:
        return _patient_grant(ctx, who, page.group(1), page.group(2) or "", page=True)
    if who.role != "patient" or who.person_id is None:
        raise NotAllowedError(NO_DATA)
    _own_session(ctx, path, who.person_id)
    return Grant(who.person_id, path)


def _clinician_ready(who: Who) -> None:
    if who.role != "clinician":
        raise NotAllowedError(CLINICIANS_ONLY)
    if not who.totp_enabled:
        raise NotAllowedError(ENROL_FIRST)


def _patient_grant(ctx: Context, who: Who, raw_id: str, rest: str, page: bool = False) -> Grant:
    if who.role != "clinician":
        raise NotFoundError(NOT_FOUND)
    _clinician_ready(who)
    if not (raw_id.isascii() and raw_id.isdigit() and len(raw_id) < 12):
        raise NotFoundError(NOT_FOUND)
    with ctx.db.reading() as s:
        patient = s.get(Account, int(raw_id))
        linked = patient is not None and store.linked(s, who.account_id, patient.id)
        person = patient.person_id if patient is not None else None
    if not linked or patient is None or person is None or patient.role != "patient":
        raise NotFoundError(NOT_FOUND)
    if page:  # a clinician's page about the patient (web/routes/clinician_pages.py)
        return Grant(person, f"{PATIENT_PAGES}/{patient.id}{rest}", patient.id)
    if rest.lstrip("/").split("/", 1)[0] in WORKSPACE:
        return Grant(person, f"{PATIENTS}/{patient.id}{rest}", patient.id)
    target = f"/api/v1{rest}" if rest not in ("", "/") else f"{PATIENTS}/{patient.id}"
    if rest and rest.lstrip("/").startswith(NOT_PATIENT_DATA):
        raise NotFoundError(NOT_FOUND)
    _own_session(ctx, target, person)
    return Grant(person, target, patient.id)


def _own_session(ctx: Context, path: str, person_id: int) -> None:
    """A training session named in the path must be this person's (else: not found)."""
    found = _SESSION_PATH.match(path)
    if found is None:
        return
    with ctx.db.reading() as s:
        owner = store.session_person(s, found.group(1))
    if owner is not None and owner != person_id:
        raise NotFoundError(f"no session {found.group(1)[:40]}")


def record_list(ctx: Context, who: Who, patient_ids: list[int], route: str,
                address: str | None) -> None:  # fmt: skip
    """One audit row per patient whose name and alerts a clinician's list showed."""
    now = utc(ctx)
    with ctx.db.transaction() as s:
        for patient in patient_ids:
            audit.write(s, audit.Entry("list", route, now, patient_id=patient,
                                       actor=who.actor(address)))  # fmt: skip


def record_access(ctx: Context, who: Who, grant: Grant, method: str, route: str,
                  address: str | None) -> None:  # fmt: skip
    """The audit row of someone reaching a patient's data."""
    if grant.patient_id is None:
        return
    reading = method in ("GET", "HEAD")
    exporting = any(word in route for word in ("export", "report", "fhir", "csv", ".pdf"))
    action = "export" if exporting else "read" if reading else "change"
    entry = audit.Entry(action, f"{method} {route}", utc(ctx), patient_id=grant.patient_id,
                        actor=who.actor(address))  # fmt: skip
    audit.record(ctx, entry)


@contextmanager
def acting(person_id: int) -> Iterator[None]:
    """Services called inside act on this person (NOBODY: on no one's data)."""
    token = acting_person.set(person_id)
    try:
        yield
    finally:
        acting_person.reset(token)
