"""`isohold today` answered again from its last answer while nothing it depends on has changed:
the person's data (the data version kept by the database's triggers, storage/versions.py), the
database schema, the day, the code and catalogue, the options, the environment, the working
folder and the terminal. Otherwise the command runs in full and its answer is kept here.

Reading an answer uses the standard library only (sqlite3, json): no SQLAlchemy, no pydantic,
no Typer, so a repeated `isohold today` starts in a small fraction of the full command's time.
Only SQLite databases given as `sqlite:///PATH` (or the default file) are answered this way; any
doubt (a missing or unreadable file, another kind of database, an option this module does not
know) runs the full command. One answer is kept per database file, in the user's cache folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3  # its errors: a damaged database file is a reason to run in full
import sys
from datetime import datetime
from pathlib import Path

from isohold.services import settings_env
from isohold.services.data_stamp import read_state

#: environment variables that change between two runs of the same command in one shell
_VOLATILE = frozenset({"_", "OLDPWD", "SHLVL", "PWD"})
#: answers kept (one per database file): the oldest go beyond this
KEEP = 32
_PACKAGE = Path(__file__).resolve().parents[1]


def parse(args: list[str]) -> tuple[str | None, str] | None:
    """(--db, --format) of `isohold today ARGS` when those are its only options, else None."""
    db: str | None = None
    fmt = "text"
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if name not in ("--db", "--format"):
            return None
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        if name == "--db":
            db = value
        elif value in ("text", "json"):
            fmt = value
        else:
            return None
    return db, fmt


def database_file(db: str | None) -> Path | None:
    """The SQLite file the command will use (--db, else ISOHOLD_DB, else the default file);
    None for anything this module does not answer."""
    url = db
    if url is None:
        url = settings_env.raw("ISOHOLD_DB")
    if url is None:
        from platformdirs import user_data_path

        return user_data_path("isohold", appauthor=False) / "isohold.db"
    if not url.startswith("sqlite:///") or "?" in url or url == "sqlite:///":
        return None
    return Path(url.removeprefix("sqlite:///"))


def key(db: str | None, fmt: str) -> str:
    """Everything besides the data and the day that the answer depends on, as one digest."""
    h = hashlib.sha256()
    env = sorted((k, v) for k, v in os.environ.items() if k not in _VOLATILE)
    size = shutil.get_terminal_size()
    h.update(json.dumps([db, fmt, env, os.getcwd(), sys.stdout.isatty(), size.columns,
                         size.lines, sys.version]).encode())  # fmt: skip
    folders = [_PACKAGE]
    catalogue = settings_env.raw("ISOHOLD_CATALOGUE")
    if catalogue:
        folders.append(Path(catalogue))
    for folder in folders:  # the code and the catalogue: each file's name, size and time
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                st = os.stat(os.path.join(root, name))
                h.update(f"{root}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _entry_path(file: Path) -> Path:
    from platformdirs import user_cache_path

    name = hashlib.sha256(str(file.resolve()).encode()).hexdigest()[:32]
    return user_cache_path("isohold", appauthor=False) / "today" / f"{name}.json"


def lookup(db: str | None, fmt: str) -> str | None:
    """The kept answer when it still holds, else None (never raises)."""
    try:
        file = database_file(db)
        if file is None:
            return None
        entry_file = _entry_path(file)
        if not entry_file.is_file():
            return None
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        now = datetime.now().replace(microsecond=0)  # as the services' clock (local_now)
        if not (
            datetime.fromisoformat(entry["since"]) <= now < datetime.fromisoformat(entry["until"])
        ):
            return None
        if entry["key"] != key(db, fmt) or entry["state"] != list(read_state(file) or ()):
            return None
        out = entry["out"]
        return out if isinstance(out, str) else None
    except (OSError, ValueError, KeyError, TypeError, sqlite3.Error):
        return None


def remember(
    db: str | None,
    fmt: str,
    stamp: tuple[int, str, int],
    revision: str,
    since: datetime,
    until: datetime,
    out: str,
) -> None:
    """Keep this answer (best effort: a cache that cannot be written is no error)."""
    try:
        file = database_file(db)
        if file is None or not file.is_file():
            return
        entry_file = _entry_path(file)
        entry_file.parent.mkdir(parents=True, exist_ok=True)
        entry = {"key": key(db, fmt), "state": [list(stamp), revision],
                 "since": since.isoformat(), "until": until.isoformat(), "out": out}  # fmt: skip
        partial = entry_file.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(entry), encoding="utf-8")
        partial.replace(entry_file)  # readers see the old answer or the new one, never half
        kept = sorted(entry_file.parent.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        return
