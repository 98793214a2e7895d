"""Cross-references: every entry cites sources that exist and resolve to a DOI or URL."""

from __future__ import annotations

from isohold.domain.models import Catalogue
from isohold.domain.vocabulary import EVIDENCE


def test_every_exercise_and_protocol_cites_existing_sources(catalogue: Catalogue) -> None:
    entries = [*catalogue.exercises.values(), *catalogue.protocols.values()]
    for entry in entries:
        assert entry.sources, entry.id
        assert all(s in catalogue.sources for s in entry.sources), entry.id
        assert entry.evidence in EVIDENCE
    for proto in catalogue.protocols.values():
        for option in proto.options:
            assert option.sources and option.rows, (proto.id, option.exercise)
            assert option.evidence in EVIDENCE


def test_sources_resolve(catalogue: Catalogue) -> None:
    for source in catalogue.sources.values():
        assert source.ref.startswith(("https://", "http://")), source.id


def test_evidence_rows_cover_reference_sections(catalogue: Catalogue) -> None:
    sections = {row.split(".")[0] for row in catalogue.rows}
    assert {f"T{i}" for i in range(1, 10)} <= sections
    design = [r for r in catalogue.rows.values() if r.id.startswith("DR")]
    assert design and all(r.status == "design-rule" for r in design)


def test_red_flags_have_plain_questions_and_actions(catalogue: Catalogue) -> None:
    for flag in catalogue.red_flags.values():
        assert flag.question.endswith("?"), flag.code
        assert flag.action and flag.meaning
        assert all(r in catalogue.rows for r in flag.rows)


def test_licensed_measures_are_not_shipped(catalogue: Catalogue) -> None:
    names = " ".join(t.name.lower() for t in catalogue.tests.values())
    assert "oswestry" not in names and "neck disability" not in names
    assert "permission" in catalogue.tests["psfs"].licence
