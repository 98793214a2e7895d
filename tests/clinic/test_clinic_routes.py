"""Clinic mode over HTTP, route by route: every route the router lists (so a new route without
an expected rule fails here) against every role, IDOR attempts on every {id} route, the
cookie's flags, session fixation, throttling and the audit rows each access leaves."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from isohold.services import accounts, audit
from isohold.services.settings import Settings
from isohold.web.app import create_app
from isohold.web.clinic import COOKIE
from tests.support.clinic import PASSWORD, START, clinic_context, code_at, make_user
from tests.support.profiles import profile_dict
from tests.support.routes import filled, http_routes, websockets

ORIGIN = "http://testserver"
OPEN, SHARED, ACCOUNT, ADMIN, CLINICIAN, PATIENT_OF, PERSONAL, STAFF = (
    "open",
    "shared",
    "account",
    "admin",
    "clinician",
    "patient of",
    "personal",
    "staff",
)
#: each route's rule (services/access.py); a route missing here fails the matrix
RULES = {
    "/api/v1/health": OPEN,
    "/openapi.json": OPEN,
    "/api/v1/auth/login": OPEN,
    "/manifest.webmanifest": OPEN,
    "/sw.js": OPEN,
    "/api/v1/plan": SHARED,
    "/api/v1/review": SHARED,
    "/api/v1/exercises": SHARED,
    "/api/v1/exercises/{exercise_id}": SHARED,
    "/api/v1/learn": SHARED,
    "/api/v1/learn/{topic}": SHARED,
    "/exercises": SHARED,
    "/exercises/figures": SHARED,
    "/exercises/{exercise_id}": SHARED,
    "/learn": SHARED,
    "/learn/{topic}": SHARED,
    "/api/v1/auth/logout": ACCOUNT,
    "/api/v1/auth/logout-everywhere": ACCOUNT,
    "/api/v1/auth/me": ACCOUNT,
    "/api/v1/auth/password": ACCOUNT,
    "/api/v1/auth/totp/start": ACCOUNT,
    "/api/v1/auth/totp/confirm": ACCOUNT,
    "/api/v1/accounts": ADMIN,
    "/api/v1/accounts/{account_id}": ADMIN,
    "/api/v1/audit": ADMIN,
    "/signin": OPEN,
    "/account": ACCOUNT,
    "/account/totp/start": ACCOUNT,
    "/account/totp": ACCOUNT,
    "/account/signout": ACCOUNT,
    "/account/signout-everywhere": ACCOUNT,
    "/api/v1/patients": CLINICIAN,
    "/api/v1/caseload": CLINICIAN,
    "/api/v1/caseload.csv": CLINICIAN,
    "/api/v1/templates": CLINICIAN,
    "/api/v1/templates/{template_id}": CLINICIAN,
    "/api/v1/patients/{patient_id}/plan/template": PATIENT_OF,
    "/api/v1/patients/{patient_id}": PATIENT_OF,
    "/api/v1/invitations": STAFF,
    "/api/v1/invitations/{invitation_id}": STAFF,
    "/invitations": STAFF,
    "/invitations/{invitation_id}/withdraw": STAFF,
    "/invite/{token}": OPEN,
    "/api/v1/auth/reset": OPEN,
    "/reset": OPEN,
    "/reset/{token}": OPEN,
    "/api/v1/accounts/{account_id}/disable": ADMIN,
    "/api/v1/accounts/{account_id}/enable": ADMIN,
    "/admin": ADMIN,
    "/admin/accounts": ADMIN,
    "/admin/accounts/{account_id}/role": ADMIN,
    "/admin/accounts/{account_id}/disable": ADMIN,
    "/admin/accounts/{account_id}/enable": ADMIN,
    "/admin/invitations": ADMIN,
    "/admin/audit": ADMIN,
    "/admin/audit.csv": ADMIN,
    "/api/v1/auth/passkeys/options": ACCOUNT,
    "/api/v1/auth/passkeys": ACCOUNT,
    "/api/v1/auth/passkeys/{passkey_id}": ACCOUNT,
    "/account/passkeys/{passkey_id}/remove": ACCOUNT,
    "/account/password": ACCOUNT,
    "/api/v1/auth/passkey-login/options": OPEN,
    "/api/v1/auth/passkey-login": OPEN,
    "/api/v1/patients/{patient_id}/alerts": PATIENT_OF,
    "/api/v1/patients/{patient_id}/alerts/{alert_key}/acknowledge": PATIENT_OF,
    "/api/v1/patients/{patient_id}/alerts/acknowledge": PATIENT_OF,
    "/api/v1/patients/{patient_id}/plan": PATIENT_OF,
    "/api/v1/patients/{patient_id}/review-mode": PATIENT_OF,
    "/api/v1/patients/{patient_id}/proposals": PATIENT_OF,
    "/api/v1/patients/{patient_id}/proposals/{proposal_id}/approve": PATIENT_OF,
    "/api/v1/patients/{patient_id}/proposals/{proposal_id}/reject": PATIENT_OF,
    "/patients": CLINICIAN,
    "/patients/{patient_id}": PATIENT_OF,
    "/patients/{patient_id}/alerts/{alert_key}/acknowledge": PATIENT_OF,
    "/patients/{patient_id}/proposals/{proposal_id}/{decision}": PATIENT_OF,
    "/patients/{patient_id}/plan": PATIENT_OF,
    "/patients/{patient_id}/review-mode": PATIENT_OF,
    "/patients/{patient_id}/clearances": PATIENT_OF,
    "/patients/{patient_id}/templates/{action}": PATIENT_OF,
    "/api/v1/patients/{patient_id}/notes": PATIENT_OF,
    "/api/v1/patients/{patient_id}/messages": PATIENT_OF,
    "/api/v1/patients/{patient_id}/clearances": PATIENT_OF,
    "/patients/{patient_id}/notes": PATIENT_OF,
    "/patients/{patient_id}/messages": PATIENT_OF,
    "/api/v1/messages": PERSONAL,
    "/api/v1/messages/unread": PERSONAL,
    "/messages": PERSONAL,
    "/api/v1/auth/alert-mail": CLINICIAN,
    "/account/alert-mail": CLINICIAN,
} | {
    path: PERSONAL
    for path in (
        "/",
        "/api/v1/bp",
        "/api/v1/bp/band",
        "/api/v1/bp/cuff",
        "/api/v1/bp/readings",
        "/api/v1/bp/summary",
        "/api/v1/bp/test",
        "/api/v1/bp/week",
        "/api/v1/checkins",
        "/api/v1/desk",
        "/api/v1/desk/breaks",
        "/api/v1/desk/settings",
        "/api/v1/fhir/Bundle",
        "/api/v1/gate",
        "/api/v1/history",
        "/api/v1/log",
        "/api/v1/onboard",
        "/api/v1/outcomes",
        "/api/v1/outcomes/measures",
        "/api/v1/progress",
        "/api/v1/report.pdf",
        "/api/v1/sessions",
        "/api/v1/sessions/{session_uuid}/finish",
        "/api/v1/sessions/{session_uuid}/reports",
        "/api/v1/sessions/{session_uuid}/sets",
        "/api/v1/stats",
        "/api/v1/today",
        "/bp",
        "/bp/cuff",
        "/checkin",
        "/desk",
        "/force",
        "/history",
        "/history/report.pdf",
        "/outcomes",
        "/plan",
        "/profile",
        "/progress",
        "/referral",
        "/reminder",
        "/review",
        "/session",
        "/start",
        "/wall-squat-test",
        "/ws/force",
        "/ws/heart-rate",
    )
}
#: the roles each rule lets through (the others: 401 without a session, 403 or 404 with one)
ALLOWED = {
    OPEN: {"anonymous", "patient", "clinician", "admin"},
    SHARED: {"patient", "clinician", "admin"},
    ACCOUNT: {"patient", "clinician", "admin"},
    ADMIN: {"admin"},
    CLINICIAN: {"clinician"},
    PATIENT_OF: {"clinician"},
    PERSONAL: {"patient"},
    STAFF: {"clinician", "admin"},
}
ENDS_SESSION = {
    "/api/v1/auth/logout",
    "/api/v1/auth/logout-everywhere",
    "/account/signout",
    "/account/signout-everywhere",
}


@dataclass
class Clinic:
    client: TestClient
    ids: dict[str, int]
    session_of: dict[str, str]
    secret: str = ""
    clock: Any = None

    def password_sign_in(self, email: str) -> None:
        self.client.cookies.clear()
        body = {"email": email, "password": PASSWORD}
        assert self.client.post("/api/v1/auth/login", json=body).status_code == 200


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Clinic]:
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    with clinic_context(url) as (ctx, clock):
        ids = {
            role: make_user(ctx, role, f"{role}@example.org")
            for role in ("patient", "clinician", "admin")
        }
        ids["other"] = make_user(ctx, "patient", "other@example.org")
        ids["unlinked"] = make_user(ctx, "patient", "unlinked@example.org")
        accounts.link(ctx, "clinician@example.org", "patient@example.org")
        accounts.link(ctx, "clinician@example.org", "other@example.org")
        app = create_app(
            Settings(db_url=url, clinic=True), context=ctx, allowed_hosts=["testserver"]
        )
        with TestClient(app, base_url=ORIGIN) as client:
            found = Clinic(client, ids, {})
            for who in ("patient", "other", "unlinked"):  # each has a plan and a session
                found.password_sign_in(f"{who}@example.org")
                client.post("/api/v1/onboard", json={"profile": profile_dict()})
                found.session_of[who] = client.post("/api/v1/sessions", json={}).json()["uuid"]
            found.password_sign_in("clinician@example.org")
            secret = client.post("/api/v1/auth/totp/start").json()["secret"]
            assert (
                client.post(
                    "/api/v1/auth/totp/confirm", json={"code": code_at(secret, clock())}
                ).status_code
                == 200
            )
            clock.advance(seconds=30)
            found.secret, found.clock = secret, clock
            yield found


def _sign_in(clinic: Clinic, role: str) -> None:
    if role == "anonymous":
        clinic.client.cookies.clear()
        return
    body = {"email": f"{role}@example.org", "password": PASSWORD}
    if role == "clinician":
        clinic.clock.advance(seconds=30)
        body["totp"] = code_at(clinic.secret, clinic.clock())
    clinic.client.cookies.clear()
    assert clinic.client.post("/api/v1/auth/login", json=body).status_code == 200


def _refused(role: str, method: str, path: str, answer: Any) -> bool:
    """Whether the gate refused: 401 without a session (a page goes to sign-in), 403 for the
    wrong role, 404 for someone else's data."""
    if role == "anonymous":
        if path.startswith("/api/") or method != "GET":
            return answer.status_code == 401
        return answer.status_code == 303 and answer.headers["location"] == "/signin"
    if answer.status_code == 303 and answer.headers["location"] == "/account":
        return role in ("clinician", "admin")  # a page of a patient's: their own page instead
    if answer.status_code == 403:
        return "cross-site" not in answer.text and "expired" not in answer.text
    if answer.status_code != 404:
        return False
    gate = '{"detail":"not found","field":null}' if path.startswith("/api/") else "not found"
    return bool(answer.text == gate)


def test_every_route_against_every_role(clinic: Clinic) -> None:
    app = clinic.client.app
    routes = http_routes(app)  # type: ignore[arg-type]  # the app under test
    paths = {path for _m, path in routes} | set(websockets(app))  # type: ignore[arg-type]
    assert not paths - RULES.keys(), f"routes without a rule: {sorted(paths - RULES.keys())}"
    assert len(routes) > 60
    checked = 0
    for role in ("anonymous", "patient", "clinician", "admin"):
        _sign_in(clinic, role)
        for method, path in routes:
            address = filled(
                path, patient_id=clinic.ids["patient"], session_uuid=clinic.session_of["patient"]
            )
            answer = clinic.client.request(
                method, address, json={} if method != "GET" else None, follow_redirects=False
            )
            allowed = role in ALLOWED[RULES[path]]
            assert _refused(role, method, path, answer) is not allowed, (
                role,
                method,
                path,
                answer.status_code,
                answer.text[:200],
            )
            checked += 1
            if path in ENDS_SESSION and role != "anonymous":
                _sign_in(clinic, role)
    assert checked == 4 * len(routes)


def test_websockets_need_a_patient_session(clinic: Clinic) -> None:
    for role in ("anonymous", "clinician", "admin", "patient"):
        _sign_in(clinic, role)
        for path in websockets(clinic.client.app):  # type: ignore[arg-type]
            if role == "patient":
                with clinic.client.websocket_connect(path, headers={"Origin": ORIGIN}):
                    pass  # accepted
                continue
            with (
                pytest.raises(WebSocketDisconnect) as refused,
                clinic.client.websocket_connect(path, headers={"Origin": ORIGIN}),
            ):
                pass
            assert refused.value.code == 1008, (role, path)


def test_idor_every_id_route_answers_not_found(clinic: Clinic) -> None:
    """A clinician's unlinked patient, a made-up id, another patient's session: 404 with no
    hint, on every route that takes an id, directly or under /api/v1/patients/{id}/."""
    routes = http_routes(clinic.client.app)  # type: ignore[arg-type]
    personal_api = [(m, p) for m, p in routes if RULES[p] == PERSONAL and p.startswith("/api/")]
    _sign_in(clinic, "clinician")
    tried = 0
    for method, path in [*personal_api, ("GET", "")]:
        rest = path.removeprefix("/api/v1")
        for someone in (clinic.ids["unlinked"], 999_999, "abc", clinic.ids["admin"]):
            address = filled(
                f"/api/v1/patients/{someone}{rest}", session_uuid=clinic.session_of["unlinked"]
            )
            answer = clinic.client.request(method, address, json={} if method != "GET" else None)
            assert (answer.status_code, answer.text) == (
                404,
                '{"detail":"not found","field":null}',
            ), address
            tried += 1
        if "{session_uuid}" in path:  # a linked patient's route, with another's session
            address = filled(
                f"/api/v1/patients/{clinic.ids['patient']}{rest}",
                session_uuid=clinic.session_of["unlinked"],
            )
            answer = clinic.client.request(method, address, json={})
            assert answer.status_code == 404, address
    _sign_in(clinic, "patient")
    for method, path in personal_api:
        if "{session_uuid}" in path:
            answer = clinic.client.request(
                method, filled(path, session_uuid=clinic.session_of["other"]), json={}
            )
            assert answer.status_code == 404 and "no session" in answer.text, path
            tried += 1
    assert tried > 50


def test_cookie_flags_fixation_and_sign_out(clinic: Clinic) -> None:
    client = clinic.client
    client.cookies.clear()
    client.cookies.set(COOKIE, "planted-by-someone-else")
    answer = client.post(
        "/api/v1/auth/login", json={"email": "patient@example.org", "password": PASSWORD}
    )
    flags = answer.headers["set-cookie"].lower()
    assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
    assert "secure" not in flags  # plain HTTP on loopback; Secure under TLS or a proxy
    token = answer.cookies[COOKIE]
    assert token != "planted-by-someone-else" and len(token) >= 40
    client.cookies.clear()
    client.cookies.set(COOKIE, "planted-by-someone-else")
    assert client.get("/api/v1/today").status_code == 401
    client.cookies.clear()
    client.cookies.set(COOKIE, token)
    assert client.get("/api/v1/today").status_code == 200
    again = client.post(
        "/api/v1/auth/login", json={"email": "patient@example.org", "password": PASSWORD}
    )
    assert again.cookies[COOKIE] != token  # a new session at each sign-in; the old one ended
    client.cookies.clear()
    client.cookies.set(COOKIE, token)
    assert client.get("/api/v1/today").status_code == 401
    client.cookies.set(COOKIE, again.cookies[COOKIE])
    assert client.post("/api/v1/auth/logout").status_code == 200
    client.cookies.set(COOKIE, again.cookies[COOKIE])
    assert client.get("/api/v1/today").status_code == 401


def test_cross_origin_writes_are_refused(clinic: Clinic) -> None:
    _sign_in(clinic, "patient")
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        for path in ("/api/v1/checkins", "/api/v1/auth/logout", "/api/v1/auth/password"):
            answer = clinic.client.post(path, json={"pain": 2, "stiffness": 1}, headers=headers)
            assert (answer.status_code, answer.text) == (403, "cross-site request refused")
        login = clinic.client.post(
            "/api/v1/auth/login",
            headers=headers,
            json={"email": "patient@example.org", "password": PASSWORD},
        )
        assert login.status_code == 403 and "set-cookie" not in login.headers
    assert clinic.client.get("/api/v1/auth/me").status_code == 200  # still signed in


def test_throttling_over_http_and_the_audit_of_each_access(clinic: Clinic) -> None:
    client = clinic.client
    _sign_in(clinic, "clinician")
    patient = clinic.ids["patient"]
    assert client.get(f"/api/v1/patients/{patient}/today").status_code == 200
    assert (
        client.post(
            f"/api/v1/patients/{patient}/checkins", json={"pain": 3, "stiffness": 2}
        ).status_code
        == 200
    )
    assert client.get(f"/api/v1/patients/{patient}/fhir/Bundle").status_code == 200
    pdf = client.get(f"/api/v1/patients/{patient}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    listed = client.get("/api/v1/patients").json()
    other = clinic.ids["other"]
    assert {p["id"] for p in listed} == {patient, other}
    assert all(isinstance(p["alerts"], list) for p in listed)
    client.cookies.clear()
    for _ in range(5):
        wrong = client.post(
            "/api/v1/auth/login",
            json={"email": "admin@example.org", "password": "not the password"},
        )
        assert wrong.status_code == 401
    right = client.post(
        "/api/v1/auth/login", json={"email": "admin@example.org", "password": PASSWORD}
    )
    assert right.status_code == 429 and "set-cookie" not in right.headers
    ctx = client.app.state.ctx  # type: ignore[attr-defined]
    rows = audit.since(ctx, START.date())
    mine = [
        (r["action"], r["route"], r["patient_id"])
        for r in rows
        if r["actor_email"] == "clinician@example.org" and r["patient_id"] is not None
    ]
    assert sorted(mine[-2:]) == sorted(
        [("list", "GET /api/v1/patients", patient), ("list", "GET /api/v1/patients", other)]
    )
    assert mine[:-2] == [
        ("read", f"GET /api/v1/patients/{patient}/today", patient),
        ("change", f"POST /api/v1/patients/{patient}/checkins", patient),
        ("export", f"GET /api/v1/patients/{patient}/fhir/Bundle", patient),
        ("export", f"GET /api/v1/patients/{patient}/report.pdf", patient),
    ]
    actions = [r["action"] for r in rows]
    assert actions.count("sign-in-failed") >= 5 and actions[-1] == "sign-in-throttled"
    assert all(r["address"] == "testclient" for r in rows if r["action"] == "sign-in-failed")


def test_the_sign_in_and_account_pages(clinic: Clinic) -> None:
    import re

    client = clinic.client
    client.cookies.clear()
    assert client.get("/", follow_redirects=False).headers["location"] == "/signin"
    page = client.get("/signin")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert page.status_code == 200 and token is not None
    form = {"csrf_token": token.group(1), "email": "admin@example.org", "password": "wrong"}
    refused = client.post("/signin", data=form)
    assert refused.status_code == 401 and "not right" in refused.text
    form["password"] = PASSWORD
    signed = client.post("/signin", data=form, follow_redirects=False)
    assert (signed.status_code, signed.headers["location"]) == (303, "/account")
    account = client.get("/account")
    assert "Admin (admin@example.org)" in account.text
    started = client.post("/account/totp/start", data={"csrf_token": token.group(1)})
    secret = re.search(r"<code>([A-Z2-7]+)</code>", started.text)
    assert "<svg" in started.text and secret is not None
    code = code_at(secret.group(1), clinic.clock())
    done = client.post("/account/totp", data={"csrf_token": token.group(1), "code": code})
    assert "Two-step sign-in is on." in done.text
    out = client.post(
        "/account/signout-everywhere", data={"csrf_token": token.group(1)}, follow_redirects=False
    )
    assert out.headers["location"] == "/signin"
    assert client.get("/api/v1/auth/me").status_code == 401


def test_an_admin_changes_a_staff_role_audited_and_signed_out(clinic: Clinic) -> None:
    client = clinic.client
    _sign_in(clinic, "clinician")
    doc_cookie = client.cookies[COOKIE]
    _sign_in(clinic, "admin")
    clinician = clinic.ids["clinician"]
    patient = clinic.ids["patient"]
    refused = client.patch(f"/api/v1/accounts/{patient}", json={"role": "admin"})
    assert refused.status_code == 422 and refused.json()["field"] == "role"
    assert client.patch("/api/v1/accounts/999999", json={"role": "admin"}).status_code == 404
    changed = client.patch(f"/api/v1/accounts/{clinician}", json={"role": "admin"})
    assert changed.status_code == 200 and changed.json()["role"] == "admin"
    rows = client.get("/api/v1/audit").json()
    assert rows[-1]["action"] == "role-clinician-to-admin"
    assert rows[-1]["actor_email"] == "admin@example.org"
    client.cookies.clear()
    client.cookies.set(COOKIE, doc_cookie)
    assert client.get("/api/v1/patients").status_code == 401  # signed out by the change
