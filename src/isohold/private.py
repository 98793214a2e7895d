"""Files only their owner can read: health data never follows the umask.

Folders isohold creates are 0700 and files it writes are 0600 (the database and, because SQLite
gives them its database's mode, its WAL and shared-memory files; backups, CSV exports, plots,
profiles). The mode is set explicitly after creation, so a permissive umask (0000) cannot widen
it. Writes of whole files go through a temporary file in the same folder and a rename, so a
crash never leaves half a backup behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path, *, tighten: bool = False) -> Path:
    """Create `path` and any missing parents as 0700 folders. An existing folder keeps its mode
    unless `tighten` (for isohold's own data folder)."""
    missing = []
    at = path
    while not at.exists():
        missing.append(at)
        if at.parent == at:
            break
        at = at.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            folder.mkdir(mode=FOLDER_MODE)
            os.chmod(folder, FOLDER_MODE)
    if tighten and path.is_dir() and path.stat().st_mode & 0o077:
        os.chmod(path, FOLDER_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file (nothing happens when it exists)."""
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)


def tighten(*paths: Path) -> None:
    """Make existing regular files 0600 (isohold's own files left readable by an older
    version)."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            info = path.stat()
            if path.is_file() and info.st_mode & 0o077:
                os.chmod(path, FILE_MODE)


@contextlib.contextmanager
def open_private(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Write a whole file, 0600, atomically: `with open_private(p) as fh: fh.write(...)`."""
    if mode not in ("w", "wb"):
        raise ValueError("open_private writes whole files: mode 'w' or 'wb'")
    private_folder(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_private(path: Path, data: bytes | str) -> None:
    """`open_private` for data already in memory."""
    if isinstance(data, str):
        with open_private(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
    else:
        with open_private(path, "wb") as fh:
            fh.write(data)
