"""The static files' version: a hash of their content, so that an upgrade reaches people (the
service worker's cache is named by it and page links carry it, as Datasette does)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

STATIC = Path(__file__).with_name("static")


@lru_cache(maxsize=4)
def static_version(root: Path = STATIC) -> str:
    """12 hex digits of a SHA-256 over every static file's path and bytes, in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
