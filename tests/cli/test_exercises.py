"""`isohold exercises` lists the catalogue; `exercises show` gives readable instructions."""

from __future__ import annotations

import json

from tests.support.commands import Run

CONTRACT_KEYS = {
    "id", "name", "regions", "muscles", "equipment", "positions", "progressions", "regressions",
    "sources",
}  # fmt: skip


def test_json_list_has_contract_fields(isohold: Run) -> None:
    out = isohold("exercises", "--format", "json")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert len(items) >= 35
    for item in items:
        assert set(item) >= CONTRACT_KEYS
        assert item["sources"] and all(s.startswith("http") for s in item["sources"])


def test_region_filter(isohold: Run) -> None:
    items = json.loads(isohold("exercises", "--region", "neck", "-f", "json").stdout)
    assert items and all("neck" in i["regions"] for i in items)
    elbow = json.loads(isohold("exercises", "--region", "elbow", "-f", "json").stdout)
    assert {i["id"] for i in elbow} == {"wrist-extension-hold", "wrist-extension-slow"}
    bad = isohold("exercises", "--region", "wrist")
    assert bad.returncode == 2 and "allowed: neck" in bad.stderr


def test_show_gives_numbered_steps_and_safety(isohold: Run) -> None:
    out = isohold("exercises", "show", "side-plank")
    assert out.returncode == 0, out.stderr
    for text in ("How to do it", "1. ", "Safety", "Easier", "side-plank-knees", "Evidence"):
        assert text in out.stdout


def test_show_json(isohold: Run) -> None:
    item = json.loads(isohold("exercises", "show", "wall-sit", "--format", "json").stdout)
    assert item["id"] == "wall-sit" and item["equipment"] == ["wall"]


def test_show_unknown_suggests(isohold: Run) -> None:
    out = isohold("exercises", "show", "side-plonk")
    assert out.returncode == 2
    assert "no exercise 'side-plonk'" in out.stderr and "side-plank" in out.stderr


def test_help_lists_commands(isohold: Run) -> None:
    out = isohold("--help")
    assert out.returncode == 0
    for command in ("screen", "plan", "review", "exercises"):
        assert command in out.stdout
