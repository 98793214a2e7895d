"""The real `isohold` command, run in a subprocess as a user would: a clean environment, a
home folder of its own (so the default database lives there) and that folder as working
directory."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]
#: a command answers in about a second; this only stops a hung one on a very busy machine
TIMEOUT_S = 300


def runner(home: Path) -> Run:
    """`run(*args, stdin=None, env=None)`: isohold with `args`, `home` as HOME and cwd, and
    `env` added to the few variables it gets."""

    def run(
        *args: str, stdin: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "isohold", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=home,
            timeout=TIMEOUT_S,
            env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "HOME": str(home), **(env or {})},
        )

    return run


def import_probe(entry: str) -> str:
    """A script that runs `isohold ARGS` through `entry` (a module with `run()`) and prints, to
    standard error, the top-level packages it imported: `LOADED ["...", ...]`."""
    return f"""
import json, sys
from {entry} import run
sys.argv = ["isohold", *sys.argv[1:]]
try:
    run()
finally:
    loaded = sorted({{name.split(".")[0] for name in sys.modules}})
    print("LOADED " + json.dumps(loaded), file=sys.stderr)
"""
