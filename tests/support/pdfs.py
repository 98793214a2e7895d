"""Reading the PDFs isohold writes: their text (pypdf) and their pages as PNGs (poppler)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_text(data: bytes) -> str:
    """The text of every page, as pypdf extracts it, with line breaks as spaces."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_pngs(data: bytes, folder: Path, resolution: int = 40) -> list[Path]:
    """Every page rendered to PNG by poppler's pdftoppm."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: `make system` installs poppler-utils")
    pdf = folder / "doc.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(pdf), str(folder / "page")],
                   check=True, timeout=60)  # fmt: skip
    return sorted(folder.glob("page-*.png"))


def inked_fraction(png: Path) -> float:
    """The share of a page's pixels that are not white (0 for a blank page)."""
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
    return 1 - sum(histogram[250:]) / sum(histogram)
