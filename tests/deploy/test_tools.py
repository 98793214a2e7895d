"""deploy/ checked by the tools that run it: `docker compose config`, `caddy validate` and
`systemd-analyze verify` (the Makefile's system step installs Debian's docker-compose and caddy;
systemd comes with the machine). A missing tool skips its check, saying which."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ENV = {"ISOHOLD_PUBLIC_URL": "https://clinic.example.org", "POSTGRES_PASSWORD": "secret1"}


def _compose() -> list[str] | None:
    """`docker compose` (the v2 plugin) where it answers, else `docker-compose`."""
    if (
        shutil.which("docker")
        and subprocess.run(
            ["docker", "compose", "version"], capture_output=True, timeout=60
        ).returncode
        == 0
    ):
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


def _run(command: list[str], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=home,
                          env={"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(home),
                               "XDG_DATA_HOME": str(home), "XDG_CONFIG_HOME": str(home),
                               **env})  # fmt: skip


def test_docker_compose_accepts_the_compose_file(tmp_path: Path) -> None:
    compose = _compose()
    if compose is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    out = _run([*compose, "-f", str(DEPLOY / "docker-compose.yml"), "config", "--quiet"],
               tmp_path, **ENV)  # fmt: skip
    assert out.returncode == 0, out.stderr
    missing = _run([*compose, "-f", str(DEPLOY / "docker-compose.yml"), "config", "--quiet"],
                   tmp_path, POSTGRES_PASSWORD="secret1")  # fmt: skip
    assert missing.returncode != 0  # the address is required, named in the error
    assert "set ISOHOLD_PUBLIC_URL in deploy/.env" in missing.stderr + missing.stdout


def test_caddy_accepts_the_caddyfile(tmp_path: Path) -> None:
    if shutil.which("caddy") is None:
        pytest.skip("caddy is not installed")
    out = _run(["caddy", "validate", "--config", str(DEPLOY / "Caddyfile"), "--adapter",
                "caddyfile"], tmp_path, ISOHOLD_PUBLIC_URL=ENV["ISOHOLD_PUBLIC_URL"])  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Valid configuration" in out.stdout + out.stderr


def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    """Verified as installed, with ExecStart pointing at this venv's `isohold`."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    isohold = Path(sys.executable).with_name("isohold")
    unit = (DEPLOY / "isohold.service").read_text()
    assert "/opt/isohold/venv/bin/isohold " in unit
    installed = tmp_path / "isohold.service"
    installed.write_text(unit.replace("/opt/isohold/venv/bin/isohold ", f"{isohold} "))
    out = _run(["systemd-analyze", "verify", str(installed)], tmp_path)
    assert out.returncode == 0 and out.stderr == "", out.stderr
