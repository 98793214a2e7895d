"""Reading the user's documents (profiles, plans, responses, backups) from JSON, YAML or TOML
files, and writing output files.

Reading: only regular files (not a folder, `/dev/zero` or a pipe that never ends) up to a size
limit; JSON strictly (no NaN), YAML without anchors and aliases (a 435-byte "billion laughs"
file expands to gigabytes), and every document checked by `strict_json.check_tree`.

Writing: exactly the path given, 0600, through a temporary file (see `isohold.private`); a
missing folder, a folder or a device in its place is a named error.
"""

from __future__ import annotations

import os
import stat
import sys
import tomllib
from pathlib import Path
from typing import Any

from isohold.domain.errors import InputError
from isohold.domain.strict_json import check_tree, loads

#: profiles, plans and responses are a few kilobytes
MAX_DOCUMENT_BYTES = 1024 * 1024
#: a backup carries every record and raw force recording (base64)
MAX_BACKUP_BYTES = 512 * 1024 * 1024


def read_document(path: Path, what: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """Parse a JSON, YAML or TOML file (by extension; JSON or YAML when unknown).

    Raises InputError naming the file and the reason; `-` reads standard input as JSON/YAML.
    """
    text = read_text(path, what, max_bytes)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return loads(text, what)
    try:
        document = tomllib.loads(text) if suffix == ".toml" else _yaml(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(what, f"{path} is not valid TOML ({exc})") from None
    except RecursionError:
        raise InputError(what, f"{path} is nested too deeply") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise InputError(what, f"{path} holds a value isohold cannot read ({exc})") from None
    except Exception as exc:  # yaml.YAMLError without importing yaml at start-up
        if type(exc).__module__.startswith("yaml"):
            raise InputError(what, f"{path} is not valid YAML ({_yaml_reason(exc)})") from None
        raise
    check_tree(document, what)
    return document


def check_input(path: Path, what: str, max_bytes: int) -> Path:
    """A regular file of at most `max_bytes` (not a folder, a device or a pipe)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(what, f"cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(what, f"{path} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(what, f"{path} is not a regular file (a device or a pipe)")
    if info.st_size > max_bytes:
        size, limit = info.st_size / 2**20, max_bytes / 2**20
        raise InputError(
            what, f"{path} is {size:.0f} MiB; isohold reads files of up to {limit:.0f} MiB"
        )
    return path


def read_text(path: Path, what: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """A UTF-8 regular file (or standard input for `-`) of at most `max_bytes`."""
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise InputError(what, f"{path} is a folder, not a file")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(what, f"{path} is not a regular file (a device or a pipe)")
            with path.open("rb") as fh:
                data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(what, f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(what, f"{path} is larger than {max_bytes // 1024} KiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(what, f"{path} is not a UTF-8 text file") from None


def _yaml(text: str) -> Any:
    import yaml  # YAML is a superset of JSON: it reads both

    class NoAliasLoader(yaml.SafeLoader):
        """Refuses anchors and aliases: a small file could otherwise expand without bound."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, "anchors and aliases (&, *) are not allowed", event.start_mark
                )
            return super().compose_node(parent, index)

    return yaml.load(text, Loader=NoAliasLoader)


def _yaml_reason(exc: Exception) -> str:
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if problem and mark is not None:
        return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"
    return str(problem or exc).splitlines()[0]


def check_output(path: Path, field: str, suffix: str | None = None) -> Path:
    """The path of a file to write: its folder must exist; a folder or a device in its place,
    or (when `suffix` is given) another extension, is refused."""
    if suffix is not None and path.suffix.lower() != suffix:
        raise InputError(field, f"{path} must end in {suffix} (the file is written as given)")
    if path.is_dir():
        raise InputError(field, f"{path} is a folder; give a file name")
    if path.exists() and not path.is_file():
        raise InputError(field, f"{path} is not a regular file (a device or a pipe)")
    folder = path.parent
    if not folder.is_dir():
        raise InputError(field, f"the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(field, f"cannot write to the folder {folder}")
    return path


def write_output(path: Path, data: bytes | str, field: str, suffix: str | None = None) -> None:
    """Write `data` to exactly `path` (0600, atomically), or raise InputError naming `field`."""
    from isohold.private import write_private

    check_output(path, field, suffix)
    try:
        write_private(path, data)
    except OSError as exc:
        raise InputError(field, f"cannot write {path}: {exc.strerror or exc}") from None
