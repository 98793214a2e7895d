"""deploy/ cannot drift from the code: every ISOHOLD_ variable it sets is a setting (and a valid
value of it), the port is the same in every file, isohold listens on loopback wherever a proxy
passes requests on, and every file runs `isohold serve`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from isohold.services.settings import Settings, env_name

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NAMES = {env_name(field) for field in Settings.model_fields}


def _compose() -> dict[str, dict[str, str]]:
    """Each service's environment."""
    doc = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    return {name: {k: str(v) for k, v in (service.get("environment") or {}).items()}
            for name, service in doc["services"].items()}  # fmt: skip


def _example() -> dict[str, str]:
    lines = (DEPLOY / "example.env").read_text().splitlines()
    pairs = (line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {k.strip(): v.strip() for k, v in pairs}


def _dockerfile() -> dict[str, str]:
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    env = " ".join(m.group(1) for m in re.finditer(r"^ENV (.+)$", text, re.MULTILINE))
    return dict(pair.split("=", 1) for pair in env.split())


def _isohold_variables() -> list[tuple[str, str, str]]:
    """(file, variable, value) of every ISOHOLD_ variable deploy/ sets."""
    found = [(f"docker-compose.yml:{svc}", k, v) for svc, env in _compose().items()
             for k, v in env.items()]  # fmt: skip
    found += [("example.env", k, v) for k, v in _example().items()]
    found += [("Dockerfile", k, v) for k, v in _dockerfile().items()]
    return [x for x in found if x[1].startswith("ISOHOLD_")]


def test_every_isohold_variable_is_a_setting_with_a_valid_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    variables = _isohold_variables()
    assert len(variables) >= 10
    for where, name, value in variables:
        assert name in NAMES, f"{where}: {name} is not a setting"
        if "${" not in value:  # compose fills ${...} in from deploy/.env
            monkeypatch.setenv(name, value)
            Settings.load()  # a bad value is an InputError naming the variable
            monkeypatch.delenv(name)


def test_one_port_and_a_loopback_host_everywhere() -> None:
    ports = {(where, value) for where, name, value in _isohold_variables()
             if name == "ISOHOLD_PORT"}  # fmt: skip
    caddy = (DEPLOY / "Caddyfile").read_text()
    ports |= {("Caddyfile", m) for m in re.findall(r"127\.0\.0\.1:\{\$ISOHOLD_PORT:(\d+)\}", caddy)}
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    health = re.search(r"http://127\.0\.0\.1:(\d+)/api/v1/health", dockerfile)
    assert health is not None
    ports.add(("Dockerfile HEALTHCHECK", health.group(1)))
    assert len(ports) >= 5 and len({value for _, value in ports}) == 1, ports
    hosts = {value for _, name, value in _isohold_variables() if name == "ISOHOLD_HOST"}
    assert hosts == {"127.0.0.1"}


def test_the_database_url_names_the_compose_database() -> None:
    services = _compose()
    url = services["isohold"]["ISOHOLD_DB"]
    db = services["db"]
    assert url.startswith(f"postgresql+psycopg://{db['POSTGRES_USER']}:${{POSTGRES_PASSWORD}}@db:")
    assert url.endswith(f"/{db['POSTGRES_DB']}")


def test_each_way_to_run_it_runs_isohold_serve_behind_the_proxy() -> None:
    unit = (DEPLOY / "isohold.service").read_text()
    assert re.search(r"^ExecStart=\S+/isohold serve\b", unit, re.MULTILINE)
    assert 'CMD ["isohold", "serve"' in (DEPLOY / "Dockerfile").read_text()
    for name, env in (("compose", _compose()["isohold"]), ("example.env", _example())):
        assert env["ISOHOLD_BEHIND_PROXY"] == "true", name
        assert env["ISOHOLD_PUBLIC_URL"].startswith(("https://", "${")), name
