"""Run the real `isohold` command in a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def isohold(tmp_path: Path) -> Run:
    def run(
        *args: str, stdin: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "isohold", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "HOME": str(tmp_path), **(env or {})},
        )

    return run
