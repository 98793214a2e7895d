"""Autostart entries for each platform, read back with the format's own parser."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import subprocess
import sys
from pathlib import Path

from isohold.desktop.autostart import LABEL, entry


def test_linux_xdg_entry(tmp_path: Path) -> None:
    item = entry("linux", "/opt/py/bin/python", "sqlite:////data/my db.db", tmp_path,
                 {"XDG_CONFIG_HOME": str(tmp_path / "cfg")})  # fmt: skip
    assert item.path == tmp_path / "cfg" / "autostart" / "isohold-desk.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(item.text.decode())
    desktop = parser["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    assert shlex.split(desktop["Exec"]) == ["/opt/py/bin/python", "-m", "isohold", "desk",
                                            "--db", "sqlite:////data/my db.db"]  # fmt: skip


def test_macos_launch_agent(tmp_path: Path) -> None:
    item = entry("darwin", "/usr/local/bin/python3", None, tmp_path, {})
    assert item.path == tmp_path / "Library" / "LaunchAgents" / f"{LABEL}.plist"
    plist = plistlib.loads(item.text)
    assert plist["RunAtLoad"] is True
    assert plist["ProgramArguments"] == ["/usr/local/bin/python3", "-m", "isohold", "desk"]


def test_windows_startup_script(tmp_path: Path) -> None:
    item = entry("win32", r"C:\Python311\python.exe", None, tmp_path, {"APPDATA": r"C:\AppData"})
    assert item.path.name == "isohold-desk.cmd" and "Startup" in item.path.parts
    assert item.text == b'@start "" /min "C:\\Python311\\python.exe" "-m" "isohold" "desk"\r\n'


def test_the_command_writes_and_removes_the_entry(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    run = [sys.executable, "-m", "isohold", "desk", "autostart"]
    out = subprocess.run(run, env=env, capture_output=True, text=True, timeout=60, check=True)
    path = tmp_path / "autostart" / "isohold-desk.desktop"
    assert path.exists() and str(path) in out.stdout
    assert f"Exec={shlex.join([sys.executable, '-m', 'isohold', 'desk'])}" in path.read_text()
    subprocess.run([*run, "--remove"], env=env, capture_output=True, timeout=60, check=True)
    assert not path.exists()
