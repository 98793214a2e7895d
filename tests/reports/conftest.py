"""A six-week history seeded once per module (the services take a few seconds to write it),
and helpers to read a PDF's text and look at its pages."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from isohold.services.context import Context
from tests.reports.seed import seed_history

HISTORY_DAYS = 42


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    folder = tmp_path_factory.mktemp("history")
    ctx = seed_history(f"sqlite:///{folder / 'isohold.db'}", HISTORY_DAYS)
    yield ctx
    ctx.close()


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
