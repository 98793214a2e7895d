"""Start `isohold desk` with the desktop session, so breaks come without opening a terminal.

- Linux: an XDG autostart entry (~/.config/autostart/isohold-desk.desktop).
- macOS: a LaunchAgent (~/Library/LaunchAgents/org.isohold.desk.plist).
- Windows: a script in the Startup folder.
Each runs this Python with `-m isohold desk`, plus the database URL when one was given.
"""

from __future__ import annotations

import os
import plistlib
import shlex
from dataclasses import dataclass
from pathlib import Path

LABEL = "org.isohold.desk"


@dataclass(frozen=True)
class Entry:
    path: Path
    text: bytes


def command(python: str, db: str | None) -> list[str]:
    return [python, "-m", "isohold", "desk", *(["--db", db] if db else [])]


def entry(platform: str, python: str, db: str | None, home: Path,
          env: dict[str, str]) -> Entry:  # fmt: skip
    args = command(python, db)
    if platform == "darwin":
        plist = {"Label": LABEL, "ProgramArguments": args, "RunAtLoad": True,
                 "ProcessType": "Interactive"}  # fmt: skip
        return Entry(home / "Library" / "LaunchAgents" / f"{LABEL}.plist", plistlib.dumps(plist))
    if platform == "win32":
        startup = Path(env.get("APPDATA", str(home / "AppData" / "Roaming")))
        folder = startup / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
        line = " ".join(f'"{a}"' for a in args)
        return Entry(folder / "isohold-desk.cmd", f'@start "" /min {line}\r\n'.encode())
    config = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
    text = "\n".join([
        "[Desktop Entry]", "Type=Application", "Name=isohold desk breaks",
        "Comment=Short guided isometric breaks through the work day",
        f"Exec={shlex.join(args)}", "Terminal=false", "X-GNOME-Autostart-enabled=true", "",
    ])  # fmt: skip
    return Entry(config / "autostart" / "isohold-desk.desktop", text.encode())


def this_computer(python: str, db: str | None) -> Entry:
    import sys

    return entry(sys.platform, python, db, Path.home(), dict(os.environ))
