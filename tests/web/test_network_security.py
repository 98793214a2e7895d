"""What holds when the server is reached over a network: HSTS over HTTPS only, state changes
refused when the browser says they come from another site (Sec-Fetch-Site, or an Origin of
another scheme, host or port), and the Host check answering the public name only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from isohold.domain.errors import SettingError
from isohold.services.settings import Settings
from isohold.web.app import create_app
from isohold.web.hosts import served_hosts
from isohold.web.security import HSTS
from tests.support.profiles import profile_dict

ONBOARD = "/api/v1/onboard"


@pytest.fixture
def https(tmp_path: Path) -> Iterator[TestClient]:
    """The app as the browser reaches it over HTTPS (scope scheme https)."""
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'n.db'}", port=443,
                        public_url="https://clinic.example.org")  # fmt: skip
    with TestClient(create_app(settings), base_url="https://clinic.example.org") as c:
        yield c


def test_hsts_over_https_and_never_over_plain_http(https: TestClient, tmp_path: Path) -> None:
    for path in ("/api/v1/health", "/", "/static/css/app.css", "/no-such-page"):
        assert https.get(path).headers["strict-transport-security"] == HSTS, path
    plain = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'plain.db'}"))
    with TestClient(plain, base_url="http://127.0.0.1:8000") as c:
        assert "strict-transport-security" not in c.get("/api/v1/health").headers


@pytest.mark.parametrize(
    ("headers", "status"),
    [({"Sec-Fetch-Site": "same-origin", "Origin": "https://clinic.example.org"}, 200),
     ({"Sec-Fetch-Site": "none"}, 200),
     ({}, 200),  # not a browser: the JSON content type is the CSRF guard
     ({"Sec-Fetch-Site": "cross-site"}, 403),
     ({"Sec-Fetch-Site": "same-site", "Origin": "https://clinic.example.org"}, 403),
     ({"Origin": "http://clinic.example.org"}, 403),  # another scheme
     ({"Origin": "https://clinic.example.org:8443"}, 403),  # another port
     ({"Origin": "https://evil.example"}, 403),
     ({"Origin": "null"}, 403)],
)  # fmt: skip
def test_a_state_change_from_another_site_is_refused(
    https: TestClient, headers: dict[str, str], status: int
) -> None:
    answer = https.post(ONBOARD, json={"profile": profile_dict()}, headers=headers)
    assert answer.status_code == status, answer.text
    assert answer.headers["strict-transport-security"] == HSTS


def test_a_page_form_from_another_site_is_refused_before_its_token_is_checked(
    https: TestClient,
) -> None:
    token = https.get("/").cookies.get("isohold_csrf") or https.cookies.get("isohold_csrf")
    assert token
    answer = https.post("/checkin", data={"csrf_token": token, "pain": "2"},
                        headers={"Sec-Fetch-Site": "cross-site"})  # fmt: skip
    assert (answer.status_code, answer.text) == (403, "cross-site request refused")


def test_the_public_host_name_is_served_and_no_other(https: TestClient) -> None:
    assert https.get("/api/v1/health").status_code == 200
    assert https.get("/api/v1/health", headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    ("settings", "expected", "absent"),
    [({"public_url": "https://clinic.example.org"},
      {"clinic.example.org", "clinic.example.org:443", "127.0.0.1:8000"},
      {"clinic.example.org:8000"}),
     ({"public_url": "http://clinic.example.org:8080"}, {"clinic.example.org:8080"},
      {"clinic.example.org"}),
     ({"public_url": "https://[2001:db8::1]"}, {"[2001:db8::1]"}, set()),
     ({"host": "::1", "port": 80}, {"[::1]:80", "[::1]"}, set())],
)  # fmt: skip
def test_served_hosts(settings: dict[str, object], expected: set[str], absent: set[str]) -> None:
    hosts = served_hosts(Settings(**settings))  # type: ignore[arg-type]
    assert expected <= hosts and not absent & hosts


@pytest.mark.parametrize(
    ("given", "field", "reason"),
    [({"tls_cert": "c.pem"}, "tls_key", "both"),
     ({"tls_key": "k.pem"}, "tls_cert", "both"),
     ({"tls_cert": "c.pem", "tls_key": "k.pem", "behind_proxy": True}, "behind_proxy",
      "choose one"),
     ({"behind_proxy": True}, "behind_proxy", "clinic mode")],
)  # fmt: skip
def test_network_settings_that_cannot_work_are_named(
    given: dict[str, object], field: str, reason: str
) -> None:
    with pytest.raises(SettingError) as caught:
        Settings.load(**given).check()
    assert caught.value.setting == field and caught.value.given == "combination"
    assert reason in str(caught.value) and "--" not in str(caught.value)


@pytest.mark.parametrize("url", ["ftp://clinic.example.org", "https://", "clinic.example.org",
                                 "https://clinic.example.org/isohold",
                                 "https://user@clinic.example.org"])  # fmt: skip
def test_a_public_address_that_is_not_a_plain_web_origin_is_refused(url: str) -> None:
    with pytest.raises(SettingError) as caught:
        Settings.load(public_url=url)
    assert caught.value.setting == "public_url" and caught.value.given == "option"


def test_api_answers_are_not_cached_and_the_csrf_cookie_is_secure_over_https(
    https: TestClient, tmp_path: Path
) -> None:
    assert https.get("/api/v1/health").headers["cache-control"] == "no-store"
    assert https.get("/api/v1/today").headers["cache-control"] == "no-store"
    assert https.get("/static/css/app.css").headers["cache-control"] == "no-cache"
    page = https.get("/")
    assert "isohold_csrf=" in page.headers["set-cookie"] and "Secure" in page.headers["set-cookie"]
    plain = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'plain.db'}"))
    with TestClient(plain, base_url="http://127.0.0.1:8000") as c:
        assert "Secure" not in c.get("/").headers["set-cookie"]
