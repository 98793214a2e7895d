"""The exercise handout PDF: a page a program with every exercise's name, dose, steps and the
acceptable pain, the figures when isohold.figures draws them, and a QR code that zbar decodes
to the guided session's address."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

from isohold.services import handout, today
from isohold.services.context import Context
from tests.support.pdfs import inked_fraction, page_pngs, pdf_text

URL = "http://192.168.1.20:8000/session"


@pytest.fixture(scope="module")
def pdf(history: Context) -> bytes:
    return handout.handout_pdf(history, URL)


def test_a_page_a_program_with_every_exercise(history: Context, pdf: bytes, tmp_path: Path):
    built = handout.build(history, URL)
    program = today.today(history).plan.program
    assert program is not None
    assert len(built.pages) == len({b.protocol for b in program.blocks})
    pages = page_pngs(pdf, tmp_path)
    assert len(pages) == len(built.pages)
    assert all(inked_fraction(p) > 0.01 for p in pages)
    text = pdf_text(pdf)
    for page in built.pages:
        assert page.program in text
        for ex in page.exercises:
            assert ex.name in text and " ".join(ex.dose.split()) in text
            assert " ".join(ex.steps[0].split())[:50] in text
    assert f"up to {program.max_pain_during}/10 during a hold is acceptable" in text


NO_FIGURES = importlib.util.find_spec("isohold.figures") is None


@pytest.mark.skipif(NO_FIGURES, reason="no isohold.figures yet: the handout is text only")
def test_the_figures_are_drawn_when_the_package_draws_them(history: Context, pdf: bytes):
    built = handout.build(history, URL)
    drawn = [ex for page in built.pages for ex in page.exercises if ex.figure_svg]
    assert drawn, "no exercise of the plan got a figure"
    assert all(ex.figure_svg.lstrip().startswith("<svg") for ex in drawn)  # type: ignore[union-attr]
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert all("/XObject" in page["/Resources"] for page in reader.pages)


def test_without_figures_the_handout_is_text_only(history: Context, monkeypatch):
    monkeypatch.setattr(handout, "_drawer", lambda: None)
    built = handout.build(history, URL)
    assert all(ex.figure_svg is None for page in built.pages for ex in page.exercises)
    assert "Bird dog" in pdf_text(handout.handout_pdf(history, URL))


def test_the_qr_code_opens_the_guided_session(pdf: bytes, tmp_path: Path) -> None:
    if shutil.which("zbarimg") is None:
        pytest.fail("zbarimg is missing: `make system` installs zbar-tools")
    first = page_pngs(pdf, tmp_path, resolution=150)[0]
    found = subprocess.run(["zbarimg", "--quiet", "--raw", str(first)], capture_output=True,
                           text=True, timeout=60)  # fmt: skip
    assert found.stdout.strip() == URL
