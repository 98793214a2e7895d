"""A fresh PostgreSQL database per test on the machine's server (127.0.0.1:5432, trust auth),
dropped afterwards. The server is started when it is installed but not running."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.support.postgres import admin_connection


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
