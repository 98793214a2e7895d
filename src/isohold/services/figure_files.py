"""Save a figure as an SVG file, or as a PNG drawn by a headless chromium (the same engine the
browser tests use; no image library is needed)."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from isohold.domain.errors import InputError
from isohold.figures import Figure

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: pixels per SVG unit in a PNG (sharp on high-density screens and in print)
PNG_SCALE = 2
TIMEOUT_S = 60


def save(figure: Figure, path: Path) -> Path:
    """Write the figure to `path`: `.svg` as it is, `.png` through chromium."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        path.write_text(figure.svg + "\n", encoding="utf-8")
        return path
    if suffix == ".png":
        to_png(figure, path)
        return path
    raise InputError("figure", f"{path.name!r}: the file name must end in .svg or .png")


def browser() -> str | None:
    """The first chromium-like browser on PATH, or None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_png(figure: Figure, path: Path, scale: int = PNG_SCALE) -> None:
    exe = browser()
    if exe is None:
        raise InputError(
            "figure",
            "a PNG is drawn by chromium, which was not found (Debian: `apt install chromium`); "
            "save the figure as .svg instead",
        )
    width, height = round(figure.width), round(figure.height)
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>"
        f"{html.escape(figure.title)}</title></head>"
        "<body style='margin:0;background:transparent'>"
        f"{figure.svg}</body></html>"
    )
    with tempfile.TemporaryDirectory(prefix="isohold-figure-") as tmp:
        source = Path(tmp) / "figure.html"
        source.write_text(page, encoding="utf-8")
        target = Path(tmp) / "figure.png"
        args = [
            exe,
            "--headless",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--force-device-scale-factor={scale}",
            f"--window-size={width},{height}",
            "--default-background-color=00000000",
            f"--screenshot={target}",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            source.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # chromium refuses to run as root with its sandbox
        done = subprocess.run(args, capture_output=True, timeout=TIMEOUT_S, check=False)
        if done.returncode != 0 or not target.exists():
            detail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no PNG"]
            raise InputError("figure", f"chromium could not draw the PNG ({detail[0]})")
        shutil.move(str(target), path)
