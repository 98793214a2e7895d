"""The README's Privacy section states the limits the code enforces; a changed limit fails here
until the section says so."""

from __future__ import annotations

from pathlib import Path

from isohold.cli.files import MAX_BACKUP_BYTES, MAX_DOCUMENT_BYTES
from isohold.cli.force import MAX_RECORDING_BYTES
from isohold.domain.strict_json import MAX_DEPTH, MAX_NUMBER
from isohold.services import calendar
from isohold.services.settings import Settings
from isohold.storage.ownership import APPLICATION_ID
from isohold.web.access import FIRST_HUMAN_UID
from isohold.web.hosts import loopback_hosts
from isohold.web.limits import MAX_BODY_BYTES

README = Path(__file__).resolve().parents[1] / "README.md"


def _privacy() -> str:
    text = README.read_text()
    start = text.index("\n## Privacy\n")
    return text[start : text.index("\n## ", start + 1)]


def _mib(size: int) -> str:
    return f"{size // 2**20} MiB"


def test_the_privacy_section_states_the_enforced_limits() -> None:
    section = " ".join(_privacy().split())
    expected = [
        "0700", "0600", f"{APPLICATION_ID:#x}", _mib(MAX_BODY_BYTES),
        f"no number above {MAX_NUMBER:.0e}".replace("e+", "e"), f"deeper than {MAX_DEPTH} levels",
        f"profiles, plans and responses up to {_mib(MAX_DOCUMENT_BYTES)}",
        f"backups up to {_mib(MAX_BACKUP_BYTES)}", f"calendars up to {_mib(calendar.MAX_BYTES)}",
        f"at most {calendar.MAX_STEPS:,} occurrences", f"{calendar.MAX_SECONDS:g} seconds",
        f"force recordings up to {_mib(MAX_RECORDING_BYTES)}", f"uid of {FIRST_HUMAN_UID}",
        "/login?code=", "--token", "--no-token", "DNS rebinding",
    ]  # fmt: skip
    for phrase in expected:
        assert phrase in section, phrase
    port = Settings().port
    for host in loopback_hosts(port):
        assert f"`{host.replace(str(port), 'PORT')}`" in section, host
