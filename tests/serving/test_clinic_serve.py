"""`isohold serve --clinic` in a subprocess with two workers, driven as contract 6 says, with
accounts made by `isohold admin`: 401 without a session, sign-in with its cookie, a patient on
their own data, a clinician (after two-step sign-in) on a linked patient only, an admin on the
audit log, throttling across workers, and the audit rows the accesses left."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx2 as httpx
import pyotp

from tests.serving.server import serving
from tests.support.commands import Run
from tests.support.profiles import profile_dict

PASSWORD = "correct horse battery\n"


def _user(isohold: Run, db: str, role: str, email: str) -> int:
    made = isohold(
        "admin",
        "create-user",
        "--role",
        role,
        "--email",
        email,
        "--name",
        email.split("@")[0],
        "--password-stdin",
        "--db",
        db,
        stdin=PASSWORD,
    )
    assert made.returncode == 0, made.stderr
    return int(made.stdout)


def _code(secret: str, after: str | None = None) -> str:
    """The app's current code; a new one when `after` was just used (the next 30-s step)."""
    totp = pyotp.TOTP(secret)
    while (code := totp.now()) == after:
        time.sleep(0.5)
    return code


def test_a_clinic_server_keeps_to_contract_6(isohold: Run, db_url: str, tmp_path: Path) -> None:
    patient = _user(isohold, db_url, "patient", "ana@example.org")
    _user(isohold, db_url, "patient", "bob@example.org")
    _user(isohold, db_url, "clinician", "doc@example.org")
    _user(isohold, db_url, "admin", "boss@example.org")
    linked = isohold(
        "admin",
        "link",
        "--clinician",
        "doc@example.org",
        "--patient",
        "ana@example.org",
        "--db",
        db_url,
    )
    assert linked.returncode == 0, linked.stderr
    with serving(db_url, "--clinic", home=tmp_path, workers=2) as served:
        base = f"http://{served.host}"
        assert "clinic mode" in served.banner

        def client() -> httpx.Client:
            return httpx.Client(base_url=base, headers={"Origin": base}, timeout=60)

        with client() as anonymous:
            assert anonymous.get("/api/v1/health").status_code == 200
            assert anonymous.get("/openapi.json").status_code == 200
            for path in ("/api/v1/today", "/api/v1/patients", "/api/v1/audit", "/api/v1/plan"):
                assert anonymous.get(path).status_code == 401, path
            unknown = anonymous.post(
                "/api/v1/auth/login", json={"email": "nobody@example.org", "password": "x"}
            )
            wrong = anonymous.post(
                "/api/v1/auth/login", json={"email": "bob@example.org", "password": "wrong one"}
            )
            assert unknown.status_code == wrong.status_code == 401
            assert unknown.json()["detail"] == wrong.json()["detail"]
        with client() as ana:
            signed = ana.post(
                "/api/v1/auth/login",
                json={"email": "ana@example.org", "password": PASSWORD.strip()},
            )
            assert signed.status_code == 200
            flags = signed.headers["set-cookie"].lower()
            assert "httponly" in flags and "samesite=strict" in flags
            assert ana.post("/api/v1/onboard", json={"profile": profile_dict()}).status_code == 200
            assert ana.post("/api/v1/checkins", json={"pain": 3, "stiffness": 2}).status_code == 200
            assert ana.get("/api/v1/today").status_code == 200
            assert ana.get("/api/v1/audit").status_code == 403
            assert ana.get("/api/v1/patients/1/today").status_code == 404
        with client() as doc:
            assert (
                doc.post(
                    "/api/v1/auth/login",
                    json={"email": "doc@example.org", "password": PASSWORD.strip()},
                ).status_code
                == 200
            )
            assert doc.get(f"/api/v1/patients/{patient}/today").status_code == 403  # no TOTP yet
            secret = doc.post("/api/v1/auth/totp/start").json()["secret"]
            used = _code(secret)
            assert doc.post("/api/v1/auth/totp/confirm", json={"code": used}).status_code == 200
            today = doc.get(f"/api/v1/patients/{patient}/today")
            assert today.status_code == 200 and "plan" in json.dumps(today.json())
            assert [p["id"] for p in doc.get("/api/v1/patients").json()] == [patient]
            assert doc.get(f"/api/v1/patients/{patient + 1}/today").status_code == 404
            assert doc.get("/api/v1/today").status_code == 403
            assert doc.post("/api/v1/auth/logout").status_code == 200
            assert doc.get("/api/v1/patients").status_code == 401
            replay = doc.post(
                "/api/v1/auth/login",
                json={"email": "doc@example.org", "password": PASSWORD.strip(), "totp": used},
            )
            assert replay.status_code == 401  # the enrolment's code is used up
        with client() as boss:
            assert (
                boss.post(
                    "/api/v1/auth/login",
                    json={"email": "boss@example.org", "password": PASSWORD.strip()},
                ).status_code
                == 200
            )
            assert len(boss.get("/api/v1/audit", params={"since": "2000-01-01"}).json()) > 5
            assert boss.get(f"/api/v1/patients/{patient}/today").status_code == 404
            assert boss.get("/api/v1/today").status_code == 403
        with client() as attacker:
            statuses = [
                attacker.post(
                    "/api/v1/auth/login",
                    json={"email": "bob@example.org", "password": f"guess {n}"},
                ).status_code
                for n in range(6)
            ]
            assert statuses[-1] == 429  # this address, or this account, failed 5 times
            # every address here is 127.0.0.1: now the admin is held back too
            held = attacker.post(
                "/api/v1/auth/login",
                json={"email": "boss@example.org", "password": PASSWORD.strip()},
            )
            assert held.status_code == 429
    log = isohold("admin", "audit", "--since", "2000-01-01", "--db", db_url)
    rows = json.loads(log.stdout)
    reads = [r for r in rows if r["actor_email"] == "doc@example.org" and r["patient_id"]]
    assert [(r["action"], r["route"]) for r in reads] == [
        ("read", f"GET /api/v1/patients/{patient}/today"),
        ("list", "GET /api/v1/patients"),
    ]
    assert all(r["address"] == "127.0.0.1" for r in reads)
    actions = [r["action"] for r in rows]
    assert {"sign-in", "sign-in-failed", "sign-in-throttled", "totp-enrolled"} <= set(actions)


def test_a_clinic_on_another_address_needs_tls_or_a_proxy(isohold: Run) -> None:
    refused = isohold("serve", "--clinic", "--host", "0.0.0.0", "--port", "8765")
    assert refused.returncode == 2
    assert "--host" in refused.stderr and "--behind-proxy" in refused.stderr
    assert "--tls-cert" in refused.stderr and "isohold serve --help" in refused.stderr
    personal = isohold("serve", "--behind-proxy", "--port", "8765")
    assert personal.returncode == 2 and "clinic mode" in personal.stderr


def test_behind_a_proxy_the_cookie_is_secure_and_addresses_are_the_browsers(
    isohold: Run, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'proxy.db'}"
    _user(isohold, db, "patient", "ana@example.org")
    with serving(db, "--clinic", "--behind-proxy", home=tmp_path, workers=1) as served:
        base = f"http://{served.host}"
        proxy = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": served.host,
            "Origin": f"https://{served.host}",
        }
        with httpx.Client(base_url=base, headers=proxy, timeout=60) as browser:
            signed = browser.post(
                "/api/v1/auth/login",
                headers={"X-Forwarded-For": "203.0.113.7"},
                json={"email": "ana@example.org", "password": PASSWORD.strip()},
            )
            assert signed.status_code == 200
            assert "; secure" in signed.headers["set-cookie"].lower()
            assert "strict-transport-security" in signed.headers
            for n in range(5):  # another browser's failures do not hold this one back
                browser.post(
                    "/api/v1/auth/login",
                    headers={"X-Forwarded-For": "198.51.100.9"},
                    json={"email": f"x{n}@example.org", "password": "guess"},
                )
            held = browser.post(
                "/api/v1/auth/login",
                headers={"X-Forwarded-For": "198.51.100.9"},
                json={"email": "ana@example.org", "password": PASSWORD.strip()},
            )
            again = browser.post(
                "/api/v1/auth/login",
                headers={"X-Forwarded-For": "203.0.113.7"},
                json={"email": "ana@example.org", "password": PASSWORD.strip()},
            )
            assert (held.status_code, again.status_code) == (429, 200)
    rows = json.loads(isohold("admin", "audit", "--since", "2000-01-01", "--db", db).stdout)
    signed_in = [r["address"] for r in rows if r["action"] == "sign-in"]
    assert signed_in == ["203.0.113.7", "203.0.113.7"]
