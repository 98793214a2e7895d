"""The machine's PostgreSQL server (127.0.0.1:5432, trust auth), started when it is installed
but not running, and a fresh database on it for a test."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def admin_connection() -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        etc = Path("/etc/postgresql")
        clusters = sorted(etc.glob("*")) if etc.exists() else []
        if not clusters or shutil.which("pg_ctlcluster") is None:
            raise
        start = ["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1].name, "main", "start"]
        subprocess.run(start, check=False, capture_output=True, timeout=60)
        return psycopg.connect(ADMIN, autocommit=True, connect_timeout=10)


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new, empty database, dropped (with its connections) afterwards."""
    name = f"isohold_{uuid.uuid4().hex[:12]}"
    with admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        finally:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
