"""The exercise handout: what a clinician hands a patient, as a PDF. One page a program (a
protocol of the plan): each exercise with its figure when one is drawn (else its words only),
steps, cues, the dose, what pain is acceptable, and a QR code that opens the guided session on
a phone (the session's address on the server)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date

from isohold.reports.pdf import html_to_pdf, render_html


@dataclass(frozen=True)
class HandoutExercise:
    name: str
    dose: str  # sets, reps and hold in words
    intensity: str
    side: str
    rest: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    safety: tuple[str, ...]
    figure_svg: str | None = None  # None: text only (no figure for this exercise)


@dataclass(frozen=True)
class HandoutPage:
    program: str  # the protocol's name
    purpose: str
    sessions: str  # "3 sessions a week for 12 weeks"
    exercises: tuple[HandoutExercise, ...]


@dataclass(frozen=True)
class Handout:
    made_on: date
    session_url: str
    max_pain_during: int
    pages: tuple[HandoutPage, ...]
    name: str | None = None


def qr_svg(url: str) -> str:
    """The URL as a QR code in inline SVG (error correction M, a quiet zone of 4 modules)."""
    import segno

    code = segno.make(url, error="m", micro=False)
    return str(code.svg_inline(scale=4, border=4, dark="#000", light="#fff", omitsize=True))


def image_uri(svg: str) -> str:
    """An SVG as an image address: WeasyPrint sizes an <img> by its CSS width and the
    drawing's proportions, which an inline figure with its own width and height does not get."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def handout_html(handout: Handout) -> str:
    return render_html("handout.html", h=handout, qr=qr_svg(handout.session_url), image=image_uri)


def handout_pdf(handout: Handout) -> bytes:
    return html_to_pdf(handout_html(handout))
