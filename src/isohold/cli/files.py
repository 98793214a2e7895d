"""Reading the user's documents (profiles, plans, responses) from JSON, YAML or TOML files."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from isohold.domain.errors import InputError


def read_document(path: Path, what: str) -> Any:
    """Parse a JSON, YAML or TOML file (by extension; JSON or YAML when unknown).

    Raises InputError naming the file and the reason; `-` reads standard input as JSON/YAML.
    """
    try:
        text = _read_text(path)
    except OSError as exc:
        raise InputError(what, f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(what, f"{path} is not a UTF-8 text file") from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix == ".json":
            return json.loads(text)
        import yaml  # YAML is a superset of JSON: it reads both

        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise InputError(what, f"{path} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(what, f"{path} is not valid TOML ({exc})") from None
    except Exception as exc:  # yaml.YAMLError without importing yaml at start-up
        if type(exc).__module__.startswith("yaml"):
            raise InputError(what, f"{path} is not valid YAML ({exc})") from None
        raise


def _read_text(path: Path) -> str:
    if str(path) == "-":
        import sys

        return sys.stdin.read()
    return path.read_text(encoding="utf-8")
