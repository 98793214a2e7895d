"""A fresh PostgreSQL database per test on the machine's server (127.0.0.1:5432, trust auth),
dropped afterwards. The server is started when it is installed but not running."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def admin_connection() -> object:
    import psycopg

    try:
        return psycopg.connect(ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        etc = Path("/etc/postgresql")
        clusters = sorted(etc.glob("*")) if etc.exists() else []
        if not clusters or shutil.which("pg_ctlcluster") is None:
            raise
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1].name, "main",
                        "start"], check=False, capture_output=True, timeout=60)  # fmt: skip
        return psycopg.connect(ADMIN, autocommit=True, connect_timeout=10)


@pytest.fixture
def pg_url() -> Iterator[str]:
    name = f"isohold_{uuid.uuid4().hex[:12]}"
    admin = admin_connection()
    admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[attr-defined]
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')  # type: ignore[attr-defined]
        admin.close()  # type: ignore[attr-defined]
