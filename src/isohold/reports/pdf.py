"""HTML to PDF with WeasyPrint, from the Jinja templates beside this module.

The charts are the pages' own SVG (reports/charts.py). WeasyPrint draws an inline `<svg>` with
its own renderer, which does not see the document's stylesheet, so `printable` gives every
chart SVG a small `<style>` of its own with the print colours (the classes are the same ones
the web stylesheet styles).

WeasyPrint needs the Pango library; without it a `ReportError` says what to install.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from isohold.domain.errors import IsoholdError

TEMPLATES = Path(__file__).parent / "templates"

#: what the chart classes look like on paper (see static/css/charts.css for the screen)
SVG_STYLE = (
    "<style>"
    "text{font-family:'DejaVu Sans',sans-serif;font-size:15px;fill:#374151}"
    ".chart-band{fill:#dbeafe}"
    ".chart-grid{stroke:#d1d5db;stroke-width:1}"
    ".chart-rule{stroke:#b45309;stroke-width:2;stroke-dasharray:6 4}"
    ".chart-note{font-size:14px}"
    ".chart-empty{font-size:16px;font-weight:bold}"
    ".day-done{fill:#15803d}.day-rest{fill:#e5e7eb}"
    "</style>"
)
_SVG_OPEN = re.compile(r"(<svg\b[^>]*>)")


class ReportError(RuntimeError, IsoholdError):
    """A report cannot be made on this computer (a missing system library)."""


def printable(chart_html: str) -> str:
    """Chart HTML with the print style inside each of its SVG elements."""
    return _SVG_OPEN.sub(lambda m: m.group(1) + SVG_STYLE, chart_html)


@cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["num"] = _num
    return env


def _num(value: float | None, digits: int = 1) -> str:
    """A number for a table: 12, 12.5, '-' for none."""
    if value is None:
        return "-"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def render_html(template: str, **context: Any) -> str:
    return str(_environment().get_template(template).render(**context))


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML document (A4, the print stylesheet beside the templates)."""
    try:
        from weasyprint import CSS, HTML  # type: ignore[import-untyped]
    except OSError as exc:  # Pango or GObject missing: WeasyPrint cannot load
        raise ReportError(
            "PDF reports need the Pango library (Debian: apt install libpango-1.0-0 "
            f"libpangoft2-1.0-0): {exc}"
        ) from None
    stylesheet = CSS(filename=str(TEMPLATES / "print.css"))
    document = HTML(string=html, base_url=str(TEMPLATES))
    pdf = document.write_pdf(stylesheets=[stylesheet])
    assert isinstance(pdf, bytes)
    return pdf
